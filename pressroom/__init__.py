"""pressroom: a static site generator for multilingual press releases where every language stands as an equal.

The package is a pipeline, one sub-package per stage, with the work around it beside:

- ``base``: what every layer uses (problems and exit codes, languages, progress, workers).
- ``source``: reading and validating a site root (config, content, front matter, partners, Markdown).
- ``model``: the catalog (versions linked into releases and pages, URLs, related releases, translation state).
- ``pages``: view models for every kind of page, planned before anything is rendered.
- ``output``: turning plans into files (Jinja, the staged writer, the search index).
- ``pipeline`` wires the stages; ``workflow`` (editors' and translators' commands) and ``preview``
  (the preview server) build on it; ``cli`` is the command line.

Layers import only downward, in that order; tests/test_architecture.py enforces it.
"""

__version__ = "0.1.0"
