"""The console samples of the documentation, made by real runs of the commands they show.

A page marks each sample it shows with an HTML comment naming it, right above its ``console`` (or ``text``)
block::

    <!-- console sample: guide-hikari (python docs/generate.py writes it from a real run) -->
    ```console
    $ interaction-conformance --target hikari --only ...
    ...
    ```

`SAMPLES` says, for each name, what runs: an ``interaction-conformance`` command (``python -m conformance``,
from this checkout), or another module (mypy on the typing guide's examples), against an endpoint started
first on a free port of 127.0.0.1 when the sample needs one, and which of its output lines the page shows.
`render_sample` runs it and returns the block's text, with the ports the run used written as the page's (8080)
and the random key of ``keygen`` as the page's fixed one. ``python docs/generate.py`` rewrites every block
(`write_samples`); ``--check`` runs them again and names each block whose text differs from the new run's
(`stale_samples`), durations aside: they are the only figures that change from one run to the next (`comparable`).
"""

from __future__ import annotations

__all__ = (
    "DOCS_PUBLIC_KEY",
    "DOCS_SEED",
    "SAMPLES",
    "Endpoint",
    "Sample",
    "SampleError",
    "comparable",
    "read_samples",
    "render_sample",
    "replace_samples",
    "stale_samples",
    "write_samples",
)

import contextlib
import dataclasses
import os
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import time
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Generator
    from collections.abc import Mapping
    from collections.abc import Sequence

DOCS_DIR: typing.Final = pathlib.Path(__file__).resolve().parent
"""The directory of the pages."""
_ROOT: typing.Final = DOCS_DIR.parent

DOCS_SEED: typing.Final = "f7823a216d3b134f962c8b22356ed1ad33d3f5e303ed3427e78dc64786ab0b26"
"""The signing seed every page uses."""
DOCS_PUBLIC_KEY: typing.Final = "d73e6738eea6b392190aa8ee22dca35a90cdb1f5175f42d06b15ff1e3d21fb66"
"""The public key of `DOCS_SEED`."""
_OTHER_PUBLIC_KEY: typing.Final = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29"
"""A public key that is not `DOCS_SEED`'s (the key of the seed of 32 zero bytes): a misconfigured endpoint."""
_SHOWN_PORT: typing.Final = 8080
"""The port the pages show; the runs use free ones."""
_SHOWN_API_PORT: typing.Final = 8990
"""The port of the Discord API double the pages show (``{api_port}`` in a command); the runs use a free one."""
_COLUMNS: typing.Final = "100"
"""The terminal width the samples are made at."""
_STARTUP_S: typing.Final = 60.0
"""The most an endpoint may take to accept connections."""
_RUN_S: typing.Final = 300.0
"""The most one sample's command may take."""

_MARKER: typing.Final = re.compile(
    r"^<!-- console sample: (?P<name>[\w-]+) \(python docs/generate\.py writes it from a real run\) -->\n"
    r"```(?P<fence>console|text)\n(?P<body>(?:(?!```).*\n)*?)```$",
    flags=re.MULTILINE,
)
_DURATION: typing.Final = re.compile(r" *\b\d+(?:\.\d+)? ?(?:ms|s)\b")
"""A duration, with the spaces that align it: the one figure that changes from run to run."""
_KEYGEN: typing.Final = re.compile(r"^signing seed: (?P<seed>[0-9a-f]{64})\npublic key: +(?P<key>[0-9a-f]{64})$", re.M)


class SampleError(RuntimeError):
    """A sample cannot be made: its endpoint did not start, its command hung, or a page's marker is wrong."""


