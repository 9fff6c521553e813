"""The class a static run checks: ``module:Class``, imported, and where the checkers find it."""

from __future__ import annotations

__all__ = ("StaticTarget", "TargetClassError", "load_class")

import dataclasses
import importlib
import pathlib
import site
import sysconfig

from conformance.targets.hints import module_not_found_hint


class TargetClassError(Exception):
    """``module:Class`` names no importable class; the message says why in one line."""


@dataclasses.dataclass(frozen=True, slots=True)
class StaticTarget:
    """A server class, as the checkers are to see it."""

    spec: str
    """``module:Class`` as given."""
    module: str
    qualname: str
    search_root: pathlib.Path | None
    """The directory the module was imported from, when the checkers would not find it in site-packages."""


def _site_directories() -> set[pathlib.Path]:
    paths = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    paths.update(site.getsitepackages())
    paths.add(site.getusersitepackages())
    return {pathlib.Path(path).resolve() for path in paths}


def _search_root(module: object, name: str) -> pathlib.Path | None:
    file = getattr(module, "__file__", None)
    if not isinstance(file, str):
        return None
    path = pathlib.Path(file).resolve()
    depth = name.count(".") + (1 if path.stem == "__init__" else 0)
    root = path.parents[depth]
    return None if root in _site_directories() else root


def load_class(spec: str) -> StaticTarget:
    """Import ``module:Class`` and check that it names a class.

    Parameters
    ----------
    spec : str
        ``module:Class``; the class may be nested (``module:Outer.Inner``).

    Returns
    -------
    StaticTarget
        The class's module, qualified name and search root.

    Raises
    ------
    TargetClassError
        If ``spec`` is not ``module:Class``, the module cannot be imported, or
        the attribute is missing or not a class.
    """
    module_name, colon, qualname = spec.partition(":")
    if not colon or not module_name or not qualname:
        raise TargetClassError(f"{spec!r} is not module:Class")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        hint = module_not_found_hint(module_name, exc)
        raise TargetClassError(f"cannot import {module_name!r}: {exc}{hint}") from None
    except SyntaxError as exc:
        raise TargetClassError(f"cannot import {module_name!r}: syntax error at line {exc.lineno}: {exc.msg}") from None
    except Exception as exc:
        raise TargetClassError(f"importing {module_name!r} raised {type(exc).__name__}: {exc}") from None
    found: object = module
    for part in qualname.split("."):
        try:
            found = getattr(found, part)
        except AttributeError:
            raise TargetClassError(f"{module_name!r} has no attribute {qualname!r}") from None
    if not isinstance(found, type):
        raise TargetClassError(f"{spec} is {type(found).__name__}, not a class")
    return StaticTarget(spec, module_name, qualname, _search_root(module, module_name))
