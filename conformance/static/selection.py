"""Which statements of the type-check cases are static cases, and how the server is retyped in them.

The cases in ``conformance/static/cases`` call the registry on a parameter
``server: InteractionServer``. A function with such a parameter that calls
``server.set_listener`` or ``server.get_listener`` is *selected*: its
parameter's annotation is retyped as the target class, and

* in ``negative/``, each line marked ``# E: <reason>`` in it is one case: the
  checkers must reject it;
* in ``positive/``, the function is one case per registry method it uses:
  the checkers must accept every line of it.

A line belongs to the registry method its statement calls on ``server``; a
statement that calls neither (say, calling the listener ``get_listener``
returned) belongs to ``get_listener`` when the function uses it, else to
``set_listener``. A statement that only calls another method of ``server``
(``on_interaction``) is about no overload and is left out.
"""

from __future__ import annotations

__all__ = ("CASES_ROOT", "METHODS", "SelectedFile", "StaticCaseSpec", "retype", "select")

import ast
import dataclasses
import pathlib
import re
import typing

CASES_ROOT: typing.Final = pathlib.Path(__file__).resolve().parent / "cases"
"""The directory holding ``positive/`` and ``negative/`` (package data)."""

METHODS: typing.Final = ("set_listener", "get_listener")
"""The overloaded registry methods whose contract is checked."""

_SERVER: typing.Final = "server"
_SERVER_CLASS: typing.Final = "InteractionServer"
_MARKER: typing.Final = re.compile(r"#\s*E:\s*(?P<reason>\S.*?)\s*$")
_NOT_SLUG: typing.Final = re.compile(r"[^a-z0-9]+")
_TARGET_MODULE: typing.Final = "_static_target_module"


@dataclasses.dataclass(frozen=True, slots=True)
class StaticCaseSpec:
    """One static case, before it is judged."""

    id: str
    """``static.<method>-rejects.<file>.<reason>`` or ``static.<method>-accepts.<file>.<function>``."""
    clause_id: str
    file: str
    """``positive/<name>.py`` or ``negative/<name>.py``."""
    lines: frozenset[int]
    """The lines whose errors decide the case: the marked line, or the function's lines of this method."""
    summary: str
    """The marker's reason, or what the function does."""
    positive: bool

    @property
    def method(self) -> str:
        """The registry method the case is about: one of `METHODS`."""
        return self.clause_id.removeprefix("static.").rsplit("-", 1)[0].replace("-", "_")


@dataclasses.dataclass(frozen=True, slots=True)
class SelectedFile:
    """A case file with its selected functions and cases."""

    name: str
    text: str
    annotations: tuple[tuple[int, int, int], ...]
    """``(line, start column, end column)`` of every ``server`` annotation to retype."""
    cases: tuple[StaticCaseSpec, ...]
    checked_lines: frozenset[int]
    """Every line of the selected functions: errors elsewhere in a positive file mean the run is broken."""


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _is_server_annotation(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Name):
        return node.id == _SERVER_CLASS
    return isinstance(node, ast.Attribute) and node.attr == _SERVER_CLASS


def _server_parameter(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.arg | None:
    arguments = function.args
    for parameter in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs):
        if parameter.arg == _SERVER and _is_server_annotation(parameter.annotation):
            return parameter
    return None


def _server_calls(node: ast.AST) -> list[str]:
    """Return the names of the methods called on ``server`` inside ``node``, in order."""
    return [
        sub.func.attr
        for sub in ast.walk(node)
        if isinstance(sub, ast.Call)
        and isinstance(sub.func, ast.Attribute)
        and isinstance(sub.func.value, ast.Name)
        and sub.func.value.id == _SERVER
    ]


