"""The preview server and its quick rebuilds of only the pages an edit changed.

May import ``pressroom.pipeline`` and every stage below it; not ``workflow`` or ``cli``.
"""
