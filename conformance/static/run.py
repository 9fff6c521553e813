"""A static run: the type-check cases, retyped for one server class, judged case by case.

A negative case passes when *both* checkers report an error on its line that
is about the listener, not about the class's own missing types: mypy's
``no-untyped-call`` and pyright's ``reportUnknown*`` errors also appear on valid
code, so they do not count as rejecting it. A positive case passes when
neither checker reports any error on its lines: code that follows the contract
must type-check in strict mode as it is.

Both rest on the class taking the contract's interaction classes. A class typed
with other interaction classes (a library's own, as hikari's are) rejects every
call the cases make, the right ones with the wrong ones, for the kind alone. A
probe asks that first: one call per registry method and interaction kind, with
a listener of type ``Any``. When a checker rejects a method's probe, the cases
of that method are not verified, saying why, rather than passed or failed.
"""

from __future__ import annotations

__all__ = ("StaticSetupError", "foreign_methods", "judge", "run_static", "static_cases")

import collections
import concurrent.futures
import importlib.util
import pathlib
import re
import tempfile
import time
import typing

from conformance.case import Case
from conformance.catalogue import CLAUSES
from conformance.catalogue import clause
from conformance.model import Mode
from conformance.model import NotVerifiedError
from conformance.runner import CaseResult
from conformance.runner import Outcome
from conformance.runner import RunReport
from conformance.static import checkers
from conformance.static.selection import CASES_ROOT
from conformance.static.selection import METHODS
from conformance.static.selection import SelectedFile
from conformance.static.selection import StaticCaseSpec
from conformance.static.selection import retype
from conformance.static.selection import select

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext
    from conformance.static.target import StaticTarget

STATIC_ONLY: typing.Final = frozenset({Mode.STATIC})
"""The modes of a static case."""

_EXTRA_HINT: typing.Final = "pip install 'interaction-spec[static]'"
_INCIDENTAL_MYPY: typing.Final = frozenset({"no-untyped-call"})
_INCIDENTAL_PYRIGHT_PREFIX: typing.Final = "reportUnknown"
_IMPORT_CODES: typing.Final = frozenset(
    {"import", "import-not-found", "import-untyped", "reportMissingImports", "reportMissingTypeStubs"}
)
_DETAIL_LIMIT: typing.Final = 300
_SITE_PATH: typing.Final = re.compile(r"(?:[A-Za-z]:)?[^\s\"'`]*[/\\](?:site|dist)-packages[/\\]([^\s\"'`:]+)")
"""A path into an installed package, as a checker names it; group 1 is the package's own path."""
_MARKER: typing.Final = re.compile(r"\s*#\s*E:.*$")
"""A negative case's marker comment, which the detail gives as the case's summary."""
_PROBE: typing.Final = "probe.py"
"""The probe's file name in the checked directory, beside ``positive/`` and ``negative/``."""
_PROBE_MODULE: typing.Final = "_probed_target_module"
_KINDS: typing.Final = ("CommandInteraction", "ComponentInteraction", "AutocompleteInteraction", "ModalInteraction")
"""The contract's interaction classes, one per kind a listener is registered for."""


class StaticSetupError(Exception):
    """The run cannot be carried out (no checker, no stubs, an unresolvable import); one line says why."""


async def _checked_by_the_checkers(context: CaseContext) -> None:
    raise NotVerifiedError("a static case is checked by mypy and pyright: interaction-conformance typecheck")


def _case(spec: StaticCaseSpec) -> Case:
    return Case(spec.id, clause(spec.clause_id), spec.summary, _checked_by_the_checkers, STATIC_ONLY)


def static_cases(root: pathlib.Path = CASES_ROOT) -> tuple[Case, ...]:
    """Return the static cases by clause in the catalogue's order, then by file and line; nothing runs."""
    cases = [_case(spec) for selected in select(root) for spec in selected.cases]
    order = {entry.id: index for index, entry in enumerate(CLAUSES)}
    return tuple(sorted(cases, key=lambda case: order[case.clause.id]))


def _stubbed_site(work: pathlib.Path) -> pathlib.Path:
    """Lay ``interaction_spec`` out under ``work`` with its stubs beside the modules, and return the directory.

    Installed from the wheel, the package has them; in a source checkout they
    are in ``stubs/``. A copy, first on the checkers' search path, is what the
    cases are checked against either way (mypy refuses a site-packages
    directory on its search path).
    """
    found = importlib.util.find_spec("interaction_spec")
    if found is None or found.origin is None:
        raise StaticSetupError("interaction_spec cannot be found")
    package = pathlib.Path(found.origin).resolve().parent
    stubs = package if (package / "__init__.pyi").is_file() else package.parent / "stubs" / "interaction_spec"
    if not (stubs / "__init__.pyi").is_file():
        raise StaticSetupError(f"interaction_spec in {package} has no stubs beside it; install the wheel")
    overlay = work / "site" / "interaction_spec"
    overlay.mkdir(parents=True)
    for source in (*package.glob("*.py"), package / "py.typed", *stubs.glob("*.pyi")):
        (overlay / source.name).write_bytes(source.read_bytes())
    return overlay.parent


