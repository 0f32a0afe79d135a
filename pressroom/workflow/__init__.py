"""Editors' and translators' commands: translation status and confirmation, scaffolding new
releases, the UI catalogs.

May import ``pressroom.pipeline`` and every stage below it; not ``preview`` or ``cli``.
"""
