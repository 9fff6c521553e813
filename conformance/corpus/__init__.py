"""The corpus of interaction payloads, as JSON data files any language can read.

``index.json`` lists the samples in order and names the groups; each sample is
``samples/<name>.json``: its ``name``, a ``description``, the ``payload`` as
Discord POSTs it and the ``expected`` values a listener must read from it.
``manifest.json`` (written by `conformance.corpus.manifest`) lists what the
corpus invokes, for a driver to register. docs/corpus.md describes the format.

This module only reads the files and checks their shape; `conformance.payloads`
turns them into `conformance.payloads.Sample` objects.
"""

from __future__ import annotations

__all__ = ("FORMAT", "CorpusError", "Index", "RawSample", "index", "raw_samples", "read_json", "read_sample")

import dataclasses
import functools
import importlib.resources
import json
import typing

if typing.TYPE_CHECKING:
    from collections.abc import Mapping

FORMAT: typing.Final = 1
"""The version of the file format; a change that old readers would misread increments it."""
_INDEX: typing.Final = "index.json"
_SAMPLES: typing.Final = "samples"
_SAMPLE_KEYS: typing.Final = frozenset({"name", "description", "payload", "expected"})


class CorpusError(ValueError):
    """A corpus file is missing or malformed; the message names the file and the problem."""


@dataclasses.dataclass(frozen=True, slots=True)
class Index:
    """``index.json``: the samples in order, and the names of the groups."""

    description: str
    samples: tuple[str, ...]
    """Every sample, the default one of each interaction type first among its kind."""
    minimal: tuple[str, ...]
    """The samples that carry only the fields Discord sends with every interaction of their kind."""
    spelling: tuple[str, ...]
    """The samples whose payloads are also sent in other, equivalent JSON spellings."""


@dataclasses.dataclass(frozen=True, slots=True)
class RawSample:
    """One sample file, its values exactly as JSON gives them."""

    name: str
    description: str
    payload: Mapping[str, object]
    expected: Mapping[str, object]


def read_json(name: str) -> object:
    """Return the JSON value of one file of the corpus folder.

    Parameters
    ----------
    name : str
        The file's path inside the folder, such as ``"index.json"``.

    Returns
    -------
    object
        The decoded value.

    Raises
    ------
    CorpusError
        If the file is missing or is not JSON.
    """
    resource = importlib.resources.files(__name__).joinpath(*name.split("/"))
    try:
        return json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorpusError(f"corpus file {name}: {exc}") from None


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise CorpusError(f"{where}: expected a JSON object")
    return typing.cast("Mapping[str, object]", value)


def _names(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in typing.cast("list[object]", value)):
        raise CorpusError(f"{where}: expected a list of sample names")
    return tuple(typing.cast("list[str]", value))


@functools.cache
def index() -> Index:
    """Return ``index.json``.

    Returns
    -------
    Index
        The index, its groups checked to name samples of the corpus.

    Raises
    ------
    CorpusError
        If the file is malformed, of another format, or a group names a sample the corpus does not list.
    """
    data = _object(read_json(_INDEX), _INDEX)
    if data.get("format") != FORMAT:
        raise CorpusError(f"{_INDEX}: format {data.get('format')!r}, this reader reads format {FORMAT}")
    samples = _names(data.get("samples"), f"{_INDEX} samples")
    minimal = _names(data.get("minimal"), f"{_INDEX} minimal")
    spelling = _names(data.get("spelling"), f"{_INDEX} spelling")
    unknown = sorted((set(minimal) | set(spelling)) - set(samples))
    if unknown or len(set(samples)) != len(samples):
        raise CorpusError(f"{_INDEX}: a group names samples the corpus does not list once: {unknown or samples}")
    return Index(str(data.get("description", "")), samples, minimal, spelling)


def read_sample(name: str) -> RawSample:
    """Return one sample file, its shape checked.

    Parameters
    ----------
    name : str
        The sample's name: the file is ``samples/<name>.json``.

    Returns
    -------
    RawSample
        The sample, its payload and expected values as JSON gives them.

    Raises
    ------
    CorpusError
        If the file is missing, is not JSON, has other keys than the four, or names another sample.
    """
    where = f"{_SAMPLES}/{name}.json"
    data = _object(read_json(where), where)
    if frozenset(data) != _SAMPLE_KEYS:
        raise CorpusError(f"{where}: keys {sorted(data)}, expected {sorted(_SAMPLE_KEYS)}")
    if data["name"] != name:
        raise CorpusError(f"{where}: its name is {data['name']!r}")
    if not isinstance(data["description"], str):
        raise CorpusError(f"{where}: the description is not a string")
    return RawSample(name, data["description"], _object(data["payload"], where), _object(data["expected"], where))


@functools.cache
def raw_samples() -> tuple[RawSample, ...]:
    """Return every sample file, in the order of ``index.json``.

    Returns
    -------
    tuple[RawSample, ...]
        The samples, their payloads and expected values as JSON gives them.

    Raises
    ------
    CorpusError
        If a listed sample's file is missing or malformed.
    """
    return tuple(read_sample(name) for name in index().samples)