@dataclasses.dataclass(frozen=True, slots=True)
class Endpoint:
    """An endpoint started before a sample's command, on a free port of 127.0.0.1, and stopped after it."""

    module: tuple[str, ...]
    """What runs: the arguments of ``python -m``; ``{port}`` stands for the port, ``{api_port}`` for the double's."""
    shown: str
    """The command line the page shows for it (with the port 8080)."""
    echoed: int = 0
    """How many lines of its output the page shows after its command line."""
    environment: Mapping[str, str] = dataclasses.field(default_factory=dict[str, str])
    """Variables set for it."""
    page_module: str = ""
    """A module the page defines in the first ``python`` block after its name in backquotes (``mybot.py``): it
    is written to the endpoint's working directory, so the sample runs the page's own code."""


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    """One console block of a page: what runs, and which lines of its output are shown."""

    name: str
    page: str
    """The page holding it, relative to ``docs/``."""
    arguments: tuple[str, ...]
    """The arguments of ``interaction-conformance``; ``{url}`` stands for the endpoint's URL, ``{api_port}`` for a
    free port the Discord API double listens on (``--discord-api``)."""
    shown: str | None
    """The command line the page shows after ``$``, or `None` to show the output alone."""
    head: int | None = None
    """How many lines of the output are shown from its start; `None`: the whole output."""
    tail: int = 0
    """How many lines are shown from its end, after a line ``...`` (when `head` leaves lines out)."""
    endpoint: Endpoint | None = None
    random_key: bool = False
    """The output holds a signing seed and public key made at random, shown as `DOCS_SEED` and its key."""
    program: tuple[str, ...] = ("conformance",)
    """What ``python -m`` runs, before `arguments`; ``{tmp}`` in `arguments` stands for a new empty directory."""
    source_line: tuple[str, str] = ("", "")
    """A file (from the checkout's root) and the code of one of its lines: only the output lines about that line
    are shown, without the ``file:line:`` that starts them (a checker's diagnostics of one example)."""
    prepare: tuple[str, ...] = ()
    """Arguments of a first ``interaction-conformance`` run whose output is not shown (it writes a report under
    ``{tmp}`` that the shown command reads, say); the directory's path is not shown either."""


_SHOWN_URL: typing.Final = f"http://127.0.0.1:{_SHOWN_PORT}/"
_SHOWN_API_URL: typing.Final = f"http://127.0.0.1:{_SHOWN_API_PORT}/api/v10"
_SERVE_WITH_DOUBLE: typing.Final = Endpoint(
    (
        "conformance",
        "serve",
        "--port",
        "{port}",
        "--signing-seed",
        DOCS_SEED,
        "--discord-api-url",
        "http://127.0.0.1:{api_port}/api/v10",
    ),
    f"$ interaction-conformance serve --port {_SHOWN_PORT} --signing-seed {DOCS_SEED} --discord-api-url "
    f"{_SHOWN_API_URL} &",
    echoed=3,
)
"""The reference served with its REST client pointed at the double a sample's run serves on ``{api_port}``."""
_GUIDE_NEGATIVE: typing.Final = "conformance/static/cases/negative/guide_listeners.py"
"""The typing guide's wrong calls, whose mypy errors it quotes."""

_HIKARI_ARGUMENTS: typing.Final = (
    "--target",
    "hikari",
    "--only",
    "sig.reject.ping.wrong-key,sig.status-401.ping.bad-signature,sig.status-401.ping.wrong-key",
)
_REPLAYED_CASE: typing.Final = "sig.reject.ping.wrong-key"
"""The case the guide's replay example reproduces, against an endpoint that answers PING before verifying."""

