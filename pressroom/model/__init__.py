"""The catalog: language versions linked into releases and pages, their URLs and routing,
body rendering with link resolution, related releases and translation state.

May import ``source`` and ``base``.
"""
