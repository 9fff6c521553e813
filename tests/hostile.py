"""Hostile input for the reference `InteractionServer`, the ASGI bridge and the served reference.

One implementation, shared by ``tests/test_hostile_input.py`` (a bounded CI
run) and ``python -m tests.fuzz_reference`` (long runs):

- hypothesis strategies for hostile requests (`hostile_requests`): arbitrary
  bytes for body, signature and timestamp; tampered signatures; and correctly
  signed bodies that are hostile JSON (nesting up to 100,000 levels, numbers
  with thousands of digits, ``1e400``, ``NaN``/``Infinity``, huge strings,
  realistic payloads with fields of the wrong type at any depth, odd unicode,
  duplicate keys, BOMs, UTF-16/32, invalid UTF-8);
- named `PROBES`, one per kind of hostile input, run explicitly;
- a `Harness` per process with one ``check_*`` method per target
  (`Harness.check_reference`, `Harness.check_asgi`, `HttpTarget.check`),
  all asserting the same invariants through `check_reply`.

Invariants (`InvariantViolation` when one fails)
-----------------------------------------------
1. Nothing escapes: ``on_interaction`` returns a `Response` whose status is an
   `int` in 200..599; the ASGI app returns normally after sending exactly one
   ``http.response.start`` (status in 200..599) and one final
   ``http.response.body``, with a ``Content-Length`` matching the body.
2. A request that is not correctly signed gets a 4xx. "Correctly signed" is
   decided independently of the server under test (`verifies`, and for HTTP
   `signed_view` per the documented header rules of `interaction_spec.asgi`).
3. No listener ever sees a request that is not correctly signed.
4. No reply body or header carries exception text: none of `LEAK_MARKERS`.
   Generated text never contains ``Error``, ``Exception``, ``Traceback`` or
   ``File`` (`echo_safe`), so a marker in a reply cannot be an echo of the
   request: the listeners echo interaction fields back on purpose.
5. A correctly signed request gets one of `SIGNED_STATUSES` (plus ``413`` from
   the bridge when the body exceeds its ``max_body_size``). Why each happens:

   - ``200``: a PING (PONG), or the listener's reply builder, rendered;
   - ``202``: the listener produced `None`;
   - ``400``: the body is not a JSON object (invalid JSON, invalid UTF-8,
     nesting deeper than the decoder's recursion limit, an integer literal
     over Python's 4300-digit limit), ``type`` is not an integer, or ``id``,
     ``token`` or ``data`` is missing or of the wrong type;
   - ``500``: the listener raised (it reads every spec property, and one of
     them is missing or of the wrong type), or its reply could not be encoded
     (an echoed lone surrogate is not UTF-8);
   - ``501``: ``type`` is an integer that is no known interaction type (all
     four kinds have listeners, so "no listener" cannot happen).

   In-process the statuses are also tied to what the listener did: ``200``
   without a listener call is a PONG; ``202`` iff the listener returned
   `None`; ``500`` only if a listener ran (and then a log record with
   ``exc_info`` exists on ``conformance.reference``); a listener that raised
   always gives ``500``; ``400``/``401``/``501`` never call a listener.
6. Every spec property a listener reads either raises or returns a value of
   its declared type: no wrong-typed field reaches user code disguised. A
   `bool` does not count as an `int` here: JSON ``true`` is no number, and
   ``True == 1`` would pass for ``ComponentType.ACTION_ROW`` in user code.
7. A ``200`` reply is strict JSON (UTF-8, no ``NaN``/``Infinity``, RFC 8259)
   holding an object with an integer ``type``, as Discord requires; a ``202``
   has no body.
8. The bridge logs no error of its own: the reference always returns a
   `Response` it can send.
"""

from __future__ import annotations

__all__ = (
    "BODIES",
    "BRIDGE_LOGGER",
    "COMPONENT_CHAINS",
    "DEEP_NESTING",
    "DOCUMENTS",
    "DUPLICATE_TYPES",
    "HOSTILE_VALUES",
    "HUGE_STRINGS",
    "LEAK_MARKERS",
    "MAX_BODY_SIZE",
    "MUTATED_SAMPLES",
    "ODD_STRINGS",
    "PROBES",
    "REFERENCE_LOGGER",
    "SIGNED_STATUSES",
    "SIGNER",
    "SUPPRESSED_HEALTH_CHECKS",
    "TIMESTAMPS",
    "Harness",
    "HostileRequest",
    "HttpShape",
    "HttpTarget",
    "InvariantViolation",
    "Json",
    "ListenerCall",
    "LogCapture",
    "Raw",
    "RecordingHandler",
    "RecordingListeners",
    "Reply",
    "Statistics",
    "Twice",
    "check_reply",
    "echo_safe",
    "encode",
    "header_safe",
    "hostile_requests",
    "signed_view",
    "texts",
    "verifies",
)

import asyncio
import collections
import collections.abc
import dataclasses
import functools
import hashlib
import itertools
import json
import logging
import re
import typing

from hypothesis import HealthCheck
from hypothesis import strategies as st
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

import interaction_spec
from conformance import payloads
from conformance.reference import AutocompleteBuilder
from conformance.reference import DeferredBuilder
from conformance.reference import MessageBuilder
from conformance.reference import ReferenceInteractionServer
from conformance.signing import Signer
from interaction_spec.asgi import InteractionApp
from tests.endpoints import SEED

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Iterator
    from collections.abc import Mapping
    from collections.abc import Sequence

    import httpx

SIGNER: typing.Final = Signer(SEED)
"""Signs every "correctly signed" request; its seed is the one the served reference verifies with."""

REFERENCE_LOGGER: typing.Final = "conformance.reference"
BRIDGE_LOGGER: typing.Final = "interaction_spec.asgi"
MAX_BODY_SIZE: typing.Final = 1_048_576
"""The bridge's default ``max_body_size``, which the harness and ``interaction-conformance serve`` use."""

LEAK_MARKERS: typing.Final = (
    "Traceback",
    "Error:",
    "Exception",
    'File "',
    "KeyError",
    "TypeError",
    "ValueError",
    "RecursionError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "JSONDecodeError",
    "AttributeError",
    "IndexError",
    "OverflowError",
    "MalformedInteractionError",
    "BadSignatureError",
)
"""Text that only exception messages and tracebacks produce."""

_ECHO_UNSAFE: typing.Final = ("Error", "Exception", "Traceback", "File")
"""Generated text contains none of these, so that no echo (alone or next to a listener's fixed text) is a marker."""

SIGNED_STATUSES: typing.Final = frozenset({200, 202, 400, 500, 501})
"""The statuses a correctly signed request may get from the reference with all four listeners registered."""

_PONG_TYPE: typing.Final = 1

SUPPRESSED_HEALTH_CHECKS: typing.Final = (
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.filter_too_much,
)
"""Hostile inputs are large and slow to build on purpose."""


class InvariantViolation(AssertionError):
    """A target broke one of the invariants of the module docstring.

    ``kind`` names the broken invariant without the details of the input, so
    that a long run can tell new violations from ones it has already seen.
    """

    def __init__(self, target: str, kind: str, detail: str = "") -> None:
        super().__init__(f"{target}: {kind}" + (f" [{detail}]" if detail else ""))
        self.target = target
        self.kind = kind


# ---------------------------------------------------------------------------
# JSON documents that `json.dumps` cannot write
# ---------------------------------------------------------------------------


@typing.final
@dataclasses.dataclass(frozen=True, slots=True)
class Raw:
    """A JSON fragment written verbatim: huge literals, ``NaN``, deep nesting, invalid UTF-8, bad escapes."""

    text: bytes


@typing.final
@dataclasses.dataclass(frozen=True, slots=True)
class Twice:
    """As the value of an object member: the member is written twice, with ``first`` then ``second``."""

    first: Json
    second: Json


