"""The ``interaction-conformance`` command.

``interaction-conformance [options]`` runs the suite in process (``--target``)
or against a running endpoint (``--url``): by default it prints each new
cause's first failure as it happens and a short report, ``-v`` lists every
case (and the raw exchanges of the cases that did not pass; ``-vv`` of every
case), ``-q`` only the last line; ``--json``, ``--junit-xml`` and ``--html``
write reports. ``keygen`` prints a signing seed and its public key; ``serve``
serves the reference implementation over HTTP; ``typecheck module:Class``
checks the registry's overloads on a server class under mypy and pyright (see
`conformance.static`); ``replay REPORT.json CASE_ID --url URL`` sends a case's
requests from a JSON report again (see `conformance.replay`).

Exit status: 0 the target conforms; 1 it does not; 2 a usage or target error,
reported in one line on stderr (a black-box endpoint that does not answer a
signed PING with PONG is one); 130 interrupted, after writing the partial
report.
"""

from __future__ import annotations

__all__ = ("main",)

import argparse
import asyncio
import contextlib
import importlib.util
import logging
import os
import pathlib
import secrets
import sys
import time
import typing

import interaction_spec

if typing.TYPE_CHECKING:
    from conformance.case import Case
    from conformance.evidence import EvidenceBudget
    from conformance.model import Mode
    from conformance.replay import ReplayedExchange
    from conformance.runner import Runner
    from conformance.runner import RunReport

_PROG: typing.Final = "interaction-conformance"
EXIT_CONFORMANT: typing.Final = 0
EXIT_NOT_CONFORMANT: typing.Final = 1
EXIT_USAGE: typing.Final = 2
EXIT_INTERRUPTED: typing.Final = 130
_PREFLIGHT_TIMEOUT_S: typing.Final = 5.0


