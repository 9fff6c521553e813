"""Smoke tests of ``benchmarks/http_throughput.py``: it runs, exits as documented and prints parseable figures.

Nothing here asserts a timing or a figure's size: on a busy machine a starved
server may answer a handful of requests in its window, or a figure may round to
zero. So only what the script must do is checked: every row and ratio is
printed, each figure in its format, every reply was right (no errors), the
stand-in's ratios to itself are 1, and each verdict agrees with the ratios
printed next to it. The peer measured is a stand-in started through an
``implementation.json`` of its own, so that the peer machinery is exercised
without the third-party libraries.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import typing

import pytest

from benchmarks.throughput import peers

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_SCRIPT = _ROOT / "benchmarks" / "http_throughput.py"

_NUMBER = r"(\d+(?:\.\d+)?)"
_CPU = r"(?:\d+%|n/a)"
_CPU_PER_REQUEST = r"(?:\d+(?:\.\d+)?|n/a)"
_SERVERS = (
    "http-floor",
    "reference/uvicorn",
    "reference/granian",
    "reference/granian-rsgi",
    "reference/hypercorn",
    "stand-in",
)
_ROW = re.compile(
    rf"^(PING|command) +(\S+) +{_NUMBER} +{_NUMBER} +{_NUMBER} +(\d+) +{_CPU} +{_CPU_PER_REQUEST} +{_CPU}$",
    re.MULTILINE,
)
_FLOOR_ROW = re.compile(rf"^(PING|command) +floor +{_NUMBER} +- +- +- +\d+% +{_NUMBER} +-$", re.MULTILINE)
_RATIO = re.compile(
    rf"^(PING|command) +(\S+) +stand-in +{_NUMBER}x +{_NUMBER}x +{_NUMBER}x +{_NUMBER}x"
    rf" +{_NUMBER}x +{_NUMBER}x +{_NUMBER}x$",
    re.MULTILINE,
)
_GOAL_PEER = re.compile(
    rf"^goal (PING|command) reference/granian-rsgi >= 1\.25x stand-in req/s at p99 <= 1\.00x \(paired\): "
    rf"{_NUMBER}x req/s, {_NUMBER}x p99  goal (met|MISSED)$",
    re.MULTILINE,
)
_GOAL_FLOOR = re.compile(
    rf"^goal (PING|command) reference/granian-rsgi CPU per request <= 1\.30x http-floor \(paired\): {_NUMBER}x"
    rf"  goal (met|MISSED)$",
    re.MULTILINE,
)
_BAD_SIGNATURES = """
from conformance.signing import Signer
Signer.signature = lambda self, timestamp, body: bytes(64)
"""
"""Makes every request carry a zero signature, which every server must refuse: the script must not time that."""
_STAND_IN = """
import os

import uvicorn

from conformance.serve import reference_app

uvicorn.run(
    reference_app(bytes.fromhex(os.environ["CONFORMANCE_PUBLIC_KEY"])),
    host=os.environ["CONFORMANCE_HOST"],
    port=int(os.environ["CONFORMANCE_PORT"]),
    log_level="warning",
)
"""
"""A peer that answers like the reference: the bridge under uvicorn, reading the runner's environment."""


