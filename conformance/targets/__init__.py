"""Built-in targets and the resolution of a target name given on the command line."""

from __future__ import annotations

__all__ = ("BUILTIN_TARGETS", "TargetLoadError", "load_adapter")

import importlib
import typing

from conformance.adapter import Adapter
from conformance.targets.hints import module_not_found_hint

BUILTIN_TARGETS: typing.Final[typing.Mapping[str, str]] = {
    "reference": "conformance.targets.reference:ReferenceAdapter",
    "hikari": "conformance.targets.hikari:HikariAdapter",
}
"""Target names and the ``module:attribute`` each stands for."""


class TargetLoadError(Exception):
    """A target name that does not lead to an adapter; the message says why in one line."""


def load_adapter(spec: str) -> Adapter:
    """Return the adapter a target names.

    Parameters
    ----------
    spec : str
        A built-in target name (``reference``, ``hikari``) or ``module:attribute``
        naming an `Adapter` instance, an `Adapter` subclass, or a callable that
        takes no argument and returns an `Adapter`.

    Raises
    ------
    TargetLoadError
        If the module cannot be imported (it is missing, has a syntax error or
        raises on import), the attribute does not exist, or it does not give an
        `Adapter`.
    """
    path = BUILTIN_TARGETS.get(spec, spec)
    module_name, colon, attribute = path.partition(":")
    if not colon or not module_name or not attribute:
        names = ", ".join(BUILTIN_TARGETS)
        raise TargetLoadError(f"unknown target {spec!r}: use one of {names}, or module:attribute")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        hint = " (install the extra: pip install 'interaction-spec[hikari]')" if spec == "hikari" else ""
        hint = hint or module_not_found_hint(module_name, exc)
        raise TargetLoadError(f"cannot import {module_name!r} for target {spec!r}: {exc}{hint}") from exc
    except SyntaxError as exc:
        where = f"{exc.filename}, line {exc.lineno}" if exc.filename else module_name
        raise TargetLoadError(f"cannot import {module_name!r}: syntax error at {where}: {exc.msg}") from exc
    except Exception as exc:
        raise TargetLoadError(f"importing {module_name!r} raised {type(exc).__name__}: {exc}") from exc
    try:
        found: object = getattr(module, attribute)
    except AttributeError:
        raise TargetLoadError(f"module {module_name!r} has no attribute {attribute!r}") from None
    if isinstance(found, Adapter):
        return found
    if callable(found):
        try:
            made = found()
        except Exception as exc:
            raise TargetLoadError(f"{path} could not be called without arguments: {type(exc).__name__}: {exc}") from exc
        if isinstance(made, Adapter):
            return made
        found = made
    raise TargetLoadError(f"{path} gives {type(found).__name__}, not a conformance.adapter.Adapter")
