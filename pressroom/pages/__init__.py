"""View models for every kind of page: the frame every page shares, releases and standalone
pages, lists and pagers, partners (map and timeline), feeds, sitemap and structured data.

The plan of every page (its URL, template and view) is made here before anything renders.
May import ``model``, ``source`` and ``base``.
"""