def _write_cases(root: pathlib.Path, files: typing.Sequence[SelectedFile], target: StaticTarget) -> list[str]:
    names: list[str] = []
    for kind in ("positive", "negative"):
        (root / kind).mkdir(parents=True)
        (root / kind / "__init__.py").write_text("", encoding="utf-8")
    for selected in files:
        if selected.cases:
            (root / selected.name).write_text(retype(selected, target.module, target.qualname), encoding="utf-8")
            names.append(selected.name)
    return names


def _write_probe(root: pathlib.Path, target: StaticTarget) -> dict[int, tuple[str, str]]:
    """Write the probe beside the cases; return its call lines' registry method and interaction kind."""
    lines = [
        '"""Does the class take the contract\'s interaction classes? One call per registry method and kind."""',
        "import typing",
        f"from interaction_spec import {', '.join(_KINDS)}",
        f"import {target.module} as {_PROBE_MODULE}",
    ]
    calls: dict[int, tuple[str, str]] = {}
    for method in METHODS:
        lines.append(f"def probe_{method}(server: {_PROBE_MODULE}.{target.qualname}) -> None:")
        for kind in _KINDS:
            listener = ", typing.cast(typing.Any, None)" if method == "set_listener" else ""
            lines.append(f"    server.{method}({kind}{listener})")
            calls[len(lines)] = (method, kind)
    (root / _PROBE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return calls


def foreign_methods(
    diagnostics: typing.Iterable[checkers.Diagnostic], calls: typing.Mapping[int, tuple[str, str]]
) -> dict[str, str]:
    """Return, by registry method, why the class does not take the contract's interaction classes.

    Parameters
    ----------
    diagnostics : typing.Iterable[checkers.Diagnostic]
        The checkers' errors, the probe's among them.
    calls : typing.Mapping[int, tuple[str, str]]
        The probe's call lines: registry method and interaction kind.

    Returns
    -------
    dict[str, str]
        For each method whose probe a checker rejects for more than the class's missing types, a detail
        naming the kinds rejected and the first checker's message; empty when the class takes them all.
    """
    kinds: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for error in diagnostics:
        found = calls.get(error.line) if error.file == _PROBE and not _incidental(error) else None
        if found is None:
            continue
        method, kind = found
        if kind not in kinds.setdefault(method, []):
            kinds[method].append(kind)
        first.setdefault(method, f"{error.checker}: {_short(error.message)}")
    details: dict[str, str] = {}
    for method, rejected in kinds.items():
        which = "interaction classes" if len(rejected) == len(_KINDS) else ", ".join(rejected)
        details[method] = f"{method} rejects the contract's {which}, whatever the listener: {first[method]}"
    return details


def _run_checkers(
    root: pathlib.Path, names: typing.Sequence[str], search_path: typing.Sequence[pathlib.Path]
) -> list[checkers.Diagnostic]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        mypy = pool.submit(checkers.run_mypy, root, names, search_path)
        pyright = pool.submit(checkers.run_pyright, root, names, search_path)
        return [*mypy.result(), *pyright.result()]


def _incidental(diagnostic: checkers.Diagnostic) -> bool:
    """Whether the error comes from the class's missing types rather than from the call."""
    if diagnostic.checker == "mypy":
        return diagnostic.code in _INCIDENTAL_MYPY
    return diagnostic.code.startswith(_INCIDENTAL_PYRIGHT_PREFIX)


def _short(text: str) -> str:
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 3] + "..."


def _quoted(source: typing.Sequence[str], line: int) -> str:
    """Return the case's source line, quoted, for a detail: what the checker accepted or rejected."""
    text = _MARKER.sub("", source[line - 1]) if 0 < line <= len(source) else ""
    text = " ".join(text.split())
    return f" `{text}`" if text else ""


def _tidy(message: str) -> str:
    """Return a checker's message with paths into an installed package shortened to the package's own path."""
    return _SITE_PATH.sub(r"\1", message)


