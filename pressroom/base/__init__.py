"""What every layer uses: problems and exit codes, languages with their Babel locale and
catalogs, the texts made from Babel's tables remembered between builds, progress on the
terminal, parallel workers, typography, commands as messages write them, and the code
`build.py` keeps compiled between runs (dataclass methods, regular expressions).

May import nothing else of pressroom.
"""