def _simple_statements(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    """Return the statements of ``function`` that hold no other statement."""
    found: list[ast.stmt] = []
    for node in ast.walk(function):
        if node is function or not isinstance(node, ast.stmt):
            continue
        if not any(isinstance(child, ast.stmt) for child in ast.iter_child_nodes(node)):
            found.append(node)
    return found


def _line_methods(function: ast.FunctionDef | ast.AsyncFunctionDef, used: typing.Sequence[str]) -> dict[int, str]:
    """Map each line of the function's statements to the registry method it is about (absent: about none)."""
    default = "get_listener" if "get_listener" in used else "set_listener"
    by_line: dict[int, str] = {}
    for statement in sorted(_simple_statements(function), key=lambda node: node.lineno):
        calls = _server_calls(statement)
        methods = [name for name in calls if name in METHODS]
        if calls and not methods:
            continue
        method = methods[0] if methods else default
        for line in range(statement.lineno, (statement.end_lineno or statement.lineno) + 1):
            by_line.setdefault(line, method)
    return by_line


def _clause_id(method: str, *, positive: bool) -> str:
    return f"static.{method.replace('_', '-')}-{'accepts' if positive else 'rejects'}"


def _select_file(name: str, text: str) -> SelectedFile:
    tree = ast.parse(text, filename=name)
    positive = name.startswith("positive/")
    stem = _slug(pathlib.PurePosixPath(name).stem)
    source_lines = text.splitlines()
    annotations: list[tuple[int, int, int]] = []
    cases: list[StaticCaseSpec] = []
    checked: set[int] = set()
    taken: set[str] = set()
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        parameter = _server_parameter(function)
        used = [method for method in METHODS if method in _server_calls(function)]
        if parameter is None or not used or parameter.annotation is None:
            continue
        annotation = parameter.annotation
        if annotation.lineno != annotation.end_lineno or annotation.end_col_offset is None:
            continue
        annotations.append((annotation.lineno, annotation.col_offset, annotation.end_col_offset))
        checked.update(range(function.lineno, (function.end_lineno or function.lineno) + 1))
        by_line = _line_methods(function, used)
        if positive:
            for method in used:
                lines = frozenset(line for line, owner in by_line.items() if owner == method)
                case_id = f"{_clause_id(method, positive=True)}.{stem}.{_slug(function.name)}"
                summary = f"{name}: {function.name}() uses {method} as the contract allows"
                cases.append(StaticCaseSpec(case_id, _clause_id(method, positive=True), name, lines, summary, True))
            continue
        for line in sorted(by_line):
            marker = _MARKER.search(source_lines[line - 1])
            if marker is None:
                continue
            owner = by_line[line]
            reason = marker.group("reason")
            base = f"{_clause_id(owner, positive=False)}.{stem}.{_slug(reason)}"
            case_id, count = base, 1
            while case_id in taken:
                count += 1
                case_id = f"{base}-{count}"
            taken.add(case_id)
            clause_id = _clause_id(owner, positive=False)
            cases.append(StaticCaseSpec(case_id, clause_id, name, frozenset({line}), reason, False))
    return SelectedFile(name, text, tuple(annotations), tuple(cases), frozenset(checked))


def select(root: pathlib.Path = CASES_ROOT) -> tuple[SelectedFile, ...]:
    """Return every case file under ``root/positive`` and ``root/negative`` with its selected cases.

    Parameters
    ----------
    root : pathlib.Path
        The directory holding ``positive/`` and ``negative/``.

    Returns
    -------
    tuple[SelectedFile, ...]
        The files, sorted by name; a file without a selected function has no case.
    """
    files: list[SelectedFile] = []
    for kind in ("positive", "negative"):
        for path in sorted((root / kind).glob("*.py")):
            if path.name != "__init__.py":
                files.append(_select_file(f"{kind}/{path.name}", path.read_text(encoding="utf-8")))
    return tuple(files)


def retype(selected: SelectedFile, module: str, qualname: str) -> str:
    """Return the file's text with every selected ``server`` annotated as ``module.qualname``.

    Line numbers are kept: each annotation becomes a string naming the class
    through a module alias imported on a line appended at the end (a string
    annotation may refer forward).

    Parameters
    ----------
    selected : SelectedFile
        The file and its annotations.
    module : str
        The module that defines the class.
    qualname : str
        The class's qualified name in that module.

    Returns
    -------
    str
        The retyped source.
    """
    lines = selected.text.splitlines()
    for line, start, end in sorted(selected.annotations, key=lambda item: (item[0], -item[1])):
        raw = lines[line - 1].encode()  # the AST's columns count UTF-8 bytes
        lines[line - 1] = f'{raw[:start].decode()}"{_TARGET_MODULE}.{qualname}"{raw[end:].decode()}'
    if selected.annotations:
        lines.append(f"import {module} as {_TARGET_MODULE}")
    return "\n".join(lines) + "\n"