class UsageError(Exception):
    """A problem with the command line or the target; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:
        raise UsageError(message)


def _hex_bytes(option: str, length: int) -> typing.Callable[[str], bytes]:
    def parse(text: str) -> bytes:
        try:
            value = bytes.fromhex(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{option} must be hexadecimal, got {text!r}") from None
        if len(value) != length:
            raise argparse.ArgumentTypeError(f"{option} must be {2 * length} hex characters ({length} bytes)")
        return value

    return parse


def _output_path(text: str) -> pathlib.Path:
    path = pathlib.Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a directory, not a file path")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"the directory of {text!r} does not exist")
    return path


def _unsupported(text: str) -> tuple[str, str]:
    prefix, equals, reason = text.partition("=")
    if not equals or not prefix.strip() or not reason.strip():
        raise argparse.ArgumentTypeError(f"--unsupported takes PREFIX=REASON, not {text!r}")
    return prefix.strip(), reason.strip()


def _byte_count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"--evidence-bytes takes a whole number of bytes, not {text!r}")
    return int(text)


def _discord_api(text: str) -> tuple[str, int]:
    from conformance.double.address import parse_address  # noqa: PLC0415

    try:
        return parse_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _discord_api_url(text: str) -> str:
    from conformance.http import check_url  # noqa: PLC0415

    try:
        check_url(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--discord-api-url must be an absolute http:// URL, not {text!r}") from None
    return text.rstrip("/")


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"--port must be a TCP port from 1 to 65535, not {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    """Return the command's argument parser."""
    parser = _Parser(
        prog=_PROG,
        description="Check that a Discord HTTP-interaction server conforms to the interaction-spec contract.",
        epilog=(
            "Exit status: 0 conformant, 1 not conformant, 2 usage or target error, "
            "130 interrupted (Ctrl-C; the reports asked for are written with the cases run so far)."
        ),
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--target",
        help="in process: 'reference' (default), 'hikari', or module:attribute naming a conformance.adapter.Adapter",
    )
    where.add_argument("--url", help="black box: the interactions URL of a running endpoint (needs --signing-seed)")
    parser.add_argument("--strict", action="store_true", help="SHOULD and MAY failures also fail the run")
    parser.add_argument(
        "--modal-layout",
        choices=("label", "action-row"),
        help="with --url: the layout the endpoint's own modals use, so a submission in the other layout, which "
        "Discord never sends it, is judged at SHOULD (with --bot, learned from /feedback unless given)",
    )
    parser.add_argument(
        "--bot",
        action="store_true",
        help="with --url: the endpoint implements the conformance bot, so its replies are checked too (see bot.md)",
    )
    parser.add_argument(
        "--discord-api",
        type=_discord_api,
        metavar="HOST:PORT",
        help="with --url: serve the Discord API double there (127.0.0.1 unless a host is named) and judge replies "
        "sent through REST too; point the endpoint's REST client at the base URL it prints (see bot.md)",
    )
    parser.add_argument(
        "--no-preflight",
        action="store_true",
        help="with --url: run even if the endpoint does not answer the first signed PING with PONG",
    )
    parser.add_argument("--list", action="store_true", help="list the selected cases (ID, level, what each checks)")
    parser.add_argument("--only", action="append", metavar="PREFIX", help="run only cases whose ID starts with PREFIX")
    parser.add_argument("--skip", action="append", metavar="PREFIX", help="skip cases whose ID starts with PREFIX")
    parser.add_argument(
        "--unsupported",
        action="append",
        type=_unsupported,
        metavar="PREFIX=REASON",
        help="the target cannot express what these cases check: report them unsupported (never passed), with why",
    )
    verbosity = parser.add_mutually_exclusive_group()
    verbosity.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help=(
            "list every case in a table by clause, after the raw requests and replies of each case that did not pass;"
            " -vv prints those of every case"
        ),
    )
    verbosity.add_argument(
        "-q", "--quiet", action="store_true", help="print only the last line: the counts and the verdict"
    )
    parser.add_argument("--json", type=_output_path, metavar="PATH", help="write the JSON report to PATH")
    parser.add_argument("--junit-xml", type=_output_path, metavar="PATH", help="write a JUnit XML report to PATH")
    parser.add_argument(
        "--html", type=_output_path, metavar="PATH", help="write a self-contained HTML report (every exchange) to PATH"
    )
    parser.add_argument(
        "--evidence-bytes",
        type=_byte_count,
        default=None,
        metavar="N",
        help="keep at most N bytes of request and reply bodies in the reports (default 8 MiB; 0 keeps none)",
    )
    parser.add_argument(
        "--signing-seed", type=_hex_bytes("--signing-seed", 32), metavar="HEX", help="32-byte Ed25519 seed to sign with"
    )
    parser.add_argument("--show-target-logs", action="store_true", help="let the target's log records reach stderr")
    parser.add_argument("--no-color", action="store_true", help="no colours in the terminal report")
    parser.add_argument("--version", action="version", version=f"%(prog)s {interaction_spec.__version__}")

    commands = parser.add_subparsers(dest="command", metavar="{keygen,serve,typecheck,replay}")
    keygen = commands.add_parser("keygen", help="print a signing seed and the public key to configure an endpoint with")
    keygen.add_argument(
        "--signing-seed",
        type=_hex_bytes("--signing-seed", 32),
        metavar="HEX",
        help="derive from this seed (default: a new random one)",
    )
    serve = commands.add_parser("serve", help="serve the reference implementation over HTTP (needs granian)")
    serve.add_argument("--port", type=_port, required=True, help="TCP port to listen on")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument(
        "--discord-api-url",
        type=_discord_api_url,
        metavar="URL",
        help="send the bot's REST calls (callbacks, edits, follow-ups) to this base URL, the one "
        "'--discord-api' prints (default: none; the bot then answers in the HTTP reply only)",
    )
    key = serve.add_mutually_exclusive_group(required=True)
    key.add_argument("--public-key", type=_hex_bytes("--public-key", 32), metavar="HEX", help="the key to verify with")
    key.add_argument(
        "--signing-seed",
        type=_hex_bytes("--signing-seed", 32),
        metavar="HEX",
        help="verify with this seed's public key",
    )
    typecheck = commands.add_parser(
        "typecheck",
        help="check the registry's overloads on a server class under mypy --strict and pyright strict",
    )
    typecheck.add_argument(
        "server_class", nargs="?", metavar="module:Class", help="the server class bots call set_listener on"
    )
    typecheck.add_argument("--list", action="store_true", help="list the static cases (ID, level, what each checks)")
    typecheck.add_argument("--json", type=_output_path, metavar="PATH", help="write the JSON report to PATH")
    typecheck.add_argument("--junit-xml", type=_output_path, metavar="PATH", help="write a JUnit XML report to PATH")
    typecheck.add_argument("--no-color", action="store_true", help="no colours in the terminal report")
    replay = commands.add_parser(
        "replay",
        help="send a case's requests from a JSON report again, re-signed with a fresh timestamp, and print both sides",
    )
    replay.add_argument("report", type=pathlib.Path, metavar="REPORT.json", help="a JSON report (--json)")
    replay.add_argument("case_id", metavar="CASE_ID", help="the case whose requests to send")
    replay.add_argument("--url", required=True, help="the endpoint's interactions URL")
    replay.add_argument(
        "--signing-seed",
        type=_hex_bytes("--signing-seed", 32),
        metavar="HEX",
        help="sign with this seed (default: the seed the report's run signed with)",
    )
    return parser


