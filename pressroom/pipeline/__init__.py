"""The build pipeline: load → validate → model → render → write, stopping between stages on errors.

Each stage is a plain function over the previous stage's value; this package only wires them
and decides when to stop. Nothing is written unless every stage succeeded.

- ``loading``: a site root read, checked and modelled (`Site`), or every problem found.
- ``rendering``: the model's pages planned and rendered into the staged output, the media after them.
- ``building``: a whole build: skipped when nothing changed, loaded, rendered, indexed, put in place.

May import every stage below it (``output`` and down).
"""