Json: typing.TypeAlias = "bool | int | float | str | Raw | Twice | list[Json] | dict[str, Json] | None"
Path: typing.TypeAlias = "tuple[str | int, ...]"


def encode(document: Json, *, ensure_ascii: bool = True) -> bytes:
    """Write ``document`` as JSON text, UTF-8 encoded; lone surrogates pass through as their 3-byte forms."""
    parts: list[bytes] = []
    _encode(document, ensure_ascii, parts)
    return b"".join(parts)


def _scalar(value: bool | int | float | str | None, ensure_ascii: bool) -> bytes:
    return json.dumps(value, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass")


def _encode(value: Json, ensure_ascii: bool, parts: list[bytes]) -> None:
    if isinstance(value, Raw):
        parts.append(value.text)
    elif isinstance(value, Twice):
        _encode(value.second, ensure_ascii, parts)
    elif isinstance(value, dict):
        parts.append(b"{")
        first = True
        for key, member in value.items():
            for written in (member.first, member.second) if isinstance(member, Twice) else (member,):
                if not first:
                    parts.append(b",")
                first = False
                parts.append(_scalar(key, ensure_ascii))
                parts.append(b":")
                _encode(written, ensure_ascii, parts)
        parts.append(b"}")
    elif isinstance(value, list):
        parts.append(b"[")
        for index, item in enumerate(value):
            if index:
                parts.append(b",")
            _encode(item, ensure_ascii, parts)
        parts.append(b"]")
    else:
        parts.append(_scalar(value, ensure_ascii))


def _as_json(value: object) -> Json:
    """Return a sample's JSON-compatible payload as a `Json` document."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        items = typing.cast("dict[object, object]", value).items()
        return {str(key): _as_json(member) for key, member in items}
    if isinstance(value, (list, tuple)):
        return [_as_json(item) for item in typing.cast("Sequence[object]", value)]
    raise TypeError(f"not JSON-compatible: {type(value).__name__}")


def _paths(value: Json, prefix: Path = ()) -> Iterator[Path]:
    """Yield the path of every member and element of ``value``, at any depth."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield (*prefix, key)
            yield from _paths(member, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _paths(item, (*prefix, index))


def _container(document: Json, path: Path) -> dict[str, Json] | list[Json] | None:
    """Return the object or array holding the last step of ``path``, or `None` if an earlier mutation removed it."""
    if len(path) <= 1:
        return document if isinstance(document, (dict, list)) else None
    step = path[0]
    if isinstance(document, dict) and isinstance(step, str) and step in document:
        return _container(document[step], path[1:])
    if isinstance(document, list) and isinstance(step, int) and step < len(document):
        return _container(document[step], path[1:])
    return None


# ---------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------


def echo_safe(text: str) -> bool:
    """Whether generated text is free of everything a leak marker could be made of."""
    return not any(word in text for word in _ECHO_UNSAFE)


# Strategies are built once, at import: building them inside a composite on every
# draw costs hypothesis more than running the targets does.

_ODD_CHARACTERS: typing.Final = (
    "\x00",
    "\ud800",  # lone high surrogate
    "\udbff",
    "\udc00",  # lone low surrogate
    "\udfff",
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\ufeff",  # BOM / ZERO WIDTH NO-BREAK SPACE
    "\ufffe",
    "\uffff",
    "\U0001f600",  # non-BMP emoji
    "\U0010ffff",  # last code point
    "\u2028",
    "\u2029",
    "\x7f",
    "\x85",
    "\n",
    "\r",
    '"',
    "\\",
    "\u0301",  # combining acute accent
    "\u0130",  # dotted capital I
    "\u00df",
)
_ODD_DIGITS: typing.Final = "0123456789\u00b2\u00b3\u00b9\u0663\u06f4\u07c5\u0966\U0001d7d9\uff11"
"""ASCII digits, and characters for which `str.isdigit` is true but `int` may fail (superscripts) or succeed."""
_ALPHABET: typing.Final = st.one_of(st.characters(), st.characters(categories=["Cs"]), st.sampled_from(_ODD_CHARACTERS))


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 24) -> st.SearchStrategy[str]:
    """Short text with odd unicode: lone surrogates, NUL, RTL marks, non-BMP characters."""
    return st.text(_ALPHABET, min_size=min_size, max_size=max_size).filter(echo_safe)


def _repeat(text: str, count: int) -> str:
    return text * count


_DIGIT_STRINGS: typing.Final = st.one_of(
    st.text(st.sampled_from(_ODD_DIGITS), min_size=1, max_size=30),
    st.sampled_from(("", "-1", "+1", " 1", "1 ", "0x10", "1_000", "1e3", "\u00b2", "\u0663", "\uff11" * 20)),
    st.builds(_repeat, st.sampled_from("19\u0663"), st.sampled_from((4300, 4301, 5000))),
)
"""Snowflake-like strings: ASCII or other unicode digits, signs, spaces, thousands of digits."""


def _huge_integer_literal(digits: int, negative: bool) -> Raw:
    return Raw(b"-" * negative + b"1" + b"0" * (digits - 1))


_NUMBER_LITERALS: typing.Final = (
    *(b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e400", b"1e-400", b"-0", b"-0.0", b"1E+2", b"2.0"),
    *(b"0" * 50 + b"1", b"1." + b"5" * 5000, b"1e" + b"9" * 5000, b"nan", b"+1", b".5", b"01"),
)
_NUMBERS: typing.Final[st.SearchStrategy[Json]] = st.one_of(
    st.integers(),
    st.sampled_from((0, -1, 2**31, 2**53 + 1, 2**63, -(2**63), 2**64, 10**100, 10**4299)),
    st.floats(),
    st.sampled_from([Raw(literal) for literal in _NUMBER_LITERALS]),
    st.builds(_huge_integer_literal, st.sampled_from((1000, 4300, 4301, 5000, 20_000, 100_000)), st.booleans()),
)
"""Numbers Python can and cannot hold: huge integers, ``1e400``, ``NaN``/``Infinity`` literals, ``-0``."""

_DEPTHS: typing.Final = st.one_of(
    st.sampled_from((1, 100, 500, 900, 990, 999, 1000, 1001, 5000, 100_000)), st.integers(0, 100_000)
)
_NESTING_SHAPES: typing.Final = st.sampled_from(("array", "object", "mixed", "unclosed", "overclosed"))
_INNER: typing.Final = st.sampled_from((b"1", b'"x"', b"{}", b"[]", b"null"))


@st.composite
def _deep_nesting(draw: st.DrawFn) -> Raw:
    depth, shape, inner = draw(_DEPTHS), draw(_NESTING_SHAPES), draw(_INNER)
    if shape == "array":
        return Raw(b"[" * depth + inner + b"]" * depth)
    if shape == "object":
        return Raw(b'{"a":' * depth + inner + b"}" * depth)
    if shape == "mixed":
        pairs = depth // 2
        return Raw(b'[{"a":' * pairs + inner + b"}]" * pairs)
    if shape == "unclosed":
        return Raw(b"[" * depth + inner)
    return Raw(b"[" * depth + inner + b"]" * (depth + 1))


DEEP_NESTING: typing.Final = _deep_nesting()
"""Arrays, objects or both nested up to 100,000 levels deep; sometimes unbalanced."""

_CHAIN_DEPTHS: typing.Final = st.sampled_from((10, 300, 450, 490, 600, 2000))
_CHAIN_KEYS: typing.Final = st.sampled_from((b'"component":', b'"components":['))


@st.composite
def _component_chains(draw: st.DrawFn) -> Raw:
    depth, key = draw(_CHAIN_DEPTHS), draw(_CHAIN_KEYS)
    close = b"}" if key.endswith(b":") else b"]}"
    leaf = b'{"custom_id":"v","type":4,"value":"x"}'
    return Raw((b'{"type":18,"custom_id":"c",' + key) * depth + leaf + close * depth)


COMPONENT_CHAINS: typing.Final = _component_chains()
"""A modal component tree nested through ``component``/``components``, for recursive readers."""

_UNITS: typing.Final = texts(min_size=1, max_size=6)
_COUNTS: typing.Final = st.one_of(st.sampled_from((1000, 2001, 20_000)), st.integers(1, 120_000))


@st.composite
def _huge_strings(draw: st.DrawFn) -> str:
    text = (draw(_UNITS) * draw(_COUNTS))[:120_000]
    return text if echo_safe(text) else "x" * len(text)


HUGE_STRINGS: typing.Final = _huge_strings()
"""Strings of up to 120,000 characters, repeating odd text."""

_INVALID_UTF8: typing.Final = (
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc0\x80",  # overlong NUL
    b"\xc3",  # truncated sequence
    b"\xe2\x82",
    b"\xed\xa0\x80",  # a UTF-16 surrogate encoded as UTF-8
    b"\xed\xbf\xbf",
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xf8\x88\x80\x80\x80",
)
_ESCAPES: typing.Final = (
    b'"\\ud800"',  # lone surrogates, escaped
    b'"\\udfff"',
    b'"\\udc00\\ud800"',
    b'"\\ud83d\\ude00"',  # a valid pair
    b'"\\u0000"',
    b'"\\u202e"',
    b'"a\x00b"',  # raw control character
    b'"\\x41"',  # not a JSON escape
    b'"\\u12"',
    b'"\\U0001f600"',
    b'"\xef\xbb\xbf"',  # a BOM inside a string
)
_INVALID_UTF8_BYTES: typing.Final = st.sampled_from(_INVALID_UTF8)
_SHORT_TEXTS: typing.Final = texts(max_size=8)


def _escaped(text: str) -> bytes:
    return json.dumps(text).encode("ascii")[1:-1]


@st.composite
def _invalid_utf8_strings(draw: st.DrawFn) -> Raw:
    before, bad, after = draw(_SHORT_TEXTS), draw(_INVALID_UTF8_BYTES), draw(_SHORT_TEXTS)
    return Raw(b'"' + _escaped(before) + bad + _escaped(after) + b'"')


ODD_STRINGS: typing.Final[st.SearchStrategy[Raw]] = st.one_of(
    st.sampled_from([Raw(escape) for escape in _ESCAPES]), _invalid_utf8_strings()
)
"""String literals no Python string serializes to: invalid UTF-8 bytes, bad or surrogate escapes."""

_SCALARS: typing.Final[st.SearchStrategy[Json]] = st.one_of(st.none(), st.booleans(), _NUMBERS, texts(), _DIGIT_STRINGS)


def _containers(children: st.SearchStrategy[Json]) -> st.SearchStrategy[Json]:
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(_SHORT_TEXTS, children, max_size=4))


HOSTILE_VALUES: typing.Final[st.SearchStrategy[Json]] = st.one_of(
    _SCALARS,
    st.recursive(_SCALARS, _containers, max_leaves=10),
    DEEP_NESTING,
    COMPONENT_CHAINS,
    HUGE_STRINGS,
    ODD_STRINGS,
)
"""Any JSON value, and the hostile ones: deep nesting, huge numbers and strings, odd strings."""

_TYPE_VALUES: typing.Final[tuple[Json, ...]] = (
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    -1,
    2**31,
    True,
    False,
    2.0,
    "2",
    None,
    Raw(b"2.0"),
    Raw(b"2e0"),
    Raw(b"-0"),
    Raw(b"1" + b"0" * 4299),
    Raw(b"1" + b"0" * 4300),
)
_TYPES: typing.Final = st.sampled_from(_TYPE_VALUES)
_SPEC_ROOTS: typing.Final = frozenset({"id", "application_id", "type", "token", "version", "data"})
"""The members the reference reads: mutations pick paths under them half the time."""
_SAMPLES: typing.Final = st.sampled_from(payloads.ALL_SAMPLES)
_OPERATIONS: typing.Final = st.sampled_from(("replace", "replace", "snowflake", "retype", "delete", "duplicate"))
_MUTATION_COUNTS: typing.Final = st.integers(1, 4)
_BOOLEANS: typing.Final = st.booleans()


@functools.cache
def _path_strategies(name: str) -> tuple[st.SearchStrategy[Path], st.SearchStrategy[Path]]:
    """Every path of a sample's payload, and those under `_SPEC_ROOTS`."""
    sample = next(sample for sample in payloads.ALL_SAMPLES if sample.name == name)
    every = tuple(_paths(_as_json(sample.copy())))
    return st.sampled_from(every), st.sampled_from([path for path in every if path[0] in _SPEC_ROOTS])


@st.composite
def _mutated_samples(draw: st.DrawFn) -> Json:
    sample = draw(_SAMPLES)
    document = _as_json(sample.copy())
    every, spec = _path_strategies(sample.name)
    for _ in range(draw(_MUTATION_COUNTS)):
        path = draw(spec if draw(_BOOLEANS) else every)
        container = _container(document, path)
        if container is None:
            continue
        step = path[-1]
        operation = draw(_OPERATIONS)
        value: Json
        if operation == "snowflake":
            value = draw(_DIGIT_STRINGS)
        elif operation == "retype":
            value = draw(_TYPES)
        else:
            value = draw(HOSTILE_VALUES)
        if isinstance(container, dict) and isinstance(step, str) and step in container:
            if operation == "delete":
                del container[step]
            elif operation == "duplicate":
                original = container[step]
                container[step] = Twice(value, original) if draw(_BOOLEANS) else Twice(original, value)
            else:
                container[step] = value
        elif isinstance(container, list) and isinstance(step, int) and step < len(container):
            if operation == "delete":
                del container[step]
            else:
                container[step] = value
    return document


MUTATED_SAMPLES: typing.Final = _mutated_samples()
"""A realistic sample with one to four members, at any depth, replaced, removed, duplicated or retyped."""


@st.composite
def _duplicate_types(draw: st.DrawFn) -> Json:
    document = _as_json(draw(_SAMPLES).copy())
    assert isinstance(document, dict)
    other, original = draw(_TYPES), document["type"]
    document["type"] = Twice(other, original) if draw(_BOOLEANS) else Twice(original, other)
    return document


DUPLICATE_TYPES: typing.Final = _duplicate_types()
"""A realistic sample whose ``type`` member appears twice, with different values."""


def _reencoded(body: bytes, encoding: str) -> bytes:
    try:
        return body.decode("utf-8", "surrogatepass").encode(encoding, "surrogatepass")
    except UnicodeError:
        return body


_UNCHANGED: typing.Final = 24
_BYTE_CHANGES: typing.Final = st.integers(0, _UNCHANGED + 7)
"""Below `_UNCHANGED` (three times in four) the body stays as encoded; above, one of eight changes."""
_OFFSETS: typing.Final = st.integers(0, 1 << 24)
_ENCODINGS: typing.Final = st.sampled_from(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"))
_TAILS: typing.Final = st.sampled_from((b" ", b"\x00", b"}", b"{}", b"\n\n", b"\xff"))
_HEADS: typing.Final = st.sampled_from((b" \t\r\n", b"\x00", b"\xff\xfe"))


def _byte_level(draw: st.DrawFn, body: bytes) -> bytes:
    """Mostly leave the encoded document alone; else add a BOM, re-encode it as UTF-16/32, or corrupt its bytes."""
    change = draw(_BYTE_CHANGES) - _UNCHANGED
    if change < 0:
        return body
    if change == 0:
        return b"\xef\xbb\xbf" + body
    if change == 1:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + body
    if change == 2:
        return _reencoded(body, draw(_ENCODINGS))
    if change == 3:
        offset = draw(_OFFSETS) % (len(body) + 1)
        return body[:offset] + draw(_INVALID_UTF8_BYTES) + body[offset:]
    if change == 4:
        return body[: draw(_OFFSETS) % max(1, len(body))]
    if change == 5:
        return body + draw(_TAILS)
    if change == 6:
        return draw(_HEADS) + body
    return body.replace(b'"type":', b'"type":0,"type":', 1)


_EDGE_BODIES: typing.Final = (
    b"",
    b" ",
    b"{}",
    b"[]",
    b"null",
    b"0",
    b'""',
    b"{",
    b'{"type":1}',
    b'{"type":1}{"type":1}',
    b'{"type":2}',
    b'{"type":2,"id":"1","token":"t","data":{}}',
    b'{"type":3,"id":"1","token":"t","data":{}}',
    b'{"type":4,"id":"1","token":"t","data":{}}',
    b'{"type":5,"id":"1","token":"t","data":{}}',
    b'{"type":2,"id":"1","token":"t","data":{},"type":1}',
    b'{"type":1,"type":2,"id":"1","token":"t","data":{}}',
    b"\xef\xbb\xbf" + payloads.PING.body(),
)
_BRANCHES: typing.Final = st.integers(0, 9)


@st.composite
def _documents(draw: st.DrawFn) -> bytes:
    branch = draw(_BRANCHES)
    document: Json
    if branch <= 4:
        document = draw(MUTATED_SAMPLES)
    elif branch <= 6:
        document = _as_json(draw(_SAMPLES).copy())
    elif branch == 7:
        document = draw(DUPLICATE_TYPES)
    elif branch == 8:
        document = _as_json(draw(_SAMPLES).copy())
        assert isinstance(document, dict)
        document["type"] = draw(_TYPES)
    else:
        document = draw(HOSTILE_VALUES)
    return _byte_level(draw, encode(document, ensure_ascii=draw(_BOOLEANS)))


DOCUMENTS: typing.Final = _documents()
"""A hostile JSON body: mostly a mutated realistic sample."""
_BINARY_BODIES: typing.Final = st.binary(max_size=512)
_EDGES: typing.Final = st.sampled_from(_EDGE_BODIES)
_BODY_BRANCHES: typing.Final = st.integers(0, 11)


@st.composite
def _bodies(draw: st.DrawFn) -> bytes:
    branch = draw(_BODY_BRANCHES)
    if branch <= 8:
        return draw(DOCUMENTS)
    if branch == 9:
        return draw(_BINARY_BODIES)
    if branch == 10:
        return draw(DEEP_NESTING).text
    return draw(_EDGES)


BODIES: typing.Final = _bodies()
"""Any body: mostly hostile JSON documents, sometimes arbitrary bytes, deep nesting or an edge case."""


def header_safe(value: bytes) -> bytes:
    """Keep the bytes an HTTP client sends in a header value unchanged: visible ASCII."""
    return bytes(byte for byte in value if 0x21 <= byte <= 0x7E)


def _unix_time(seconds: int) -> bytes:
    return str(seconds).encode()


TIMESTAMPS: typing.Final = st.one_of(
    st.integers(1_600_000_000, 2_000_000_000).map(_unix_time),
    st.sampled_from((b"", b"0", b"-1", b"1e10", b"9" * 30, "\u0663".encode(), b"\xff\xfe", b"\x00", b"NaN", b" 1")),
    st.binary(max_size=48),
)
"""Unix times as Discord sends them, odd ones, and arbitrary bytes."""

SignatureHeader: typing.TypeAlias = typing.Literal["hex", "HEX", "odd", "garbage", "empty", "missing"]
Duplicate: typing.TypeAlias = typing.Literal["none", "signature", "timestamp", "both"]
NameCase: typing.TypeAlias = typing.Literal["lower", "title", "upper"]
ReplyMode: typing.TypeAlias = typing.Literal["echo", "deferred", "none"]
Origin: typing.TypeAlias = typing.Literal["signed", "tampered", "arbitrary", "probe"]

_SIGNATURE_HEADER: typing.Final = b"x-signature-ed25519"
_TIMESTAMP_HEADER: typing.Final = b"x-signature-timestamp"


@dataclasses.dataclass(frozen=True, slots=True)
class HttpShape:
    """How a request's signature and body travel over HTTP; the reference target ignores it."""

    signature_header: SignatureHeader = "hex"
    duplicate: Duplicate = "none"
    omit_timestamp: bool = False
    name_case: NameCase = "lower"
    content_length: bool = False
    splits: tuple[int, ...] = ()
    """Offsets at which the body is cut into ``http.request`` messages (ASGI only)."""
    garbage: bytes = b""
    """The signature header's value when `signature_header` is ``"garbage"`` (contains a non-hex byte)."""

    def headers(self, signature: bytes, timestamp: bytes, body: bytes) -> list[tuple[bytes, bytes]]:
        """Return the request headers carrying ``signature`` and ``timestamp``."""
        hexed = signature.hex().encode()
        values: dict[SignatureHeader, bytes | None] = {
            "hex": hexed,
            "HEX": hexed.upper(),
            "odd": hexed[:-1] if hexed else b"0",
            "garbage": self.garbage,
            "empty": b"",
            "missing": None,
        }
        headers: list[tuple[bytes, bytes]] = []
        value = values[self.signature_header]
        if value is not None:
            headers += [(_SIGNATURE_HEADER, value)] * (2 if self.duplicate in ("signature", "both") else 1)
        if not self.omit_timestamp:
            headers += [(_TIMESTAMP_HEADER, timestamp)] * (2 if self.duplicate in ("timestamp", "both") else 1)
        if self.name_case != "lower":
            headers = [(name.title() if self.name_case == "title" else name.upper(), value) for name, value in headers]
        if self.content_length:
            headers.append((b"content-length", b"%d" % len(body)))
        return headers

    def chunks(self, body: bytes) -> list[bytes]:
        """Return ``body`` cut at `splits`."""
        cuts = [0, *sorted(min(split, len(body)) for split in self.splits), len(body)]
        return [body[start:end] for start, end in itertools.pairwise(cuts)]


def _short(value: bytes, limit: int = 160) -> str:
    if len(value) <= limit:
        return repr(value)
    digest = hashlib.sha256(value).hexdigest()[:12]
    return f"{value[: limit - 40]!r}...{value[-24:]!r} ({len(value)} bytes, sha256 {digest}...)"


@dataclasses.dataclass(frozen=True, slots=True)
class HostileRequest:
    """One request: the raw triple `on_interaction` takes, how it travels over HTTP, and how listeners reply."""

    body: bytes
    signature: bytes
    timestamp: bytes
    origin: Origin
    http: HttpShape = HttpShape()
    reply: ReplyMode = "echo"

    def __repr__(self) -> str:
        return (
            f"HostileRequest(origin={self.origin!r}, body={_short(self.body, 4096)}, signature={self.signature!r}, "
            f"timestamp={_short(self.timestamp)}, http={self.http!r}, reply={self.reply!r})"
        )

    def _repr_pretty_(self, printer: typing.Any, cycle: bool) -> None:  # noqa: ANN401 - hypothesis's printer
        printer.text(repr(self))

    def describe(self, limit: int = 20_000) -> str:
        """Return the request in full when its body is at most ``limit`` bytes, else as `repr` does."""
        if len(self.body) > limit:
            return repr(self)
        return (
            f"HostileRequest(origin={self.origin!r}, body={self.body!r}, signature={self.signature!r}, "
            f"timestamp={self.timestamp!r}, http={self.http!r}, reply={self.reply!r})"
        )


_TAMPERINGS: typing.Final = st.sampled_from(
    (
        "flip-signature",
        "flip-body",
        "change-timestamp",
        "truncate-signature",
        "extend-signature",
        "other-key",
        "zero-signature",
        "body-into-timestamp",
    )
)
_OTHER_SIGNER: typing.Final = Signer(bytes(range(200, 232)))
_BITS: typing.Final = st.integers(0, 4096)


def _flip(value: bytes, bit: int) -> bytes:
    if not value:
        return b"\x01"
    index = (bit // 8) % len(value)
    return value[:index] + bytes([value[index] ^ (1 << (bit % 8))]) + value[index + 1 :]


_GARBLED_SHAPE: typing.Final = st.integers(0, 3).map(lambda draw: draw == 2)  # one in four, never the simplest
_SPLITS: typing.Final = st.lists(_OFFSETS, max_size=3)
_GARBAGE: typing.Final = st.binary(max_size=140)
_SIGNATURE_HEADERS: typing.Final[st.SearchStrategy[SignatureHeader]] = st.sampled_from(
    ("hex", "HEX", "odd", "garbage", "empty", "missing")
)
_DUPLICATES: typing.Final[st.SearchStrategy[Duplicate]] = st.sampled_from(("none", "signature", "timestamp", "both"))
_NAME_CASES: typing.Final[st.SearchStrategy[NameCase]] = st.sampled_from(("lower", "title", "upper"))


def _http_shape(draw: st.DrawFn, body: bytes, *, http_safe: bool) -> HttpShape:
    """Mostly the plain shape; sometimes malformed, duplicated or differently cased headers, and a chunked body."""
    splits = () if http_safe else tuple(split % (len(body) + 1) for split in draw(_SPLITS))
    if not draw(_GARBLED_SHAPE):
        return HttpShape(splits=splits)
    return HttpShape(
        signature_header=draw(_SIGNATURE_HEADERS),
        duplicate=draw(_DUPLICATES),
        omit_timestamp=draw(_BOOLEANS),
        name_case=draw(_NAME_CASES),
        content_length=draw(_BOOLEANS),
        splits=splits,
        garbage=b"z" + header_safe(draw(_GARBAGE)),
    )


_ORIGINS: typing.Final[st.SearchStrategy[Origin]] = st.sampled_from(
    ("signed", "signed", "signed", "tampered", "arbitrary")
)
_ARBITRARY_BODIES: typing.Final = st.binary(max_size=1024)
_ARBITRARY_SIGNATURES: typing.Final = st.one_of(
    st.binary(min_size=64, max_size=64), st.binary(max_size=130), st.sampled_from((b"", bytes(64), b"\xff" * 64))
)
_REPLIES: typing.Final[st.SearchStrategy[ReplyMode]] = st.sampled_from(("echo", "deferred", "none"))


@st.composite
def hostile_requests(draw: st.DrawFn, signer: Signer = SIGNER, *, http_safe: bool = False) -> HostileRequest:
    """A hostile request: correctly signed hostile JSON (mostly), a tampered signature, or arbitrary bytes.

    With ``http_safe`` the timestamp and header values are visible ASCII, which
    an HTTP client can send unchanged.
    """
    origin = draw(_ORIGINS)
    body = draw(BODIES) if origin != "arbitrary" else draw(_ARBITRARY_BODIES)
    timestamp = draw(TIMESTAMPS)
    if http_safe:
        timestamp = header_safe(timestamp)
    signature = draw(_ARBITRARY_SIGNATURES) if origin == "arbitrary" else signer.signature(timestamp, body)
    if origin == "tampered":
        how, bit = draw(_TAMPERINGS), draw(_BITS)
        if how == "flip-signature":
            signature = _flip(signature, bit)
        elif how == "flip-body":
            body = _flip(body, bit)
        elif how == "change-timestamp":
            timestamp += b"1"
        elif how == "truncate-signature":
            signature = signature[: bit % 64]
        elif how == "extend-signature":
            signature += b"\x00"
        elif how == "other-key":
            signature = _OTHER_SIGNER.signature(timestamp, body)
        elif how == "zero-signature":
            signature = bytes(64)
        elif body:
            # The signed message is timestamp + body, so moving a byte across keeps the signature valid.
            moved = body[:1] if not http_safe or header_safe(body[:1]) else b""
            timestamp, body = timestamp + moved, body[len(moved) :]
    shape = _http_shape(draw, body, http_safe=http_safe)
    return HostileRequest(body, signature, timestamp, origin, shape, draw(_REPLIES))


# ---------------------------------------------------------------------------
# Named probes: each kind of hostile input at least once, on every run
# ---------------------------------------------------------------------------


def _sample_with(sample: payloads.Sample, path: Path, value: Json) -> bytes:
    document = _as_json(sample.copy())
    container = _container(document, path)
    assert container is not None
    if isinstance(container, dict):
        assert isinstance(path[-1], str)
        container[path[-1]] = value
    else:
        assert isinstance(path[-1], int)
        container[path[-1]] = value
    return encode(document)


def _probe(body: bytes, *, reply: ReplyMode = "echo") -> HostileRequest:
    request = SIGNER.sign(body, b"1700000000")
    return HostileRequest(request.body, request.signature, request.timestamp, "probe", reply=reply)


def _unsigned_probe(body: bytes, signature: bytes, timestamp: bytes) -> HostileRequest:
    return HostileRequest(body, signature, timestamp, "probe")


_COMMAND: typing.Final = payloads.COMMAND_GUILD
_COMPONENT: typing.Final = payloads.COMPONENT_STRING_SELECT
_AUTOCOMPLETE: typing.Final = payloads.AUTOCOMPLETE_TOP_LEVEL
_MODAL: typing.Final = payloads.MODAL_ACTION_ROWS
_DEEP: typing.Final = 100_000

PROBES: typing.Final[Mapping[str, HostileRequest]] = {
    "nesting.array-100k": _probe(b"[" * _DEEP + b"]" * _DEEP),
    "nesting.object-100k": _probe(b'{"a":' * _DEEP + b"1" + b"}" * _DEEP),
    "nesting.unclosed-100k": _probe(b"[" * _DEEP),
    "nesting.data-options-100k": _probe(_sample_with(_COMMAND, ("data", "options"), Raw(b"[" * _DEEP + b"]" * _DEEP))),
    "nesting.modal-components-450": _probe(
        _sample_with(_MODAL, ("data", "components"), Raw(b"[" + b'{"components":[' * 450 + b"{}" + b"]}" * 450 + b"]"))
    ),
    "nesting.modal-component-chain-2000": _probe(
        _sample_with(_MODAL, ("data", "components"), Raw(b"[" + b'{"component":' * 2000 + b"{}" + b"}" * 2000 + b"]"))
    ),
    "number.type-4300-digits": _probe(_sample_with(_COMMAND, ("type",), Raw(b"1" + b"0" * 4299))),
    "number.type-5000-digits": _probe(_sample_with(_COMMAND, ("type",), Raw(b"1" + b"0" * 4999))),
    "number.id-4300-digits": _probe(_sample_with(_COMMAND, ("id",), Raw(b"1" + b"0" * 4299))),
    "number.id-5000-digit-string": _probe(_sample_with(_COMMAND, ("id",), "1" * 5000)),
    "number.id-superscript-digit": _probe(_sample_with(_COMMAND, ("id",), "\u00b2")),
    "number.id-arabic-indic-digits": _probe(_sample_with(_COMMAND, ("id",), "\u0661\u0662\u0663")),
    "number.command-id-5000-digit-string": _probe(_sample_with(_COMMAND, ("data", "id"), "9" * 5000)),
    "number.type-1e400": _probe(_sample_with(_COMMAND, ("type",), Raw(b"1e400"))),
    "number.type-nan": _probe(_sample_with(_COMMAND, ("type",), Raw(b"NaN"))),
    "number.version-infinity": _probe(_sample_with(_COMMAND, ("version",), Raw(b"-Infinity"))),
    "number.application-id-1e400": _probe(_sample_with(_COMMAND, ("application_id",), Raw(b"1e400"))),
    "number.focused-value-nan": _probe(
        _sample_with(_AUTOCOMPLETE, ("data", "options", 1, "value"), Raw(b"NaN")), reply="echo"
    ),
    "number.focused-value-1e400": _probe(
        _sample_with(_AUTOCOMPLETE, ("data", "options", 1, "value"), Raw(b"1e400")), reply="echo"
    ),
    "number.component-value-4300-digits": _probe(
        _sample_with(_COMPONENT, ("data", "values", 0), Raw(b"7" * 4300)), reply="none"
    ),
    "string.token-500k": _probe(_sample_with(_COMMAND, ("token",), "t" * 500_000)),
    "string.command-name-100k": _probe(_sample_with(_COMMAND, ("data", "name"), "n" * 100_000)),
    "unicode.command-name-lone-surrogate-escaped": _probe(_sample_with(_COMMAND, ("data", "name"), "\ud800")),
    "unicode.custom-id-lone-surrogate-raw": _probe(
        _sample_with(_COMPONENT, ("data", "custom_id"), Raw(b'"\xed\xa0\x80"'))
    ),
    "unicode.custom-id-nul-rtl-non-bmp": _probe(
        _sample_with(_MODAL, ("data", "custom_id"), "a\x00\u202e\u200f\U0001f600\U0010ffff")
    ),
    "unicode.focused-option-reversed-pair": _probe(
        _sample_with(_AUTOCOMPLETE, ("data", "options", 1, "name"), Raw(b'"\\udc00\\ud800"'))
    ),
    "unicode.token-raw-nul": _probe(_sample_with(_COMMAND, ("token",), Raw(b'"a\x00b"'))),
    "duplicate.type-command-then-ping": _probe(_sample_with(_COMMAND, ("type",), Twice(2, 1))),
    "duplicate.type-ping-then-command": _probe(_sample_with(_COMMAND, ("type",), Twice(1, 2))),
    "duplicate.type-command-then-component": _probe(_sample_with(_COMMAND, ("type",), Twice(2, 3))),
    "duplicate.data-then-string": _probe(payloads.COMMAND_GUILD.body()[:-1] + b',"data":"x"}'),
    "bom.utf-8": _probe(b"\xef\xbb\xbf" + payloads.COMMAND_GUILD.body()),
    "bom.utf-16": _probe(payloads.COMMAND_GUILD.body().decode().encode("utf-16")),
    "bom.utf-32-le-no-bom": _probe(payloads.COMMAND_GUILD.body().decode().encode("utf-32-le")),
    "utf8.invalid-in-token": _probe(_sample_with(_COMMAND, ("token",), Raw(b'"ab\xffcd"'))),
    "utf8.overlong-nul-in-name": _probe(_sample_with(_COMMAND, ("data", "name"), Raw(b'"\xc0\x80"'))),
    "wrong-type.data-array": _probe(_sample_with(_COMMAND, ("data",), [1, 2])),
    "wrong-type.options-object": _probe(_sample_with(_AUTOCOMPLETE, ("data", "options"), {"focused": True})),
    "wrong-type.values-string": _probe(_sample_with(_COMPONENT, ("data", "values"), "abc")),
    "wrong-type.version-bool": _probe(_sample_with(_COMMAND, ("version",), value=True)),
    "wrong-type.component-type-bool": _probe(_sample_with(_COMPONENT, ("data", "component_type"), value=True)),
    "wrong-type.type-bool": _probe(_sample_with(_COMMAND, ("type",), value=True)),
    "unknown-type.99": _probe(_sample_with(_COMMAND, ("type",), 99)),
    "ping.extra-junk": _probe(_sample_with(payloads.PING, ("user",), Raw(b"[" * 500 + b"]" * 500))),
    "unsigned.empty": _unsigned_probe(b"", b"", b""),
    "unsigned.garbage": _unsigned_probe(b"\xff\x00{", b"\x00" * 64, b"\xff"),
    "unsigned.valid-body-zero-signature": _unsigned_probe(payloads.COMMAND_GUILD.body(), bytes(64), b"1700000000"),
    "unsigned.other-key": _unsigned_probe(
        payloads.COMMAND_GUILD.body(),
        _OTHER_SIGNER.signature(b"1700000000", payloads.COMMAND_GUILD.body()),
        b"1700000000",
    ),
    "unsigned.signature-65-bytes": _unsigned_probe(
        payloads.PING.body(), SIGNER.signature(b"1", payloads.PING.body()) + b"\x00", b"1"
    ),
}
"""Every kind of hostile input, named; the tests and the fuzz command run each of them explicitly."""


# ---------------------------------------------------------------------------
# Listeners that read every spec property
# ---------------------------------------------------------------------------

_Check: typing.TypeAlias = "Callable[[object], bool]"
_Property: typing.TypeAlias = "tuple[str, Callable[[], object], _Check]"


def _is_int(value: object) -> bool:
    # A JSON true/false is no number: bool passes isinstance(..., int) but True == 1 would confuse user code.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_focused_value(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _is_options(value: object) -> bool:
    if not isinstance(value, collections.abc.Mapping):
        return False
    items = typing.cast("Mapping[object, object]", value).items()
    return all(isinstance(key, str) and isinstance(item, (str, int, float)) for key, item in items)


def _is_strings(value: object) -> bool:
    if isinstance(value, str) or not isinstance(value, collections.abc.Sequence):
        return False
    return all(isinstance(item, str) for item in typing.cast("Sequence[object]", value))


def _is_modal_values(value: object) -> bool:
    if not isinstance(value, collections.abc.Mapping):
        return False
    items = typing.cast("Mapping[object, object]", value).items()
    return all(
        isinstance(key, str) and (item is None or isinstance(item, (str, bool)) or _is_strings(item))
        for key, item in items
    )


def _common(interaction: interaction_spec.PartialInteraction) -> list[_Property]:
    return [
        ("id", lambda: interaction.id, _is_int),
        ("application_id", lambda: interaction.application_id, _is_int),
        ("type", lambda: interaction.type, _is_int),
        ("token", lambda: interaction.token, _is_str),
        ("version", lambda: interaction.version, _is_int),
    ]


def _command(interaction: interaction_spec.BaseCommandInteraction) -> list[_Property]:
    return [
        *_common(interaction),
        ("command_id", lambda: interaction.command_id, _is_int),
        ("command_name", lambda: interaction.command_name, _is_str),
    ]


def _use(value: object) -> None:
    """Do with a property's value what user code does: format it, iterate it."""
    if isinstance(value, collections.abc.Mapping):
        for key, item in typing.cast("Mapping[object, object]", value).items():
            _use(key)
            _use(item)
    elif isinstance(value, collections.abc.Sequence) and not isinstance(value, str):
        for item in typing.cast("Sequence[object]", value):
            _use(item)
    else:
        f"{value}:{value!r}".encode("utf-8", "surrogatepass")


@dataclasses.dataclass(slots=True)
class ListenerCall:
    """What one listener call saw and did."""

    kind: str
    values: dict[str, object]
    """The properties that could be read, by name."""
    failures: dict[str, str]
    """The properties that raised: the exception's type name, by name."""
    confused: dict[str, str]
    """The properties that returned a value not of their declared type: that type's name, by name."""
    outcome: typing.Literal["raised", "none", "builder"] = "raised"


class RecordingListeners:
    """A listener for each of the four kinds, reading every spec property and recording the call."""

    def __init__(self) -> None:
        self.calls: list[ListenerCall] = []
        self.reply: ReplyMode = "echo"

    def _read(self, kind: str, properties: list[_Property]) -> tuple[ListenerCall, dict[str, object]]:
        call = ListenerCall(kind, {}, {}, {})
        self.calls.append(call)
        first: Exception | None = None
        for name, read, declared in properties:
            try:
                value = read()
                _use(value)
            except Exception as error:
                call.failures[name] = type(error).__name__
                first = first or error
                continue
            call.values[name] = value
            if not declared(value):
                call.confused[name] = type(value).__name__
        if first is not None:
            raise first
        return call, call.values

    @staticmethod
    def _text(value: object, limit: int) -> str:
        return value[:limit] if isinstance(value, str) else "?"

    async def command(
        self, interaction: interaction_spec.CommandInteraction
    ) -> interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None:
        call, values = self._read(
            "command", [*_command(interaction), ("options", lambda: interaction.options, _is_options)]
        )
        builder: interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None = None
        if self.reply == "echo":
            builder = MessageBuilder(self._text(values["command_name"], 2000), ephemeral=True)
        elif self.reply == "deferred":
            builder = DeferredBuilder(ephemeral=True)
        call.outcome = "none" if builder is None else "builder"
        return builder

    async def component(
        self, interaction: interaction_spec.ComponentInteraction
    ) -> interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None:
        properties = [
            *_common(interaction),
            ("custom_id", lambda: interaction.custom_id, _is_str),
            ("component_type", lambda: interaction.component_type, _is_int),
            ("values", lambda: interaction.values, _is_strings),
        ]
        call, values = self._read("component", properties)
        builder: interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None = None
        if self.reply == "echo":
            builder = MessageBuilder(self._text(values["custom_id"], 2000), update=True)
        elif self.reply == "deferred":
            builder = DeferredBuilder(update=True)
        call.outcome = "none" if builder is None else "builder"
        return builder

    async def autocomplete(
        self, interaction: interaction_spec.AutocompleteInteraction
    ) -> interaction_spec.InteractionAutocompleteBuilder | None:
        properties = [
            *_command(interaction),
            ("focused_option", lambda: interaction.focused_option, _is_str),
            ("focused_value", lambda: interaction.focused_value, _is_focused_value),
        ]
        call, values = self._read("autocomplete", properties)
        builder = None
        if self.reply == "echo":
            value = typing.cast("str | int | float", values["focused_value"])
            builder = AutocompleteBuilder([(self._text(values["focused_option"], 100) or "option", value)])
        elif self.reply == "deferred":
            builder = AutocompleteBuilder([])
        call.outcome = "none" if builder is None else "builder"
        return builder

    async def modal(
        self, interaction: interaction_spec.ModalInteraction
    ) -> interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None:
        properties = [
            *_common(interaction),
            ("custom_id", lambda: interaction.custom_id, _is_str),
            ("values", lambda: interaction.values, _is_modal_values),
        ]
        call, values = self._read("modal", properties)
        builder: interaction_spec.InteractionMessageBuilder | interaction_spec.InteractionDeferredBuilder | None = None
        if self.reply == "echo":
            builder = MessageBuilder(self._text(values["custom_id"], 2000))
        elif self.reply == "deferred":
            builder = DeferredBuilder()
        call.outcome = "none" if builder is None else "builder"
        return builder


# ---------------------------------------------------------------------------
# Correct signatures, decided independently of the targets
# ---------------------------------------------------------------------------

_VERIFY_KEY: typing.Final = VerifyKey(SIGNER.public_key)
_HEX: typing.Final = re.compile(rb"(?:[0-9a-fA-F]{2})+")


def verifies(signature: bytes, timestamp: bytes, body: bytes) -> bool:
    """Whether ``signature`` is `SIGNER`'s Ed25519 signature of ``timestamp + body``."""
    if len(signature) != 64:
        return False
    try:
        _VERIFY_KEY.verify(timestamp + body, signature)
    except BadSignatureError:
        return False
    return True


def signed_view(headers: Sequence[tuple[bytes, bytes]]) -> tuple[bytes, bytes] | None:
    """Return the signature and timestamp an HTTP request unambiguously carries, or `None`.

    A request carries them when it has exactly one ``X-Signature-Ed25519``
    header (any case) whose value is non-empty hexadecimal, and at most one
    ``X-Signature-Timestamp`` header (missing: the empty timestamp).
    """
    signatures = [value for name, value in headers if name.lower() == _SIGNATURE_HEADER]
    stamps = [value for name, value in headers if name.lower() == _TIMESTAMP_HEADER]
    if len(signatures) != 1 or len(stamps) > 1 or not _HEX.fullmatch(signatures[0]):
        return None
    return bytes.fromhex(signatures[0].decode("ascii")), stamps[0] if stamps else b""


# ---------------------------------------------------------------------------
# The invariants
# ---------------------------------------------------------------------------


class LogCapture(typing.Protocol):
    """Where log records end up: pytest's ``caplog`` or a `RecordingHandler`."""

    @property
    def records(self) -> list[logging.LogRecord]: ...

    def clear(self) -> None: ...


class RecordingHandler(logging.Handler):
    """Keeps the records of the loggers it is added to, for runs outside pytest."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def clear(self) -> None:
        self.records.clear()


@dataclasses.dataclass(frozen=True, slots=True)
class Reply:
    """What a target answered, as the invariants see it."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _leaks(text: str) -> list[str]:
    return [marker for marker in LEAK_MARKERS if marker in text]


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _strict_json_object(body: bytes) -> dict[str, object] | str:
    """Return the reply as a JSON object, or why it is not one under RFC 8259."""
    try:
        decoded: object = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        return f"not strict JSON: {error}"
    if not isinstance(decoded, dict):
        return f"not a JSON object: {type(decoded).__name__}"
    return typing.cast("dict[str, object]", decoded)


def check_reply(
    target: str,
    signed: bool,
    reply: Reply,
    *,
    too_large: bool = False,
    calls: Sequence[ListenerCall] | None = None,
    records: Sequence[logging.LogRecord] = (),
) -> None:
    """Assert the invariants of the module docstring for one reply; ``calls`` is `None` when listeners are unseen."""

    def fail(kind: str, detail: str = "") -> typing.NoReturn:
        context = f"status {reply.status}, signed={signed}, reply body {_short(reply.body)}"
        raise InvariantViolation(target, kind, f"{detail}; {context}" if detail else context)

    status = reply.status
    if not 200 <= status <= 599:
        fail("status outside 200..599")
    for where, text in (("body", reply.body.decode("utf-8", "replace")), *reply.headers):
        leaked = _leaks(text)
        if leaked:
            fail(f"the reply's {where} carries exception text", str(leaked))
    if calls is not None and len(calls) > 1:
        fail("several listener calls for one request", str(len(calls)))
    call = calls[0] if calls else None
    if too_large:
        if status != 413:
            fail(f"a body over {MAX_BODY_SIZE} bytes did not get 413")
    elif not signed:
        if not 400 <= status <= 499:
            fail("a request that is not correctly signed did not get a 4xx")
        if call is not None:
            fail("a listener saw a request that is not correctly signed", call.kind)
    elif status not in SIGNED_STATUSES:
        fail(f"a correctly signed request got a status outside {sorted(SIGNED_STATUSES)}")
    if call is not None and call.confused:
        fail("a listener read a property of the wrong type", f"{call.kind}: {call.confused}")

    if status == 200:
        decoded = _strict_json_object(reply.body)
        if isinstance(decoded, str):
            fail("a 200 reply is not strict JSON", decoded)
        callback_type = decoded.get("type")
        if type(callback_type) is not int:
            fail("a 200 reply's type is not an integer", repr(callback_type))
        if calls is not None and call is None and callback_type != _PONG_TYPE:
            fail("a 200 reply that no listener produced is not a PONG")
    elif status == 202 and reply.body:
        fail("a 202 reply has a body")
    if calls is None:
        return

    if call is not None and call.outcome == "raised" and status != 500:
        fail("a listener raised but the status is not 500", f"{call.kind}: {call.failures}")
    if status == 200 and call is not None and call.outcome != "builder":
        fail("200, but the listener did not return a builder", f"{call.kind}: {call.outcome}")
    if status == 202 and (call is None or call.outcome != "none"):
        fail("202, but no listener returned None")
    if status in (400, 401, 413, 501) and call is not None:
        fail(f"{status}, but a listener was called", call.kind)
    if status == 500:
        if call is None:
            fail("500 ('the listener failed'), but no listener ran: the server failed on its own")
        logged = [r for r in records if r.name == REFERENCE_LOGGER and r.levelno >= logging.ERROR and r.exc_info]
        if not logged:
            fail("500, but no error with exc_info was logged on conformance.reference")


# ---------------------------------------------------------------------------
# Targets
# ---------------------------------------------------------------------------


@dataclasses.dataclass
class Statistics:
    """What a run saw."""

    inputs: int = 0
    statuses: collections.Counter[int] = dataclasses.field(default_factory=collections.Counter[int])
    origins: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter[str])
    listener_calls: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter[str])
    listener_failures: int = 0

    def record(self, request: HostileRequest, status: int, calls: Sequence[ListenerCall] = ()) -> None:
        """Count one checked input."""
        self.inputs += 1
        self.statuses[status] += 1
        self.origins[request.origin] += 1
        for call in calls:
            self.listener_calls[call.kind] += 1
            self.listener_failures += call.outcome == "raised"


class Harness:
    """The reference server with recording listeners for all four kinds, and the ASGI bridge around it.

    Parameters
    ----------
    logs : LogCapture
        Where records of the ``conformance.reference`` and
        ``interaction_spec.asgi`` loggers end up; cleared before each input.
    server_class : type[ReferenceInteractionServer]
        The server to check: the reference, or (in the harness's own tests) a
        broken variant of it that the invariants must catch.
    """

    def __init__(
        self, logs: LogCapture, server_class: type[ReferenceInteractionServer] = ReferenceInteractionServer
    ) -> None:
        self.logs = logs
        self.listeners = RecordingListeners()
        self.server = server_class(SIGNER.public_key)
        self.server.set_listener(interaction_spec.CommandInteraction, self.listeners.command)
        self.server.set_listener(interaction_spec.ComponentInteraction, self.listeners.component)
        self.server.set_listener(interaction_spec.AutocompleteInteraction, self.listeners.autocomplete)
        self.server.set_listener(interaction_spec.ModalInteraction, self.listeners.modal)
        self.app = InteractionApp(self.server, max_body_size=MAX_BODY_SIZE)
        self.statistics = Statistics()
        self._loop = asyncio.new_event_loop()

    def close(self) -> None:
        """Wait for the server's continuations and close the event loop."""
        self._loop.run_until_complete(self.server.close())
        self._loop.close()

    def _begin(self, request: HostileRequest) -> None:
        self.listeners.calls.clear()
        self.listeners.reply = request.reply
        self.logs.clear()

    def check_reference(self, request: HostileRequest) -> int:
        """Call ``on_interaction`` with the request's raw triple and check the invariants; return the status."""
        self._begin(request)
        try:
            response = self._loop.run_until_complete(
                self.server.on_interaction(request.body, request.signature, request.timestamp)
            )
        except Exception as error:
            raise InvariantViolation("reference", "on_interaction raised", repr(error)[:300]) from error
        status: object = response.status_code
        if type(status) is not int:
            raise InvariantViolation("reference", "the status is not an int", repr(status))
        payload = typing.cast("object", response.payload)
        if payload is not None and not isinstance(payload, bytes):
            raise InvariantViolation("reference", "the payload is not bytes", type(payload).__name__)
        headers = [("content-type", str(response.content_type)), ("charset", str(response.charset))]
        headers += [(str(name), str(value)) for name, value in (response.headers or {}).items()]
        reply = Reply(status, tuple(headers), payload or b"")
        signed = verifies(request.signature, request.timestamp, request.body)
        calls = list(self.listeners.calls)
        check_reply("reference", signed, reply, calls=calls, records=self.logs.records)
        self.statistics.record(request, status, calls)
        return status

    def check_asgi(self, request: HostileRequest) -> int:
        """Send the request through the ASGI app, as HTTP would, and check the invariants; return the status."""
        self._begin(request)
        headers = request.http.headers(request.signature, request.timestamp, request.body)
        sent = self._loop.run_until_complete(self._drive(headers, request.http.chunks(request.body)))
        reply = _asgi_reply(sent)
        view = signed_view(headers)
        signed = view is not None and verifies(view[0], view[1], request.body)
        calls = list(self.listeners.calls)
        records = self.logs.records
        bridge = [record.getMessage() for record in records if record.name == BRIDGE_LOGGER]
        if bridge:
            kind = "the bridge logged an error: the reference raised or replied unsendably"
            raise InvariantViolation("asgi", kind, str(bridge))
        too_large = len(request.body) > MAX_BODY_SIZE
        check_reply("asgi", signed, reply, too_large=too_large, calls=calls, records=records)
        self.statistics.record(request, reply.status, calls)
        return reply.status

    async def _drive(self, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> list[dict[str, object]]:
        scope: dict[str, object] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/",
            "raw_path": b"/",
            "root_path": "",
            "query_string": b"",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
        }
        pending: list[dict[str, object]] = [
            {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
            for index, chunk in enumerate(chunks)
        ]
        sent: list[dict[str, object]] = []

        async def receive() -> dict[str, object]:
            return pending.pop(0) if pending else {"type": "http.disconnect"}

        async def send(message: Mapping[str, object]) -> None:
            sent.append(dict(message))

        try:
            await self.app(scope, receive, send)
        except Exception as error:
            raise InvariantViolation("asgi", "the app raised", repr(error)[:300]) from error
        return sent


def _asgi_reply(sent: Sequence[Mapping[str, object]]) -> Reply:
    """Check that ``sent`` is one response start and one final body; return the reply they make."""
    kinds = [message.get("type") for message in sent]
    if kinds != ["http.response.start", "http.response.body"]:
        raise InvariantViolation("asgi", "not one http.response.start and one final http.response.body", str(kinds))
    start, end = sent
    status, raw_headers, body = start.get("status"), start.get("headers"), end.get("body", b"")
    if type(status) is not int or not 200 <= status <= 599:
        raise InvariantViolation("asgi", "the status is not an int in 200..599", repr(status))
    if end.get("more_body", False) or not isinstance(body, bytes):
        raise InvariantViolation("asgi", "the body message is not a final body of bytes")
    headers: list[tuple[str, str]] = []
    for pair in typing.cast("Sequence[object]", raw_headers):
        shown = repr(pair)
        if not isinstance(pair, tuple) or len(typing.cast("tuple[object, ...]", pair)) != 2:
            raise InvariantViolation("asgi", "a header is not a (name, value) pair", shown)
        name, value = typing.cast("tuple[object, object]", pair)
        if not isinstance(name, bytes) or not isinstance(value, bytes):
            raise InvariantViolation("asgi", "a header is not made of bytes", shown)
        headers.append((name.decode("latin-1"), value.decode("latin-1")))
    lengths = [value for name, value in headers if name.lower() == "content-length"]
    if lengths != [str(len(body))]:
        raise InvariantViolation("asgi", "Content-Length does not match the body", f"{lengths} for {len(body)} bytes")
    return Reply(status, tuple(headers), body)


class HttpTarget:
    """The served reference (``interaction-conformance serve``), probed over HTTP on 127.0.0.1.

    Listeners and logs are in the server's process, so only what the HTTP
    reply shows is checked.
    """

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.client = client
        self.url = url
        self.statistics = Statistics()

    def check(self, request: HostileRequest) -> int:
        """Send the request and check the invariants on the reply; return the status."""
        import httpx  # noqa: PLC0415 - only the HTTP target needs it

        headers = request.http.headers(request.signature, request.timestamp, request.body)
        try:
            response = self.client.post(self.url, content=request.body, headers=headers)
        except httpx.HTTPError as error:
            raise InvariantViolation("http", "no reply from the served reference", repr(error)) from error
        reply = Reply(response.status_code, tuple(response.headers.multi_items()), response.content)
        view = signed_view(headers)
        signed = view is not None and verifies(view[0], view[1], request.body)
        check_reply("http", signed, reply, too_large=len(request.body) > MAX_BODY_SIZE)
        self.statistics.record(request, reply.status)
        return reply.status
