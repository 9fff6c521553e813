"""``python -m implementations``: run the results matrix (see `implementations.cli`)."""

from __future__ import annotations

import sys

from implementations.cli import main

if __name__ == "__main__":
    sys.exit(main())
