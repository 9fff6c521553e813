"""The ``interaction-conformance`` command.

Exit status: 0 the target conforms; 1 it does not; 2 a usage or target error,
reported in one line on stderr.
"""

from __future__ import annotations

__all__ = ("main",)

import argparse
import logging
import os
import pathlib
import sys
import typing

import interaction_spec

_PROG: typing.Final = "interaction-conformance"
EXIT_CONFORMANT: typing.Final = 0
EXIT_NOT_CONFORMANT: typing.Final = 1
EXIT_USAGE: typing.Final = 2


class UsageError(Exception):
    """A problem with the command line or the target; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise UsageError(message)


def _prefixes(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _seed(text: str) -> bytes:
    try:
        seed = bytes.fromhex(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--signing-seed must be hexadecimal, got {text!r}") from None
    if len(seed) != 32:
        raise argparse.ArgumentTypeError(f"--signing-seed must be 64 hex characters (32 bytes), got {len(seed)} bytes")
    return seed


def _output_path(text: str) -> pathlib.Path:
    path = pathlib.Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a directory, not a file path")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"the directory of {text!r} does not exist")
    return path


def build_parser() -> argparse.ArgumentParser:
    """Return the command's argument parser."""
    parser = _Parser(
        prog=_PROG,
        description="Check that a Discord HTTP-interaction server conforms to the interaction-spec contract.",
        epilog="Exit status: 0 conformant, 1 not conformant, 2 usage or target error.",
    )
    parser.add_argument(
        "--target",
        default="reference",
        help="'reference' (default), 'hikari', or module:attribute naming a conformance.adapter.Adapter",
    )
    parser.add_argument("--strict", action="store_true", help="SHOULD and MAY failures also fail the run")
    parser.add_argument(
        "--list", action="store_true", help="list the selected cases (ID, level, what each checks) and exit"
    )
    parser.add_argument(
        "--only", action="append", metavar="PREFIX", help="run only cases whose ID starts with PREFIX (repeatable)"
    )
    parser.add_argument("--skip", action="append", metavar="PREFIX", help="skip cases whose ID starts with PREFIX")
    parser.add_argument("--json", type=_output_path, metavar="PATH", help="write the JSON report to PATH")
    parser.add_argument("--junit-xml", type=_output_path, metavar="PATH", help="write a JUnit XML report to PATH")
    parser.add_argument("--signing-seed", type=_seed, metavar="HEX", help="32-byte Ed25519 seed to sign requests with")
    parser.add_argument("--show-target-logs", action="store_true", help="let the target's log records reach stderr")
    parser.add_argument("--no-color", action="store_true", help="no colours in the terminal report")
    parser.add_argument("--version", action="version", version=f"%(prog)s {interaction_spec.__version__}")
    return parser


def _run(argv: typing.Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from conformance.cases import ALL_CASES  # noqa: PLC0415 - needs the suite extra (PyNaCl)
        from conformance.runner import Runner  # noqa: PLC0415
        from conformance.runner import RunReport  # noqa: PLC0415
        from conformance.runner import select_cases  # noqa: PLC0415
        from conformance.runner import unmatched_prefixes  # noqa: PLC0415
        from conformance.signing import DEFAULT_SEED  # noqa: PLC0415
        from conformance.signing import Signer  # noqa: PLC0415
        from conformance.targets import TargetLoadError  # noqa: PLC0415
        from conformance.targets import load_adapter  # noqa: PLC0415
    except ImportError as exc:
        raise UsageError(f"the suite needs its extra: pip install 'interaction-spec[suite]' ({exc})") from None
    from conformance import reports  # noqa: PLC0415
    from conformance.model import Mode  # noqa: PLC0415

    only, skip = _prefixes(args.only), _prefixes(args.skip)
    mode = Mode.IN_PROCESS
    for option, prefixes in (("--only", only), ("--skip", skip)):
        for prefix in unmatched_prefixes(ALL_CASES, mode, prefixes):
            raise UsageError(f"{option} {prefix!r} matches no case (see --list)")
    cases = select_cases(ALL_CASES, mode, only=only, skip=skip)
    if not cases:
        raise UsageError("the selection leaves no case to run")

    if args.list:
        width = max(len(case.id) for case in cases)
        _print("".join(f"{case.id:<{width}}  {case.level.value:<6}  {case.summary}\n" for case in cases))
        return EXIT_CONFORMANT

    try:
        adapter = load_adapter(args.target)
    except TargetLoadError as exc:
        raise UsageError(str(exc)) from None

    if not args.show_target_logs:
        logging.getLogger().addHandler(logging.NullHandler())
        logging.getLogger().setLevel(logging.CRITICAL + 1)

    with Runner(Signer(args.signing_seed or DEFAULT_SEED), adapter=adapter) as runner:
        results = tuple(runner.run(cases))
    report = RunReport(interaction_spec.__version__, args.target, mode, args.strict, results)

    for path, text in ((args.json, reports.report_json), (args.junit_xml, reports.junit_xml)):
        if path is not None:
            try:
                path.write_text(text(report), encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    colour = sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ
    _print(reports.terminal_report(report, colour=colour))
    return EXIT_CONFORMANT if report.conformant else EXIT_NOT_CONFORMANT


def _print(text: str) -> None:
    """Write to stdout; a reader that went away early (``| head``) is no error."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # keeps the exit-time flush quiet


def main(argv: typing.Sequence[str] | None = None) -> int:
    """Run the command; return its exit status."""
    try:
        return _run(argv)
    except UsageError as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted", file=sys.stderr)
        return EXIT_USAGE