def _implementation(folder: pathlib.Path, **fields: object) -> pathlib.Path:
    folder.mkdir(parents=True)
    spec = {"title": folder.name, "library": folder.name, "version": "1", "path": "/interactions", **fields}
    (folder / "implementation.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder


def _implementations(root: pathlib.Path) -> pathlib.Path:
    """Return a folder holding a runnable stand-in peer, an npm peer not installed yet and a broken one."""
    stand_in = _implementation(root / "stand-in", registry="project", start=["python", "peer.py"], installed=".")
    (stand_in / "peer.py").write_text(_STAND_IN, encoding="utf-8")
    _implementation(
        root / "npm-peer",
        registry="npm",
        install=[["npm", "ci", "--no-audit", "--no-fund"]],
        installed="node_modules",
        start=["node", "server.js"],
    )
    _implementation(root / "broken", registry="project", start=["python", "-c", "raise SystemExit(3)"])
    return root


def _run(*args: str, prelude: str = "") -> subprocess.CompletedProcess[str]:
    """Run the script in a fresh interpreter, after ``prelude`` when one is given."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if prelude:
        launcher = (
            f"{prelude}\nimport runpy, sys\nsys.argv = [{str(_SCRIPT)!r}, *{list(args)!r}]\n"
            f"runpy.run_path({str(_SCRIPT)!r}, run_name='__main__')\n"
        )
        command = [sys.executable, "-c", launcher]
    else:
        command = [sys.executable, str(_SCRIPT), *args]
    return subprocess.run(
        command, cwd=_ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=240, check=False
    )


@pytest.mark.starts_first
def test_quick_run_prints_every_figure_and_skips_what_is_missing(tmp_path: pathlib.Path) -> None:
    implementations = _implementations(tmp_path / "implementations")
    figures = tmp_path / "run.json"
    result = _run(
        "--quick",
        "--implementations",
        str(implementations),
        "--peers",
        "stand-in,npm-peer,absent",
        "--json",
        str(figures),
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = {(kind, server): figures for kind, server, *figures in _ROW.findall(result.stdout)}
    assert set(rows) == {(kind, server) for kind in ("PING", "command") for server in _SERVERS}
    for _requests_per_second, p50, p99, errors in rows.values():
        assert float(p50) <= float(p99)  # percentiles of the same latencies, whatever the load
        assert int(errors) == 0, "a server answered some request wrongly or not at all"
    assert {kind for kind, *_ in _FLOOR_ROW.findall(result.stdout)} == {"PING", "command"}
    ratios = {
        (kind, server): [float(value) for value in values] for kind, server, *values in _RATIO.findall(result.stdout)
    }
    assert set(ratios) == set(rows)
    for kind in ("PING", "command"):
        assert ratios[kind, "stand-in"][:4] == [1.0, 1.0, 1.0, 1.0]  # the fastest peer against itself
        assert ratios[kind, "http-floor"][4:6] == [1.0, 1.0]  # the HTTP floor against itself

    install = f"cd {implementations / 'npm-peer'} && npm ci --no-audit --no-fund"
    npm_skip = f"npm-peer skipped: not installed; install it with: {install}"
    assert npm_skip in result.stdout.splitlines()
    assert f"absent skipped: no folder {implementations / 'absent'}" in result.stdout.splitlines()

    for kind, throughput, p99, verdict in _GOAL_PEER.findall(result.stdout):
        clearly_met = float(throughput) > 1.201 and float(p99) < 0.999  # the printed ratios are rounded
        clearly_missed = float(throughput) < 1.199 or float(p99) > 1.001
        if clearly_met or clearly_missed:
            assert verdict == ("met" if clearly_met else "MISSED"), kind
    assert [kind for kind, *_ in _GOAL_PEER.findall(result.stdout)] == ["PING", "command"]
    floor_goals = _GOAL_FLOOR.findall(result.stdout)
    assert [kind for kind, *_ in floor_goals] == ["PING", "command"]
    for _kind, ratio, verdict in floor_goals:
        if abs(float(ratio) - 1.3) > 0.001:
            assert verdict == ("met" if float(ratio) <= 1.3 else "MISSED")
    _check_json(json.loads(figures.read_text(encoding="utf-8")), rows, floor_goals)


def _check_json(
    document: dict[str, typing.Any],
    rows: dict[tuple[str, str], list[str]],
    floor_goals: list[tuple[str, str, str]],
) -> None:
    """The JSON holds the printed run: every row with its rounds, the floor, the ratios and the same goals."""
    assert document["format"] == 1
    assert document["reference"] == "reference/granian-rsgi"
    assert {server["name"]: server["role"] for server in document["servers"]} == {
        "http-floor": "http-floor",
        "reference/uvicorn": "reference",
        "reference/granian": "reference",
        "reference/granian-rsgi": "reference",
        "reference/hypercorn": "reference",
        "stand-in": "peer",
    }
    assert len(document["skipped"]) == 2
    results = {(one["workload"], one["server"]): one for one in document["results"]}
    assert set(results) == set(rows)
    for key, one in results.items():
        assert one["errors"] == 0
        assert f"{one['requests_per_second']:.1f}" == rows[key][0]
        assert len(one["rounds"]) == document["plan"]["rounds"] == 1
        assert one["rounds"][0]["requests_per_second"] == one["requests_per_second"]
        assert one["cpu_us_per_request"] is None or one["cpu_us_per_request"] > 0
    assert set(document["floor"]) == {"PING", "command"}
    assert {(row["workload"], row["server"]) for row in document["ratios"]} == set(rows)
    goals = [goal for goal in document["goals"] if "http-floor" in goal["goal"]]
    assert [(goal["workload"], goal["met"]) for goal in goals] == [
        (kind, verdict == "met") for kind, _, verdict in floor_goals
    ]


def test_a_wrong_answer_is_a_setup_error(tmp_path: pathlib.Path) -> None:
    result = _run("--quick", "--implementations", str(tmp_path), prelude=_BAD_SIGNATURES)

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("http_throughput.py: http-floor answered the PING with 401")


def test_a_peer_that_cannot_start_is_a_setup_error(tmp_path: pathlib.Path) -> None:
    result = _run("--quick", "--implementations", str(_implementations(tmp_path)), "--peers", "broken")

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("http_throughput.py: the broken server exited with 3")


def test_peers_are_read_from_implementation_json(tmp_path: pathlib.Path) -> None:
    implementations = _implementations(tmp_path)
    pypi = _implementation(tmp_path / "pypi-peer", registry="pypi", start=["python", "bot.py"], workdir=".")
    (pypi / "requirements.txt").write_text("library==1.0 --hash=sha256:00\n", encoding="utf-8")
    (tmp_path / "malformed").mkdir()
    (tmp_path / "malformed" / "implementation.json").write_text("[]", encoding="utf-8")

    found, skipped = peers.find_peers(
        implementations, ["stand-in", "pypi-peer", "malformed", "npm-peer"], install_missing=False
    )

    assert [peer.slug for peer in found] == ["stand-in"]
    assert found[0].start == (sys.executable, "peer.py")
    assert found[0].path == "/interactions"
    environment = found[0].environment(4321, bytes(range(32)))
    assert environment["CONFORMANCE_HOST"] == "127.0.0.1"
    assert environment["CONFORMANCE_PORT"] == "4321"
    assert environment["CONFORMANCE_PUBLIC_KEY"] == bytes(range(32)).hex()
    assert [line.partition(":")[0] for line in skipped] == [
        "pypi-peer skipped",
        "malformed skipped",
        "npm-peer skipped",
    ]
    assert skipped[0].endswith(
        f"cd {pypi.resolve()} && {sys.executable} -m venv .venv && "
        ".venv/bin/pip install -q --require-hashes -r requirements.txt"
    )
    assert "is not a JSON object" in skipped[1]


def test_json_needs_an_existing_directory(tmp_path: pathlib.Path) -> None:
    result = _run("--quick", "--json", str(tmp_path / "nowhere" / "run.json"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--json: " in result.stderr
    assert "is not a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_performance_page_shows_one_run_of_every_server() -> None:
    """The page is drawn from the JSON of one full run of every row (test_docs_performance.py checks the drawing)."""
    page = (_ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    data = json.loads((_ROOT / "docs" / "data" / "http_throughput.json").read_text(encoding="utf-8"))
    command = re.search(r"^\$ (python benchmarks/http_throughput\.py.*) \\\n +--json (\S+)$", page, re.MULTILINE)
    assert command is not None
    assert command[1] == (
        f"python benchmarks/http_throughput.py --rounds {data['plan']['rounds']} --seconds {data['plan']['seconds']:g}"
    )
    assert command[2] == "docs/data/http_throughput.json"
    servers = (*_SERVERS[:-1], "hikari", "discord-http", "discord-interactions")
    expected = {(kind, server) for kind in ("PING", "command") for server in servers}
    assert {(row["workload"], row["server"]) for row in data["results"]} == expected
    assert {(row["workload"], row["server"]) for row in data["ratios"]} == expected
    assert data["reference"] == "reference/granian-rsgi"
    assert set(data["floor"]) == {"PING", "command"}
    assert [(goal["workload"], "http-floor" in goal["goal"]) for goal in data["goals"]] == [
        (kind, cpu) for kind in ("PING", "command") for cpu in (False, True)
    ]
    assert data["skipped"] == []
    assert all(len(row["rounds"]) == data["plan"]["rounds"] for row in data["results"])


_PROFILE_SCRIPT = _ROOT / "benchmarks" / "serve_profile.py"


def test_the_profile_prints_each_threads_cpu_per_reply() -> None:
    result = subprocess.run(
        [sys.executable, str(_PROFILE_SCRIPT), "http-floor", "--workload", "command", "--seconds", "0.5"],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(
        rf"http-floor, command: {_NUMBER} right replies per second; CPU µs per reply by thread:", lines[0]
    )
    assert re.fullmatch(rf"  pid \d+ thread \d+ \(main\): +{_NUMBER}", lines[1])
    assert re.fullmatch(rf"  all threads: +{_NUMBER}", lines[-2])
    assert re.fullmatch(
        rf"in process, no server: serve's app through __rsgi__ {_NUMBER} µs per command,"
        rf" the floor \(verification \+ JSON\) {_NUMBER}: the bridge and the reference add -?{_NUMBER}",
        lines[-1],
    )


def test_profile_samples_go_to_the_innermost_component() -> None:
    from benchmarks.serve_profile import classify  # noqa: PLC0415

    loop = "thread (1): MainThread;uv_run (core.c:452);Handle__run (loop.c:70905)"
    bridge = "InteractionApp._respond (interaction_spec/asgi.py:726)"
    reference = "ReferenceInteractionServer._route (conformance/reference/server.py:139)"
    assert classify(f"{loop};{bridge};{reference};crypto_sign_open (nacl/bindings/crypto_sign.py:103)") == (
        "signature verification (libsodium)"
    )
    assert classify(f"{loop};{bridge}") == "the bridge (interaction_spec/asgi.py)"
    assert classify(f"{loop};{bridge};{reference}") == "the reference (interaction view, listener, reply)"
    assert classify(f"{loop};uv__io_poll (linux.c:1452);epoll_pwait (libc.so.6)") is None
    assert classify(loop) == "event loop, interpreter, other"
