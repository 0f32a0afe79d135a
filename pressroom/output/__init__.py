"""Turning page plans into files: Jinja environments and rendering, the staged writer that
replaces the output folder only after a whole build succeeded, and the search index.

May import ``pages``, ``model``, ``source`` and ``base``.
"""
