"""The implementations the results matrix runs, one folder each, and the command that runs them.

``python -m implementations`` installs what is missing, starts each
implementation's endpoint, runs the suite against it and rewrites
``docs/matrix.md``; ``--only NAME`` runs one. Each folder holds an
``implementation.json`` (`implementations.manifest`), a driver, a lockfile and a
README; ``docs/matrix.md`` says how to add one.
"""

from __future__ import annotations

__all__ = ()
