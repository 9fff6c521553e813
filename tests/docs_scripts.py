"""Import the scripts under docs/, which are no package modules, for the tests of them."""

from __future__ import annotations

__all__ = ("import_docs_script",)

import functools
import importlib.util
import pathlib
import sys
import types

_DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"


@functools.cache
def import_docs_script(name: str) -> types.ModuleType:
    """Import ``docs/NAME.py`` once, as module ``docs_NAME``.

    The scripts import each other by plain name, as they do when run (``python docs/generate.py`` puts ``docs/``
    first on the path), so ``docs/`` is added at the end of the path.
    """
    if str(_DOCS) not in sys.path:
        sys.path.append(str(_DOCS))
    spec = importlib.util.spec_from_file_location(f"docs_{name}", _DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module