def _judge_negative(
    spec: StaticCaseSpec,
    errors: typing.Mapping[tuple[str, str, int], list[checkers.Diagnostic]],
    source: typing.Sequence[str],
) -> tuple[Outcome, str]:
    [line] = spec.lines
    accepting: list[str] = []
    only_incidental: list[str] = []
    for checker in checkers.CHECKERS:
        found = errors.get((checker, spec.file, line), [])
        if not any(not _incidental(error) for error in found):
            accepting.append(checker)
            if found:
                only_incidental.append(f"{checker} only says: {_tidy(found[0].message)}")
    if not accepting:
        return Outcome.PASSED, ""
    who = " and ".join(accepting)
    detail = (
        f"{who} accept{'s' if len(accepting) == 1 else ''} {spec.file}:{line}{_quoted(source, line)} ({spec.summary})"
    )
    if only_incidental:
        detail += f"; {'; '.join(only_incidental)}"
    return Outcome.FAILED, _short(detail)


def _judge_positive(
    spec: StaticCaseSpec,
    errors: typing.Mapping[tuple[str, str, int], list[checkers.Diagnostic]],
    source: typing.Sequence[str],
) -> tuple[Outcome, str]:
    rejections: list[str] = []
    for checker in checkers.CHECKERS:
        found = [error for line in sorted(spec.lines) for error in errors.get((checker, spec.file, line), [])]
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            where = f"{spec.file}:{found[0].line}{_quoted(source, found[0].line)}"
            rejections.append(f"{checker} rejects {where}: {_tidy(found[0].message)}{more}")
    if not rejections:
        return Outcome.PASSED, ""
    return Outcome.FAILED, _short("; ".join(rejections))


def judge(
    files: typing.Sequence[SelectedFile],
    diagnostics: typing.Iterable[checkers.Diagnostic],
    foreign: typing.Mapping[str, str] | None = None,
) -> list[CaseResult]:
    """Turn the checkers' errors into one result per static case.

    Parameters
    ----------
    files : typing.Sequence[SelectedFile]
        The selected case files.
    diagnostics : typing.Iterable[checkers.Diagnostic]
        Every error both checkers reported over them.
    foreign : typing.Mapping[str, str] or None
        `foreign_methods`: the registry methods whose cases are not verified, and why.

    Returns
    -------
    list[CaseResult]
        The results, in the order of the files and their cases.

    Raises
    ------
    StaticSetupError
        If a checker could not resolve an import of a case file: the cases
        were not checked against what they import.
    """
    errors: dict[tuple[str, str, int], list[checkers.Diagnostic]] = collections.defaultdict(list)
    checked = {selected.name for selected in files if selected.cases}
    for error in diagnostics:
        if error.file in checked and error.code in _IMPORT_CODES:
            raise StaticSetupError(f"{error.checker}: {error.file}:{error.line}: {error.message}")
        errors[(error.checker, error.file, error.line)].append(error)
    results: list[CaseResult] = []
    for selected in files:
        source = selected.text.splitlines()
        for spec in selected.cases:
            if foreign and spec.method in foreign:
                outcome, detail = Outcome.NOT_VERIFIED, foreign[spec.method]
            else:
                outcome, detail = (_judge_positive if spec.positive else _judge_negative)(spec, errors, source)
            results.append(CaseResult(_case(spec), outcome, detail, 0.0))
    return results


def run_static(target: StaticTarget, *, suite_version: str, root: pathlib.Path = CASES_ROOT) -> RunReport:
    """Type-check the cases with the server retyped as ``target`` and judge them.

    Parameters
    ----------
    target : StaticTarget
        The server class.
    suite_version : str
        The version the report names.
    root : pathlib.Path
        The directory holding ``positive/`` and ``negative/``.

    Returns
    -------
    RunReport
        One result per static case, in `Mode.STATIC`.

    Raises
    ------
    StaticSetupError
        If mypy or pyright is missing, ``interaction_spec`` has no stubs, or a
        checker cannot resolve an import of the cases (the target's module included).
    checkers.CheckerError
        If a checker crashed or its output could not be read.
    """
    missing = checkers.missing_checkers()
    if missing:
        raise StaticSetupError(f"typecheck needs {' and '.join(missing)}: {_EXTRA_HINT}")
    started = time.perf_counter()
    files = select(root)
    with tempfile.TemporaryDirectory(prefix="interaction-conformance-static-") as tmp:
        cases_dir = pathlib.Path(tmp) / "cases"
        names = _write_cases(cases_dir, files, target)
        probe = _write_probe(cases_dir, target)
        search_path = [_stubbed_site(pathlib.Path(tmp))]
        if target.search_root is not None:
            search_path.append(target.search_root)
        diagnostics = _run_checkers(cases_dir, [*names, _PROBE], search_path)
        results = judge(files, diagnostics, foreign_methods(diagnostics, probe))
    return RunReport(
        suite_version, target.spec, Mode.STATIC, False, tuple(results), duration_s=time.perf_counter() - started
    )
