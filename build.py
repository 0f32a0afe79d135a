#!/usr/bin/env python3
"""Entry point: `python build.py [command] [options]`; the engine lives in the `pressroom` package."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pressroom.cli import main

if __name__ == "__main__":
    sys.exit(main())
