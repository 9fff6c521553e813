"""Deliberately broken servers that the conformance suite must catch: its power, tested.

See `tests.mutants.servers` for the mutants and their declarations, and
`tests.test_mutants` for the tests that hold the suite to them.
"""

from __future__ import annotations

__all__ = ("MUTANTS", "Mutant", "MutantAdapter")

from tests.mutants.servers import MUTANTS
from tests.mutants.servers import Mutant
from tests.mutants.servers import MutantAdapter