SAMPLES: typing.Final[tuple[Sample, ...]] = (
    Sample("quickstart-run", "quickstart.md", (), None, head=7, tail=4),
    Sample("guide-hikari", "guide.md", _HIKARI_ARGUMENTS, f"interaction-conformance {' '.join(_HIKARI_ARGUMENTS)}"),
    Sample(
        "guide-hikari-verbose",
        "guide.md",
        (*_HIKARI_ARGUMENTS, "-v"),
        f"interaction-conformance {' '.join(_HIKARI_ARGUMENTS)} -v",
        head=0,
        tail=21,
    ),
    Sample(
        "guide-replay",
        "guide.md",
        ("replay", "{tmp}/report.json", _REPLAYED_CASE, "--url", "{url}"),
        f"interaction-conformance replay report.json {_REPLAYED_CASE} --url {_SHOWN_URL}",
        head=5,
        tail=1,
        prepare=(
            "--url",
            "{url}",
            "--signing-seed",
            DOCS_SEED,
            "--only",
            _REPLAYED_CASE,
            "-q",
            "--json",
            "{tmp}/report.json",
        ),
        endpoint=Endpoint(
            ("tests.endpoints.mutants", "PongBeforeVerifying", "--port", "{port}", "--public-key", DOCS_PUBLIC_KEY),
            "",
        ),
    ),
    Sample("guide-keygen", "guide.md", ("keygen",), "interaction-conformance keygen", random_key=True),
    Sample(
        "typing-mypy-overload",
        "typing.md",
        (
            "--strict",
            "--no-error-summary",
            "--hide-error-context",
            "--no-pretty",
            "--show-error-codes",
            "--cache-dir",
            "{tmp}",
            _GUIDE_NEGATIVE,
        ),
        None,
        program=("mypy",),
        source_line=(_GUIDE_NEGATIVE, "server.set_listener(ComponentInteraction, on_command)"),
    ),
    Sample(
        "guide-preflight",
        "guide.md",
        ("--url", "{url}", "--signing-seed", DOCS_SEED),
        f"interaction-conformance --url {_SHOWN_URL} --signing-seed {DOCS_SEED}",
        endpoint=Endpoint(("conformance", "serve", "--port", "{port}", "--public-key", _OTHER_PUBLIC_KEY), ""),
    ),
    Sample(
        "guide-serve",
        "guide.md",
        ("--url", "{url}", "--signing-seed", DOCS_SEED, "--bot", "--strict", "--discord-api", "127.0.0.1:{api_port}"),
        f"interaction-conformance --url {_SHOWN_URL} --signing-seed {DOCS_SEED} --bot --strict --discord-api "
        f"127.0.0.1:{_SHOWN_API_PORT}",
        head=2,
        tail=3,
        endpoint=_SERVE_WITH_DOUBLE,
    ),
    Sample(
        "guide-uvicorn",
        "guide.md",
        ("--url", "{url}", "--signing-seed", DOCS_SEED),
        f"interaction-conformance --url {_SHOWN_URL} --signing-seed {DOCS_SEED}",
        head=0,
        tail=6,
        endpoint=Endpoint(
            ("uvicorn", "mybot:app", "--host", "127.0.0.1", "--port", "{port}"),
            f"$ DISCORD_PUBLIC_KEY={DOCS_PUBLIC_KEY} uvicorn mybot:app --host 127.0.0.1 --port {_SHOWN_PORT} &",
            environment={"DISCORD_PUBLIC_KEY": DOCS_PUBLIC_KEY},
            page_module="mybot.py",
        ),
    ),
)
"""Every console sample the pages show that a run makes, by name."""


def comparable(text: str) -> str:
    """Return a sample's text with its durations masked: the figures a second run may change."""
    return _DURATION.sub("<duration>", text)


def read_samples(page: str) -> dict[str, str]:
    """Return the text of each marked console block of a page, by sample name.

    Raises
    ------
    SampleError
        If a name is marked twice.
    """
    found: dict[str, str] = {}
    for match in _MARKER.finditer(page):
        if match["name"] in found:
            raise SampleError(f"console sample {match['name']} is marked twice")
        found[match["name"]] = match["body"]
    return found


def replace_samples(page: str, texts: Mapping[str, str]) -> str:
    """Return the page with each marked block named in ``texts`` holding that text instead."""

    def replace(match: re.Match[str]) -> str:
        body = texts.get(match["name"], match["body"])
        block = f"```{match['fence']}\n"
        return match[0].replace(f"{block}{match['body']}```", f"{block}{body}```", 1)

    return _MARKER.sub(replace, page)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment(extra: Mapping[str, str], path: Sequence[pathlib.Path]) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in {"NO_COLOR", "FORCE_COLOR"}}
    python_path = [str(entry) for entry in path] + [environment.get("PYTHONPATH", "")]
    environment.update(
        {"PYTHONPATH": os.pathsep.join(entry for entry in python_path if entry), "COLUMNS": _COLUMNS, "NO_COLOR": "1"}
    )
    environment.update(extra)
    return environment


