"""What every layer uses: problems and exit codes, languages with their Babel locale and
catalogs, progress on the terminal, parallel workers, typography, and the dataclass methods
`build.py` keeps compiled between runs.

May import nothing else of pressroom.
"""
