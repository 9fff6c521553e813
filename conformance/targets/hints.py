"""What to do when the module a target names cannot be found: how Python looks for it."""

from __future__ import annotations

__all__ = ("module_not_found_hint",)

import pathlib


def module_not_found_hint(module_name: str, error: ImportError, folder: pathlib.Path | None = None) -> str:
    """Return how to make ``module_name`` importable, when it is that module (not one it imports) that is missing.

    Parameters
    ----------
    module_name : str
        The module the command line named.
    error : ImportError
        What importing it raised.
    folder : pathlib.Path | None
        Where the command runs; the current directory by default.

    Returns
    -------
    str
        A hint starting with ``": "``, or an empty string when the error is
        about something else (a module the target itself imports).
    """
    missing = error.name if isinstance(error, ModuleNotFoundError) else None
    if missing is None or not (module_name == missing or module_name.startswith(missing + ".")):
        return ""
    folder = folder if folder is not None else pathlib.Path.cwd()
    relative = pathlib.Path(*module_name.split("."))
    found = next(
        (path for path in (relative.with_suffix(".py"), relative / "__init__.py") if (folder / path).is_file()), None
    )
    if found is not None:
        return (
            f": {found} is in this folder, but the interaction-conformance command does not look here: run it as "
            f"'PYTHONPATH=. interaction-conformance ...' or 'python -m conformance ...'"
        )
    return (
        f": Python looks for {module_name} on its path; run from the folder that holds {relative}.py with "
        f"PYTHONPATH=. (or 'python -m conformance ...' there), or install the package that provides it"
    )