def _typecheck(args: argparse.Namespace) -> int:
    from conformance.static import CheckerError  # noqa: PLC0415 - needs the static extra only when run
    from conformance.static import StaticSetupError  # noqa: PLC0415
    from conformance.static import TargetClassError  # noqa: PLC0415
    from conformance.static import load_class  # noqa: PLC0415
    from conformance.static import run_static  # noqa: PLC0415
    from conformance.static import static_cases  # noqa: PLC0415

    if args.list:
        cases = static_cases()
        width = max(len(case.id) for case in cases)
        _print("".join(f"{case.id:<{width}}  {case.level.value:<6}  {case.summary}\n" for case in cases))
        return EXIT_CONFORMANT
    if args.server_class is None:
        raise UsageError("typecheck needs the server class: interaction-conformance typecheck module:Class")
    try:
        report = run_static(load_class(args.server_class), suite_version=interaction_spec.__version__)
    except (TargetClassError, StaticSetupError, CheckerError) as exc:
        raise UsageError(str(exc)) from None
    return _write_reports(args, report)


def _write_reports(args: argparse.Namespace, report: RunReport, *, header: bool = True) -> int:
    """Write the requested reports, print the terminal one, and return the exit status for the verdict."""
    from conformance import reports  # noqa: PLC0415
    from conformance.model import Mode  # noqa: PLC0415

    html_path: pathlib.Path | None = getattr(args, "html", None)
    replay_from = str(args.json) if args.json is not None else None
    writers: tuple[tuple[pathlib.Path | None, typing.Callable[[RunReport], str]], ...] = (
        (args.json, reports.report_json),
        (args.junit_xml, reports.junit_xml),
        (html_path, lambda report: reports.html_report(report, replay_from=replay_from)),
    )
    for path, render in writers:
        if path is not None:
            try:
                path.write_text(render(report), encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    if getattr(args, "quiet", False):
        _print(reports.summary_line(report) + "\n")
    else:
        listing = report.mode is Mode.STATIC or getattr(args, "verbose", 0) >= 1
        _print(reports.terminal_report(report, colour=_colour(args), listing=listing, header=header))
    if report.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_CONFORMANT if report.conformant else EXIT_NOT_CONFORMANT


def _replay(args: argparse.Namespace) -> int:
    import json  # noqa: PLC0415

    from conformance.http import HttpTransport  # noqa: PLC0415
    from conformance.http import check_url  # noqa: PLC0415
    from conformance.replay import ReplayError  # noqa: PLC0415
    from conformance.replay import recorded_exchanges  # noqa: PLC0415
    from conformance.replay import replay  # noqa: PLC0415
    from conformance.replay import replay_text  # noqa: PLC0415
    from conformance.signing import Signer  # noqa: PLC0415

    try:
        check_url(args.url)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        data: object = json.loads(args.report.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read {args.report}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(f"{args.report} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{args.report} is not a JSON report of {_PROG}")
    report = typing.cast("dict[str, object]", data)
    seed: bytes | None = args.signing_seed
    if seed is None:
        recorded_seed = report.get("signing_seed")
        if not isinstance(recorded_seed, str):
            raise UsageError("the report names no signing seed: pass the run's --signing-seed")
        try:
            seed = _hex_bytes("the report's signing_seed", 32)(recorded_seed)
        except argparse.ArgumentTypeError as exc:
            raise UsageError(str(exc)) from None
    signer = Signer(seed)

    async def send() -> list[ReplayedExchange]:
        transport = HttpTransport(args.url)
        try:
            return await replay(exchanges, transport, signer)
        finally:
            await transport.aclose()

    try:
        case, exchanges = recorded_exchanges(report, args.case_id)
        replayed = asyncio.run(send())
    except ReplayError as exc:
        raise UsageError(str(exc)) from None
    text, reproduced = replay_text(case, replayed, source=str(args.report), url=args.url)
    _print(text)
    return EXIT_CONFORMANT if reproduced else EXIT_NOT_CONFORMANT


def _colour(args: argparse.Namespace) -> bool:
    """Whether the terminal report is coloured: on a terminal, unless ``--no-color`` or ``NO_COLOR`` says not."""
    return sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ


def _keygen(args: argparse.Namespace) -> int:
    from conformance.signing import Signer  # noqa: PLC0415 - needs the suite extra (PyNaCl)

    seed: bytes = args.signing_seed or secrets.token_bytes(32)
    public_key = Signer(seed).public_key.hex()
    _print(
        f"signing seed: {seed.hex()}\n"
        f"public key:   {public_key}\n"
        f"\nConfigure the endpoint with the public key, then run:\n"
        f"  {_PROG} --url URL --signing-seed {seed.hex()}\n"
    )
    return EXIT_CONFORMANT


def _serve(args: argparse.Namespace) -> int:
    from conformance import serve  # noqa: PLC0415
    from conformance.signing import Signer  # noqa: PLC0415

    public_key: bytes = args.public_key if args.public_key is not None else Signer(args.signing_seed).public_key
    try:
        serve.serve_reference(args.host, args.port, public_key, discord_api_url=args.discord_api_url)
    except serve.ServeError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_CONFORMANT


def _select(args: argparse.Namespace, mode: Mode) -> tuple[Case, ...]:
    from conformance.cases import ALL_CASES  # noqa: PLC0415
    from conformance.runner import closest_prefix  # noqa: PLC0415
    from conformance.runner import select_cases  # noqa: PLC0415
    from conformance.runner import unmatched_prefixes  # noqa: PLC0415

    only = tuple(part.strip() for value in args.only or () for part in value.split(",") if part.strip())
    skip = tuple(part.strip() for value in args.skip or () for part in value.split(",") if part.strip())
    unsupported = tuple(prefix for prefix, _ in args.unsupported or ())
    for option, prefixes in (("--only", only), ("--skip", skip), ("--unsupported", unsupported)):
        for prefix in unmatched_prefixes(ALL_CASES, mode, prefixes):
            guess = closest_prefix(ALL_CASES, mode, prefix)
            hint = f"; did you mean {guess!r}?" if guess else ""
            raise UsageError(f"{option} {prefix!r} matches no {mode.value} case{hint} (see --list)")
    cases = select_cases(ALL_CASES, mode, only=only, skip=skip)
    if not cases:
        raise UsageError("the selection leaves no case to run")
    return cases


def _evidence_budget(args: argparse.Namespace) -> EvidenceBudget:
    from conformance.evidence import DEFAULT_BOUND_BYTES  # noqa: PLC0415
    from conformance.evidence import EvidenceBudget  # noqa: PLC0415

    return EvidenceBudget(DEFAULT_BOUND_BYTES if args.evidence_bytes is None else args.evidence_bytes)


def _black_box_runner(args: argparse.Namespace) -> Runner:
    from conformance.http import HttpTransport  # noqa: PLC0415
    from conformance.http import check_url  # noqa: PLC0415
    from conformance.preflight import ping_problem  # noqa: PLC0415
    from conformance.runner import Runner  # noqa: PLC0415
    from conformance.signing import Signer  # noqa: PLC0415

    url: str = args.url
    try:
        check_url(url)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.signing_seed is None:
        raise UsageError(f"--url needs --signing-seed: run '{_PROG} keygen' and configure the endpoint with its key")
    signer = Signer(args.signing_seed)

    def health_check() -> str:
        async def check() -> str:
            transport = HttpTransport(url, read_timeout_s=_PREFLIGHT_TIMEOUT_S)
            try:
                return await ping_problem(transport, signer)
            finally:
                await transport.aclose()

        return asyncio.run(check())

    if not args.no_preflight:
        problem = health_check()
        if problem:
            raise UsageError(f"preflight: {url}: {problem} (--no-preflight runs anyway)")
    return Runner(
        signer,
        transport_factory=lambda: HttpTransport(url),
        bot=args.bot,
        health_check=health_check,
        unsupported=dict(args.unsupported or ()),
        modal_layout=args.modal_layout,
        evidence=_evidence_budget(args),
    )


def _in_process_runner(args: argparse.Namespace) -> Runner:
    from conformance.runner import Runner  # noqa: PLC0415
    from conformance.signing import DEFAULT_SEED  # noqa: PLC0415
    from conformance.signing import Signer  # noqa: PLC0415
    from conformance.targets import TargetLoadError  # noqa: PLC0415
    from conformance.targets import load_adapter  # noqa: PLC0415

    try:
        adapter = load_adapter(args.target or "reference")
    except TargetLoadError as exc:
        raise UsageError(str(exc)) from None
    return Runner(
        Signer(args.signing_seed or DEFAULT_SEED),
        adapter=adapter,
        unsupported=dict(args.unsupported or ()),
        evidence=_evidence_budget(args),
    )


def _run_suite(args: argparse.Namespace) -> int:
    from conformance import reports  # noqa: PLC0415
    from conformance.cases import ALL_CASES  # noqa: PLC0415
    from conformance.model import Mode  # noqa: PLC0415
    from conformance.runner import CaseResult  # noqa: PLC0415
    from conformance.runner import Outcome  # noqa: PLC0415
    from conformance.runner import RunReport  # noqa: PLC0415

    mode = Mode.HTTP if args.url is not None else Mode.IN_PROCESS
    for option in ("bot", "no_preflight", "modal_layout", "discord_api"):
        if getattr(args, option) and mode is not Mode.HTTP:
            raise UsageError(f"--{option.replace('_', '-')} only applies to a black-box run (--url)")
    cases = _select(args, mode)
    if args.list:
        width = max(len(case.id) for case in cases)
        _print("".join(f"{case.id:<{width}}  {case.level.value:<6}  {case.summary}\n" for case in cases))
        return EXIT_CONFORMANT

    runner = _black_box_runner(args) if mode is Mode.HTTP else _in_process_runner(args)
    target = typing.cast("str", args.url if mode is Mode.HTTP else args.target or "reference")
    if not args.quiet:
        version = interaction_spec.__version__
        _print("\n".join(reports.run_header(target, mode, bot=args.bot, suite_version=version)) + "\n")
    progress = reports.Progress(len(cases), sys.stderr, enabled=sys.stderr.isatty() and not args.quiet)
    causes = reports.CauseFeed()
    results: list[CaseResult] = []
    interrupted = False
    started = time.perf_counter()
    with runner, _double(args, runner), _target_logs(shown=args.show_target_logs):
        try:
            for result in runner.iter_run(cases):
                results.append(result)
                if not args.quiet and causes.first_of_cause(result):  # later failures of one cause: in the recap
                    progress.finish()
                    _print(reports.failure_line(result, colour=_colour(args)))
                progress.advance(result)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            progress.finish()
    duration = time.perf_counter() - started
    chosen = {case.id for case in cases}
    deselected = [
        CaseResult(case, Outcome.DESELECTED, "left out by --only or --skip", 0.0)
        for case in ALL_CASES
        if mode in case.modes and case.id not in chosen
    ]
    report = RunReport(
        interaction_spec.__version__,
        target,
        mode,
        args.strict,
        (*results, *deselected),
        bot=args.bot,
        duration_s=duration,
        interrupted=interrupted,
        signing_seed=runner.signer.seed,
        evidence=runner.evidence,
    )

    if args.verbose:
        shown = [result for result in results if args.verbose >= 2 or result.outcome is not Outcome.PASSED]
        _print(reports.raw_exchanges(shown))
    status = _write_reports(args, report, header=False)
    if interrupted:
        print(f"{_PROG}: interrupted after {len(results)} of {len(cases)} cases", file=sys.stderr)
    return status


@contextlib.contextmanager
def _double(args: argparse.Namespace, runner: Runner) -> typing.Generator[None, None, None]:
    """Serve the Discord API double for the run when ``--discord-api`` asks for it, and print its base URL."""
    if args.discord_api is None:
        yield
        return
    from conformance.double import DiscordApiDouble  # noqa: PLC0415
    from conformance.double import DoubleError  # noqa: PLC0415

    double = DiscordApiDouble(*args.discord_api)
    try:
        double.start()
    except DoubleError as exc:
        raise UsageError(str(exc)) from None
    _print(f"Discord API double: {double.base_url}\n")
    runner.double = double
    try:
        yield
    finally:
        runner.double = None
        double.stop()


@contextlib.contextmanager
def _target_logs(*, shown: bool) -> typing.Generator[None, None, None]:
    """Silence the target's log records (tracebacks of failing listeners are expected) unless they are wanted."""
    if shown:
        yield
        return
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(previous)


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
        args = build_parser().parse_args(argv)
        if args.command == "typecheck":
            return _typecheck(args)
        for module in ("nacl", "httpx"):  # every command needs the suite extra
            if importlib.util.find_spec(module) is None:
                raise UsageError(f"the suite needs its extra: pip install 'interaction-spec[suite]' (no {module})")
        if args.command == "keygen":
            return _keygen(args)
        if args.command == "serve":
            return _serve(args)
        if args.command == "replay":
            return _replay(args)
        return _run_suite(args)
    except UsageError as exc:
        print(f"{_PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{_PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
