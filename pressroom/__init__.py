"""pressroom: a static site generator for multilingual press releases where every language stands as an equal.

The pipeline is load → validate → model → render → write; each stage is a module of plain
functions over frozen dataclasses (see README.md, "Architecture").
"""

__version__ = "0.1.0"
