"""The preview server and its quick rebuilds of only the pages an edit changed, which
command-line builds also resume from when the last build left its model.

May import ``pressroom.pipeline`` and every stage below it; not ``workflow`` or ``cli``.
"""