def _page_module(page: str, name: str) -> str:
    """Return the first ``python`` block after the page names the module (in backquotes)."""
    start = page.find(f"`{name}`")
    block = re.compile(r"^```python\n(?P<code>(?:(?!```).*\n)*?)```$", re.MULTILINE).search(page, max(start, 0))
    if start < 0 or block is None:
        raise SampleError(f"the page names no module `{name}` followed by a python block")
    return block["code"]


def _wait_listening(process: subprocess.Popen[bytes], port: int, log: typing.IO[bytes]) -> None:
    deadline = time.monotonic() + _STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise SampleError(f"the endpoint exited with {process.returncode}: {log.read().decode(errors='replace')}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return
        time.sleep(0.05)
    raise SampleError(f"the endpoint did not accept connections on port {port} within {_STARTUP_S:g} s")


@contextlib.contextmanager
def _started(endpoint: Endpoint, page: str, api_port: int) -> Generator[tuple[int, list[str]], None, None]:
    """Start an endpoint; yield its port and, once stopped, its output lines are in the list."""
    port = _free_port()
    output: list[str] = []
    with tempfile.TemporaryDirectory() as directory, tempfile.TemporaryFile() as log:
        if endpoint.page_module:
            code = _page_module(page, endpoint.page_module)
            (pathlib.Path(directory) / endpoint.page_module).write_text(code, encoding="utf-8")
        command = [
            sys.executable,
            "-m",
            *(part.replace("{port}", str(port)).replace("{api_port}", str(api_port)) for part in endpoint.module),
        ]
        environment = _environment(endpoint.environment, (_ROOT, pathlib.Path(directory)))
        process = subprocess.Popen(command, cwd=directory, env=environment, stdout=log, stderr=log)
        try:
            _wait_listening(process, port, log)
            yield port, output
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
            log.seek(0)
            output += log.read().decode(errors="replace").splitlines()


def _shown_lines(lines: Sequence[str], sample: Sample) -> list[str]:
    if sample.head is None or len(lines) <= sample.head + sample.tail + 1:
        return list(lines)
    return [*lines[: sample.head], "...", *lines[len(lines) - sample.tail :]]


def _fixed_key(text: str) -> str:
    """Show the random seed and key ``keygen`` made as the page's fixed ones."""
    made = _KEYGEN.search(text)
    if made is None:
        raise SampleError(f"keygen printed no signing seed and public key:\n{text}")
    return text.replace(made["seed"], DOCS_SEED).replace(made["key"], DOCS_PUBLIC_KEY)


def _about_line(output: str, path: str, code: str) -> str:
    """Keep the output lines about the line of ``path`` holding ``code``, without their ``path:line:`` start."""
    lines = (_ROOT / path).read_text(encoding="utf-8").splitlines()
    numbers = [number for number, line in enumerate(lines, start=1) if line.strip().startswith(code)]
    if len(numbers) != 1:
        raise SampleError(f"{path} holds {len(numbers)} lines starting with {code!r}, not one")
    prefix = f"{path}:{numbers[0]}: "
    return "".join(line.removeprefix(prefix) for line in output.splitlines(keepends=True) if line.startswith(prefix))


def _filled(arguments: Sequence[str], url: str, scratch: str, api_port: int) -> list[str]:
    return [
        part.replace("{url}", url).replace("{tmp}", scratch).replace("{api_port}", str(api_port)) for part in arguments
    ]


def _run(sample: Sample, command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command,
            cwd=_ROOT,
            env=_environment({}, (_ROOT,)),
            capture_output=True,
            text=True,
            timeout=_RUN_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SampleError(f"{sample.name}: the command did not end within {_RUN_S:g} s") from None


def render_sample(sample: Sample, page: str = "") -> str:
    """Run a sample's commands and return its block's text, one final newline included.

    Parameters
    ----------
    sample : Sample
        The sample.
    page : str
        The page's text, where the endpoint runs a module the page defines.

    Returns
    -------
    str
        The console block's text: the command lines shown, then the output lines shown.

    Raises
    ------
    SampleError
        If the endpoint does not start or the command does not end within its bounds.
    """
    api_port = _free_port()
    with contextlib.ExitStack() as stack:
        port, endpoint_output = (
            (0, []) if sample.endpoint is None else stack.enter_context(_started(sample.endpoint, page, api_port))
        )
        url = f"http://127.0.0.1:{port}/"
        scratch = stack.enter_context(tempfile.TemporaryDirectory())
        if sample.prepare:
            _run(sample, [sys.executable, "-m", "conformance", *_filled(sample.prepare, url, scratch, api_port)])
        result = _run(
            sample, [sys.executable, "-m", *sample.program, *_filled(sample.arguments, url, scratch, api_port)]
        )
    output = (result.stdout + result.stderr).replace(f"{scratch}{os.sep}", "")
    if sample.random_key:
        output = _fixed_key(output)
    if sample.source_line[0]:
        output = _about_line(output, *sample.source_line)
    lines: list[str] = []
    if sample.endpoint is not None and sample.endpoint.shown:
        lines.append(sample.endpoint.shown)
        lines += endpoint_output[: sample.endpoint.echoed]
    if sample.shown is not None:
        lines.append(f"$ {sample.shown}")
    lines += _shown_lines(output.rstrip("\n").splitlines(), sample)
    text = "\n".join(line.rstrip() for line in lines) + "\n"
    text = text.replace(f"127.0.0.1:{api_port}", f"127.0.0.1:{_SHOWN_API_PORT}")
    return text.replace(f"127.0.0.1:{port}", f"127.0.0.1:{_SHOWN_PORT}") if port else text


def _pages(samples: Sequence[Sample]) -> dict[str, list[Sample]]:
    by_page: dict[str, list[Sample]] = {}
    for sample in samples:
        by_page.setdefault(sample.page, []).append(sample)
    return by_page


def _check_markers(path: pathlib.Path, text: str, samples: Sequence[Sample]) -> None:
    marked = read_samples(text)
    missing = [sample.name for sample in samples if sample.name not in marked]
    if missing:
        raise SampleError(f"{path}: no marked console block for {', '.join(missing)}")
    unknown = sorted(set(marked) - {sample.name for sample in samples})
    if unknown:
        names = ", ".join(unknown)
        raise SampleError(f"{path}: a marked console block names no sample of docs/console_samples.py: {names}")


def stale_samples(docs_dir: pathlib.Path = DOCS_DIR, samples: Sequence[Sample] = SAMPLES) -> list[str]:
    """Run every sample and return a line for each block whose text differs from the run's, durations aside.

    Raises
    ------
    SampleError
        If a page lacks a sample's block or marks an unknown one, or a sample cannot be run.
    """
    stale: list[str] = []
    for page, mine in _pages(samples).items():
        path = docs_dir / page
        text = path.read_text(encoding="utf-8")
        _check_markers(path, text, mine)
        committed = read_samples(text)
        for sample in mine:
            fresh = render_sample(sample, text)
            if comparable(fresh) != comparable(committed[sample.name]):
                stale.append(f"{path}: console sample {sample.name} differs from a real run of it")
    return stale


def write_samples(docs_dir: pathlib.Path = DOCS_DIR, samples: Sequence[Sample] = SAMPLES) -> list[pathlib.Path]:
    """Run every sample and rewrite the blocks whose text differs from the run's, durations aside.

    Returns
    -------
    list[pathlib.Path]
        The pages rewritten.

    Raises
    ------
    SampleError
        If a page lacks a sample's block or marks an unknown one, or a sample cannot be run.
    """
    written: list[pathlib.Path] = []
    for page, mine in _pages(samples).items():
        path = docs_dir / page
        text = path.read_text(encoding="utf-8")
        _check_markers(path, text, mine)
        committed = read_samples(text)
        fresh = {sample.name: render_sample(sample, text) for sample in mine}
        changed = {name: body for name, body in fresh.items() if comparable(body) != comparable(committed[name])}
        if changed:
            path.write_bytes(replace_samples(text, changed).encode("utf-8"))
            written.append(path)
    return written
