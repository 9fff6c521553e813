"""The console samples of the docs are what real runs print: a figure that drifts fails here.

Each marked ``console`` block of a page (docs/console_samples.py) is made by running the commands it shows;
``python docs/generate.py`` rewrites them. These tests run each sample again and compare, durations aside, and
check that no console block with output escapes the mechanism.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
import sys
import types
import typing

import pytest

from tests.docs_scripts import import_docs_script

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_DOCS = _ROOT / "docs"
_CONSOLE_BLOCK = re.compile(
    r"(?P<marker><!-- console sample: [^\n]*-->\n)?```(?:console|text)\n(?P<body>(?:(?!```).*\n)*?)```"
)
"""A block of a program's output (``console``, or ``text`` for a checker's messages), with its marker if any."""


def _samples() -> types.ModuleType:
    return import_docs_script("console_samples")


class _Sample(typing.Protocol):
    """What the tests read of a `console_samples.Sample`."""

    @property
    def name(self) -> str: ...
    @property
    def page(self) -> str: ...


def _all() -> tuple[_Sample, ...]:
    return typing.cast("tuple[_Sample, ...]", _samples().SAMPLES)


def _sample(name: str) -> _Sample:
    return next(sample for sample in _all() if sample.name == name)


def _names() -> list[str]:
    return [sample.name for sample in _all()]


@pytest.mark.parametrize("name", _names())
def test_a_console_sample_is_what_a_real_run_prints(name: str) -> None:
    samples = _samples()
    sample = _sample(name)
    page = (_DOCS / sample.page).read_text(encoding="utf-8")
    committed = samples.read_samples(page)[name]
    fresh = samples.render_sample(sample, page)
    assert samples.comparable(committed) == samples.comparable(fresh), (
        f"docs/{sample.page}: console sample {name} differs from a real run; run python docs/generate.py\n"
        f"--- on the page\n{committed}--- a run now\n{fresh}"
    )


def _output_lines(body: str) -> list[str]:
    """Return a block's lines that are no command: neither ``$ ...`` nor the continuation of one ending in ``\\``."""
    output: list[str] = []
    continued = False
    for line in body.splitlines():
        command = line.startswith("$ ") or continued
        continued = command and line.endswith("\\")
        if line and not command:
            output.append(line)
    return output


def test_every_console_block_with_output_is_made_by_a_run() -> None:
    """A console or text block that shows output (a line not starting with ``$``) is a marked sample."""
    unmarked: list[str] = []
    for path in sorted(_DOCS.rglob("*.md")):
        for block in _CONSOLE_BLOCK.finditer(path.read_text(encoding="utf-8")):
            output = _output_lines(block["body"])
            if output and block["marker"] is None:
                unmarked.append(f"{path.relative_to(_ROOT)}: {output[0]}")
    assert unmarked == [], "console blocks with output that no run makes"


def test_the_stale_figures_of_issue_19_are_gone() -> None:
    """The counts the pages once showed, which runs no longer print."""
    quickstart = _samples().read_samples((_DOCS / "quickstart.md").read_text(encoding="utf-8"))["quickstart-run"]
    guide = _samples().read_samples((_DOCS / "guide.md").read_text(encoding="utf-8"))
    assert "286 passed" not in quickstart
    assert "191 passed" not in guide["guide-serve"]
    assert "244 cases deselected" not in guide["guide-hikari"]
    assert "96 passed, 0 failed, 0 errors, 0 skipped in 0.29s: http" not in guide["guide-uvicorn"]


def test_check_names_a_sample_whose_figure_drifted_and_ignores_durations(tmp_path: pathlib.Path) -> None:
    samples = _samples()
    sample = _sample("quickstart-run")
    shutil.copy(_DOCS / sample.page, tmp_path / sample.page)
    page = tmp_path / sample.page
    text = page.read_text(encoding="utf-8")
    body = samples.read_samples(text)[sample.name]
    passed = re.search(r"^(\d+) passed, ", body, flags=re.MULTILINE)
    assert passed is not None, body

    slower = re.sub(r"in \d+\.\d+s", "in 98.76s", body)
    assert slower != body
    page.write_text(samples.replace_samples(text, {sample.name: slower}), encoding="utf-8")
    assert samples.stale_samples(tmp_path, [sample]) == [], "a duration is no drift"

    drifted = body.replace(passed[0], f"{int(passed[1]) - 24} passed, ")
    page.write_text(samples.replace_samples(text, {sample.name: drifted}), encoding="utf-8")
    assert samples.stale_samples(tmp_path, [sample]) == [
        f"{page}: console sample quickstart-run differs from a real run of it"
    ]
    assert samples.write_samples(tmp_path, [sample]) == [page]
    rewritten = samples.read_samples(page.read_text(encoding="utf-8"))[sample.name]
    assert passed[0] in rewritten
    assert samples.comparable(rewritten) == samples.comparable(body)
    assert page.read_text(encoding="utf-8").replace(rewritten, body) == text, "only the block changed"


def test_a_page_without_its_marked_block_is_an_error(tmp_path: pathlib.Path) -> None:
    samples = _samples()
    sample = _sample("guide-keygen")
    (tmp_path / sample.page).write_text("# A page\n\n```console\n$ interaction-conformance keygen\n```\n")
    with pytest.raises(samples.SampleError, match="no marked console block for guide-keygen"):
        samples.stale_samples(tmp_path, [sample])
    marker = "<!-- console sample: nobody (python docs/generate.py writes it from a real run) -->\n"
    (tmp_path / sample.page).write_text(f"{marker}```console\nout\n```\n" * 2)
    with pytest.raises(samples.SampleError, match="marked twice"):
        samples.stale_samples(tmp_path, [sample])


def test_keygen_sample_shows_the_pages_fixed_key() -> None:
    samples = _samples()
    text = samples.render_sample(_sample("guide-keygen"))
    assert f"signing seed: {samples.DOCS_SEED}\n" in text
    assert f"public key:   {samples.DOCS_PUBLIC_KEY}\n" in text
    derived = subprocess.run(
        [sys.executable, "-m", "conformance", "keygen", "--signing-seed", samples.DOCS_SEED],
        cwd=_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert samples.DOCS_PUBLIC_KEY in derived, "the page's key is the page's seed's"


def test_the_bot_page_counts_the_bot_cases() -> None:
    from conformance.cases import ALL_CASES  # noqa: PLC0415 - the only test here that needs the suite's cases

    text = (_DOCS / "bot.md").read_text(encoding="utf-8")
    counted = re.findall(r"\bthe (\d+) bot cases\b", text)
    assert counted, "bot.md says how many cases need the bot"
    assert {int(count) for count in counted} == {sum(case.needs_bot for case in ALL_CASES)}
