"""Static conformance: the contract's registry overloads, checked on an implementation's own server class.

``interaction-conformance typecheck module:Class`` runs the project's positive
and negative type-check cases (``conformance/static/cases``) under mypy
--strict and pyright strict with the server typed as ``Class``, and reports per
overload contract which wrong listeners the class accepts and which valid uses
it rejects. It needs the ``static`` extra (mypy and pyright).
"""

from __future__ import annotations

__all__ = (
    "CheckerError",
    "StaticSetupError",
    "StaticTarget",
    "TargetClassError",
    "load_class",
    "run_static",
    "static_cases",
)

from conformance.static.checkers import CheckerError
from conformance.static.run import StaticSetupError
from conformance.static.run import run_static
from conformance.static.run import static_cases
from conformance.static.target import StaticTarget
from conformance.static.target import TargetClassError
from conformance.static.target import load_class
