"""Cases that check the conformance bot's replies over HTTP (``--bot``); see ``docs/bot.md``.

Each case sends one of the bot's interactions (`conformance.bot.payloads`) with
`CaseContext.interact`, checks the reply against ``reply.valid-callback``
(`expect_callback_valid`) and then against the reply the profile defines
(`conformance.bot`). A failure's detail says what was expected and what came.
With the Discord API double (``--discord-api``) a reply may come on either
channel, and the cases that follow a reply through REST (the edit that
completes a deferral, ``/followup``'s follow-up, ``/rest``'s callback) run.
"""

from __future__ import annotations

__all__ = ("CASES", "exchange_json", "expect_rest_message", "ledger_of", "send_issued")

import asyncio
import typing

from conformance import bot
from conformance.bot import payloads
from conformance.case import HTTP_ONLY
from conformance.case import Case
from conformance.case import make_case
from conformance.cases import reply_limits
from conformance.checks import expect
from conformance.double import routes
from conformance.double.messages import ORIGINAL
from conformance.double.records import wait_exchange
from conformance.http import read_reply
from conformance.model import CaseFailure
from conformance.model import HandlingFailure
from conformance.model import NotVerifiedError
from conformance.model import TargetError
from conformance.reply_checks import REPLY_CHECKS
from conformance.reply_checks import expect_callback_valid
from conformance.reply_checks import read_callback
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import CallbackType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext
    from conformance.double.records import InteractionRecord
    from conformance.double.records import Ledger
    from conformance.double.records import RestExchange
    from conformance.model import Reply
    from conformance.payloads import Sample

_Data: typing.TypeAlias = typing.Mapping[str, object]

_SECOND_REQUEST_DELAY_S: typing.Final = 0.1
"""How long after ``/slow`` the ``/echo`` is sent."""
_ECHO_WAIT_S: typing.Final = 1.5
"""How long ``/echo`` may take while ``/slow`` is pending, for ``concurrency.prompt``: well inside the 2 s ``/slow``
takes. ``concurrency.independent`` waits up to the deadline: only a reply past it fails a MUST."""
_SLOW_WAIT_S: typing.Final = RESPONSE_DEADLINE_S + 0.5
_DEFERRALS: typing.Final = frozenset(
    {CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, CallbackType.DEFERRED_UPDATE_MESSAGE}
)
"""The callbacks that leave the answer pending until a REST message completes them."""


class _Absent:
    """Stands for a key the reply's JSON does not have."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: typing.Final = _Absent()


def _expect_equal(what: str, field: str, got: object, expected: object) -> None:
    expect(got == expected, f"{what}: expected {field} {expected!r}, got {got!r}")


def _callback(reply: Reply, sample: Sample, what: str, expected: CallbackType) -> _Data:
    """Check the reply is a valid JSON callback of type ``expected``; return its data (empty when absent)."""
    callback_type = expect_callback_valid(reply, sample.payload)
    expect(
        callback_type is not None,
        f"{what}: expected callback {int(expected)} ({expected.name}), got {reply.describe()}",
    )
    expect(
        callback_type == expected,
        f"{what}: expected callback {int(expected)} ({expected.name}), got callback {callback_type}",
    )
    data = reply.json_object().get("data")
    return typing.cast("_Data", data) if isinstance(data, dict) else {}  # null data is absent (webhook.mdx:341)


def _expect_message(reply: Reply, sample: Sample, what: str, content: str, flags: int = 0) -> None:
    data = _callback(reply, sample, what, CallbackType.CHANNEL_MESSAGE_WITH_SOURCE)
    _expect_equal(what, "content", data.get("content", _ABSENT), content)
    got_flags = data.get("flags")
    got_flags = 0 if got_flags is None else got_flags  # null is absent (webhook.mdx:341)
    expect(
        type(got_flags) is int and got_flags == flags,
        f"{what}: expected {f'flags {flags}' if flags else 'no flags'}, got flags {got_flags!r}",
    )


async def _send(ctx: CaseContext, sample: Sample, what: str) -> Reply:
    return await ctx.interact(sample, what=what)


def ledger_of(ctx: CaseContext) -> Ledger:
    """Return the double's ledger; a run without the double cannot verify the case."""
    double = ctx.double
    if double is None:
        raise NotVerifiedError("needs the Discord API double (--discord-api): the bot's REST calls cannot be seen")
    return double.ledger


async def send_issued(ctx: CaseContext, sample: Sample, what: str) -> tuple[Reply, InteractionRecord]:
    """Send one of the bot's interactions with an ID and token the double issued; return the reply and record."""
    ledger_of(ctx)
    reply, record = await ctx.interact_issued(sample, what=what)
    if record is None:
        raise NotVerifiedError(f"{what} named no interaction the double could issue")
    return reply, record


def _completes(exchange: RestExchange) -> bool:
    """Whether the exchange edits the original response or sends a follow-up message."""
    edits_original = exchange.route == routes.EDIT and exchange.path.split("?")[0].endswith(f"/messages/{ORIGINAL}")
    return edits_original or exchange.route == routes.FOLLOW_UP


async def expect_rest_message(
    ctx: CaseContext, record: InteractionRecord, what: str, wanted: typing.Callable[[RestExchange], bool], content: str
) -> RestExchange:
    """Wait for the bot's REST message (``wanted`` picks it) within `bot.FOLLOW_THROUGH_S`; check its content."""
    exchange = await wait_exchange(ledger_of(ctx), record, wanted, record.sent_at + bot.FOLLOW_THROUGH_S)
    seen = ", ".join(item.describe() for item in record.exchanges) or "none"
    expect(
        exchange is not None,
        f"{what}: expected its REST message within {bot.FOLLOW_THROUGH_S:g}s, got none (REST requests: {seen})",
    )
    assert exchange is not None
    expect(
        200 <= exchange.status < 300,
        f"{what}: the double refused {exchange.describe()}: {exchange.answer[:200]!r}",
    )
    body = exchange_json(exchange)
    _expect_equal(what, "the REST message's content", body.get("content", _ABSENT), content)
    return exchange


def exchange_json(exchange: RestExchange) -> _Data:
    """Decode a REST request's JSON body (``payload_json`` of a multipart one) as an object; empty if it is none."""
    try:
        reply = read_reply(200, exchange.body, dict(exchange.headers), 0.0)
        decoded: object = reply.json()
    except (CaseFailure, TargetError):
        return {}
    return typing.cast("_Data", decoded) if isinstance(decoded, dict) else {}


# ---------------------------------------------------------------------------------------------------------------------
# Messages


def _echo_case(clause_id: str, name: str, text: str, summary: str) -> Case:
    sample = payloads.command(bot.ECHO, [{"name": bot.ECHO_TEXT, "type": 3, "value": text}], tag=name)

    async def run(ctx: CaseContext) -> None:
        what = f"/{bot.ECHO}"
        reply = await _send(ctx, sample, what)
        if clause_id == "reply.charset":
            charset = reply.charset
            expect(
                charset is None or charset.lower() in ("utf-8", "utf8"),
                f"{what}: expected charset utf-8 or none, got {charset!r}",
            )
            try:
                reply.body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CaseFailure(f"{what}: the body is not UTF-8 ({exc.reason} at byte {exc.start})") from None
        _expect_message(reply, sample, what, text)

    return make_case(clause_id, name, summary, run, modes=HTTP_ONLY, needs_bot=True)


async def _ephemeral(ctx: CaseContext) -> None:
    what = f"/{bot.EPHEMERAL}"
    sample = payloads.command(bot.EPHEMERAL)
    reply = await _send(ctx, sample, what)
    _expect_message(reply, sample, what, bot.EPHEMERAL_CONTENT, bot.EPHEMERAL_FLAG)


async def _deferred_ephemeral(ctx: CaseContext) -> None:
    what = f"/{bot.DEFER_EPHEMERAL}"
    sample = payloads.command(bot.DEFER_EPHEMERAL)
    reply = await _send(ctx, sample, what)
    data = _callback(reply, sample, what, CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE)
    _expect_equal(what, "data.flags", data.get("flags", _ABSENT), bot.EPHEMERAL_FLAG)


def _deferral_case(command: str, content: str, deferral: CallbackType) -> Case:
    async def run(ctx: CaseContext) -> None:
        what = f"/{command}"
        sample = payloads.command(command)
        reply, record = await send_issued(ctx, sample, what)
        _callback(reply, sample, what, deferral)
        await expect_rest_message(ctx, record, what, _completes, content)

    summary = (
        f"/{command}'s deferral is completed within {bot.FOLLOW_THROUGH_S:g}s by an edit of the original response "
        f"to {content!r}"
    )
    return make_case(
        "rest.deferral-completed",
        f"bot.{command}",
        summary,
        run,
        modes=HTTP_ONLY,
        timeout_s=bot.FOLLOW_THROUGH_S + 3.0,
        needs_bot=True,
        needs_double=True,
    )


async def _followup(ctx: CaseContext) -> None:
    what = f"/{bot.FOLLOWUP}"
    sample = payloads.command(bot.FOLLOWUP)
    reply, record = await send_issued(ctx, sample, what)
    _expect_message(reply, sample, what, bot.FOLLOWUP_REPLY_CONTENT)
    await expect_rest_message(
        ctx, record, what, lambda exchange: exchange.route == routes.FOLLOW_UP, bot.FOLLOWUP_CONTENT
    )
    follow_ups = [exchange for exchange in record.exchanges if exchange.route == routes.FOLLOW_UP]
    expect(
        len(follow_ups) == 1,
        f"{what}: expected one follow-up message, got {len(follow_ups)}: "
        + ", ".join(exchange.describe() for exchange in follow_ups),
    )


async def _rest_callback(ctx: CaseContext) -> None:
    what = f"/{bot.REST}"
    sample = payloads.command(bot.REST)
    reply, _ = await send_issued(ctx, sample, what)
    expect(
        reply.channel == "rest",
        f"{what}: expected its callback through the REST callback endpoint, got {reply.describe()} in the HTTP "
        "reply and no callback",
    )
    _expect_message(reply, sample, what, bot.REST_CONTENT)


async def _update(ctx: CaseContext) -> None:
    what = f"button {bot.UPDATE_BUTTON}"
    sample = payloads.button(bot.UPDATE_BUTTON)
    reply = await _send(ctx, sample, what)
    data = _callback(reply, sample, what, CallbackType.UPDATE_MESSAGE)
    _expect_equal(what, "content", data.get("content", _ABSENT), bot.UPDATE_CONTENT)


async def _deferred_update(ctx: CaseContext) -> None:
    what = f"button {bot.DEFER_UPDATE_BUTTON}"
    sample = payloads.button(bot.DEFER_UPDATE_BUTTON)
    _callback(await _send(ctx, sample, what), sample, what, CallbackType.DEFERRED_UPDATE_MESSAGE)


# ---------------------------------------------------------------------------------------------------------------------
# Autocomplete


def _autocomplete_case(name: str, focused: str, inputs: tuple[str, ...], value_type: type) -> Case:
    type_name = "string" if value_type is str else "integer"

    async def run(ctx: CaseContext) -> None:
        for typed in inputs:
            what = f"/{bot.PICK} {focused}:{typed!r}"
            sample = payloads.autocomplete(focused, typed)
            reply = await _send(ctx, sample, what)
            data = _callback(reply, sample, what, CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT)
            choices = typing.cast("list[_Data]", data.get("choices"))
            expect(
                1 <= len(choices) <= bot.MAX_CHOICES,
                f"{what}: expected 1 to {bot.MAX_CHOICES} choices, got {len(choices)}",
            )
            for choice in choices:
                choice_name, value = typing.cast("str", choice["name"]), choice["value"]
                expect(
                    choice_name.casefold().startswith(typed.casefold()),
                    f"{what}: expected choice names starting with {typed!r}, got {choice_name!r}",
                )
                expect(
                    type(value) is value_type,
                    f"{what}: expected {type_name} values, got {value!r} ({type(value).__name__}) for {choice_name!r}",
                )

    typed = " and ".join(repr(text) for text in inputs)
    summary = (
        f"/{bot.PICK} autocomplete on {focused} ({typed} typed) offers 1 to {bot.MAX_CHOICES} choices starting with "
        f"the input, with {type_name} values"
    )
    return make_case("reply.callback", name, summary, run, modes=HTTP_ONLY, needs_bot=True)


# ---------------------------------------------------------------------------------------------------------------------
# The modal


def _kind_name(kind: object) -> str:
    """Name the layout component that holds the feedback modal's text input."""
    return "Label" if kind == 18 else "action row"


async def _modal(ctx: CaseContext) -> None:
    what = f"/{bot.FEEDBACK}"
    sample = payloads.command(bot.FEEDBACK)
    data = _callback(await _send(ctx, sample, what), sample, what, CallbackType.MODAL)
    _expect_equal(what, "the modal's custom_id", data.get("custom_id", _ABSENT), bot.FEEDBACK_MODAL)
    components = typing.cast("list[object]", data["components"])
    expect(len(components) == 1, f"{what}: expected 1 component in the modal, got {len(components)}")
    wrapper = components[0]
    expect(isinstance(wrapper, dict), f"{what}: expected a Label component object, got {wrapper!r}")
    wrapper_map = typing.cast("_Data", wrapper)
    kind = wrapper_map.get("type", _ABSENT)
    # The deprecated action-row layout is still a modal Discord shows: reply.modal-label (SHOULD) judges it, not this.
    expect(kind in (18, 1), f"{what}: expected a Label (type 18) or an action row (type 1), got type {kind!r}")
    if kind == 18:
        child = wrapper_map.get("component")
    else:
        row = wrapper_map.get("components")
        row_items = typing.cast("list[object]", row) if isinstance(row, list) else []
        child = row_items[0] if len(row_items) == 1 else None
    expect(isinstance(child, dict), f"{what}: expected one text input in the {_kind_name(kind)}, got {child!r}")
    child_map = typing.cast("_Data", child)
    _expect_equal(what, "a text input (component type)", child_map.get("type", _ABSENT), 4)
    _expect_equal(what, "the text input's custom_id", child_map.get("custom_id", _ABSENT), bot.FEEDBACK_INPUT)
    style = child_map.get("style")
    expect(style in (1, 2) and type(style) is int, f"{what}: expected text input style 1 or 2, got {style!r}")


async def _uses_action_rows(ctx: CaseContext) -> bool:
    """Whether the endpoint's feedback modal takes the deprecated action-row layout, which its submission follows.

    Raises
    ------
    NotVerifiedError
        If ``/feedback`` opens no modal whose first component is a Label or an action row: what Discord would
        submit is then unknown (``reply.callback.bot.modal`` judges that reply).
    """
    opened = await _send(ctx, payloads.command(bot.FEEDBACK), f"/{bot.FEEDBACK}")
    body = opened.json() if opened.body else None
    data = typing.cast("_Data", body).get("data") if isinstance(body, dict) else None
    components = typing.cast("_Data", data).get("components") if isinstance(data, dict) else None
    first = typing.cast("list[object]", components)[0] if isinstance(components, list) and components else None
    kind = typing.cast("_Data", first).get("type") if isinstance(first, dict) else None
    if kind not in (1, 18):
        raise NotVerifiedError(
            f"/{bot.FEEDBACK} opened no modal with a Label or an action row first, so what Discord would submit "
            "from it is unknown"
        )
    return kind == 1


async def _modal_submit(ctx: CaseContext) -> None:
    what = f"modal {bot.FEEDBACK_MODAL}"
    sample = payloads.feedback_submit(payloads.FEEDBACK_TEXT, action_row=await _uses_action_rows(ctx))
    _expect_message(await _send(ctx, sample, what), sample, what, payloads.FEEDBACK_TEXT)


# ---------------------------------------------------------------------------------------------------------------------
# Files and REST


async def _file(ctx: CaseContext) -> None:
    what = f"/{bot.FILE}"
    sample = payloads.command(bot.FILE)
    reply = await _send(ctx, sample, what)
    raw_type = next((value for key, value in reply.headers.items() if key.lower() == "content-type"), "")
    expect(
        raw_type.lower().startswith("multipart/form-data"),
        f"{what}: expected a multipart/form-data reply, got Content-Type {raw_type!r}",
    )
    data = _callback(reply, sample, what, CallbackType.CHANNEL_MESSAGE_WITH_SOURCE)
    _expect_equal(what, "content", data.get("content", _ABSENT), bot.FILE_CONTENT)
    parts = [file.name for file in reply.files]
    expect(len(reply.files) == 1, f"{what}: expected 1 file part, files[0], got {len(parts)}: {parts}")
    file = reply.files[0]
    _expect_equal(what, "the file in a part named", file.name, "files[0]")
    expect(bool(file.filename), f"{what}: expected the files[0] part to have filename {bot.FILE_NAME!r}, got none")
    _expect_equal(what, "the files[0] part's filename", file.filename, bot.FILE_NAME)
    _expect_equal(what, "the file's content", file.data, bot.FILE_DATA)
    attachments: object = data.get("attachments", _ABSENT)
    if attachments is _ABSENT:
        return  # Discord's docs make the attachments field optional: files[n] alone is a complete upload
    expected = [{"id": 0, "filename": bot.FILE_NAME}]
    entries = typing.cast("list[object]", attachments) if isinstance(attachments, list) else []
    entry: _Data = typing.cast("_Data", entries[0]) if len(entries) == 1 and isinstance(entries[0], dict) else {}
    expect(
        str(entry.get("id")) == "0" and entry.get("filename") == bot.FILE_NAME,
        f"{what}: expected attachments {expected!r} in payload_json, matching files[0], or none, got {attachments!r}",
    )


def _rest_case(clause_id: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        what = f"/{bot.REST}"
        sample = payloads.command(bot.REST)
        answered = await _send(ctx, sample, what)
        expect_callback_valid(answered, sample.payload)
        reply = answered.http_reply or answered  # the HTTP reply, whichever channel the callback took
        if clause_id == "reply.none":
            expect(not reply.body, f"{what}: expected a 2xx reply with no body, got {reply.describe()}")
        else:
            expect(
                reply.status == 202 and not reply.body,
                f"{what}: expected 202 with no body, got {reply.describe()}",
            )

    summary = f"/{bot.REST}, answered through the REST callback, gets " + (
        "a 2xx reply with no body" if clause_id == "reply.none" else "202 with no body"
    )
    return make_case(clause_id, "bot.rest", summary, run, modes=HTTP_ONLY, needs_bot=True)


# ---------------------------------------------------------------------------------------------------------------------
# Concurrency


def _slow(prompt: bool) -> typing.Callable[[CaseContext], typing.Awaitable[None]]:
    """Make the ``/slow`` case: ``/echo`` within the deadline (MUST), or before ``/slow`` is answered (``prompt``)."""

    async def run(ctx: CaseContext) -> None:
        await _slow_and_echo(ctx, _ECHO_WAIT_S if prompt else RESPONSE_DEADLINE_S, prompt=prompt)

    return run


async def _slow_and_echo(ctx: CaseContext, echo_wait_s: float, *, prompt: bool) -> None:
    slow_what = f"/{bot.SLOW}"
    echo = payloads.command(bot.ECHO, [{"name": bot.ECHO_TEXT, "type": 3, "value": payloads.ECHO_TEXT}], tag="slow")
    slow_sample = payloads.command(bot.SLOW)
    slow = asyncio.ensure_future(ctx.interact_issued(slow_sample, what=slow_what))
    try:
        reply = await _while_slow(ctx, slow, slow_sample, echo, echo_wait_s=echo_wait_s, prompt=prompt)
    finally:
        if not slow.done():
            slow.cancel()
        await asyncio.gather(slow, return_exceptions=True)
    expect(
        reply.elapsed_s <= RESPONSE_DEADLINE_S,
        f"{slow_what}: expected a reply within {RESPONSE_DEADLINE_S:g}s, got one after {reply.elapsed_s:.2f}s",
    )
    _callback(reply, slow_sample, slow_what, CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE)


def _slow_answered(slow: asyncio.Future[tuple[Reply, InteractionRecord | None]], sample: Sample) -> bool:
    """Whether ``/slow``'s answer has come: a reply that is not a deferral, or the REST message completing it.

    The REST message is seen only while the double runs; without it a deferred ``/slow`` counts as pending.
    """
    if not slow.done():
        return False
    reply, record = slow.result()  # raises what sending /slow raised, if it did
    callback = read_callback(reply, sample.payload)
    if callback is None or callback.type not in _DEFERRALS:
        return True
    return record is not None and any(_completes(exchange) for exchange in record.exchanges)


async def _while_slow(
    ctx: CaseContext,
    slow: asyncio.Future[tuple[Reply, InteractionRecord | None]],
    slow_sample: Sample,
    echo: Sample,
    *,
    echo_wait_s: float,
    prompt: bool,
) -> Reply:
    """Send ``echo`` while ``slow`` is pending and check its reply; return the reply ``slow`` then gets.

    ``echo`` must come back within ``echo_wait_s``; with ``prompt``, also before ``/slow``'s answer (the edit of
    its deferral, with the double).
    """
    slow_what, echo_what = f"/{bot.SLOW}", f"/{bot.ECHO}"
    await asyncio.sleep(_SECOND_REQUEST_DELAY_S)
    try:
        fast = await asyncio.wait_for(_send(ctx, echo, echo_what), echo_wait_s)
    except asyncio.TimeoutError:
        detail = f"{echo_what} got no reply within {echo_wait_s:g}s while {slow_what} was pending"
        raise CaseFailure(detail) from None
    if prompt and _slow_answered(slow, slow_sample):
        raise CaseFailure(
            f"{slow_what} was answered before {echo_what}, sent {_SECOND_REQUEST_DELAY_S:g}s after it, came back: "
            f"expected {slow_what} to take {bot.SLOW_DELAY_S:g}s and {echo_what} to be answered meanwhile"
        )
    _expect_message(fast, echo, echo_what, payloads.ECHO_TEXT)
    try:
        reply, _ = await asyncio.wait_for(asyncio.shield(slow), _SLOW_WAIT_S)
    except asyncio.TimeoutError:
        raise HandlingFailure(f"{slow_what} got no reply within {_SLOW_WAIT_S:g}s") from None
    return reply


# ---------------------------------------------------------------------------------------------------------------------
# Discord's limits on the bot's replies


def _limit_case(clause_id: str, name: str, sample: Sample, what: str) -> Case:
    check = REPLY_CHECKS[clause_id]

    async def run(ctx: CaseContext) -> None:
        callback = read_callback(await _send(ctx, sample, what), sample.payload)
        expect(callback is not None, f"{what} got no callback")
        assert callback is not None
        try:
            applies = check(callback)
        except CaseFailure as exc:
            raise CaseFailure(f"{what}: {exc}") from None
        expect(applies, f"{what} got callback {callback.type!r}, not a {reply_limits.WHAT[clause_id]}")

    summary = f"{what} gets a {reply_limits.WHAT[clause_id]} that meets the clause"
    return make_case(clause_id, f"bot.{name}", summary, run, modes=HTTP_ONLY, needs_bot=True)


_FRUIT_TYPED: typing.Final = "b"
_NUMBER_TYPED: typing.Final = "1"


# ---------------------------------------------------------------------------------------------------------------------


def _case(clause_id: str, name: str, summary: str, run: typing.Callable[[CaseContext], typing.Awaitable[None]]) -> Case:
    return make_case(clause_id, name, summary, run, modes=HTTP_ONLY, needs_bot=True)


CASES: typing.Final[tuple[Case, ...]] = (
    _echo_case(
        "reply.callback", "bot.echo", payloads.ECHO_TEXT, f"/{bot.ECHO} text:… gets a message whose content is the text"
    ),
    _echo_case(
        "reply.charset",
        "bot.echo-unicode",
        payloads.ECHO_UNICODE_TEXT,
        f"/{bot.ECHO} with non-ASCII text gets it back intact, in a UTF-8 body",
    ),
    _case(
        "reply.callback",
        "bot.ephemeral",
        f"/{bot.EPHEMERAL} gets a message with flags exactly 64 (EPHEMERAL)",
        _ephemeral,
    ),
    _case(
        "reply.callback",
        "bot.deferred-ephemeral",
        f"/{bot.DEFER_EPHEMERAL} gets callback 5 with data.flags 64",
        _deferred_ephemeral,
    ),
    _case("reply.callback", "bot.update", f"button {bot.UPDATE_BUTTON} gets callback 7 with its content", _update),
    _case(
        "reply.callback", "bot.deferred-update", f"button {bot.DEFER_UPDATE_BUTTON} gets callback 6", _deferred_update
    ),
    _autocomplete_case("bot.autocomplete-string", bot.PICK_FRUIT, ("", "bA"), str),
    _autocomplete_case("bot.autocomplete-integer", bot.PICK_NUMBER, ("", "12"), int),
    _case(
        "reply.callback",
        "bot.modal",
        f"/{bot.FEEDBACK} gets the modal {bot.FEEDBACK_MODAL}: a Label wrapping the text input {bot.FEEDBACK_INPUT}",
        _modal,
    ),
    _case(
        "reply.callback",
        "bot.modal-submit",
        f"submitting {bot.FEEDBACK_MODAL} (in the layout the bot's modal took) gets a message echoing the text",
        _modal_submit,
    ),
    _case(
        "reply.files",
        "bot.file",
        f"/{bot.FILE} gets multipart/form-data: payload_json, and files[0] named {bot.FILE_NAME} with its content",
        _file,
    ),
    _rest_case("reply.none"),
    _rest_case("reply.none-202"),
    make_case(
        "reply.callback",
        "bot.rest",
        f"/{bot.REST} sends its message through the REST callback endpoint",
        _rest_callback,
        modes=HTTP_ONLY,
        needs_bot=True,
        needs_double=True,
    ),
    make_case(
        "reply.callback",
        "bot.followup",
        f"/{bot.FOLLOWUP} gets its message, then exactly one follow-up message within {bot.FOLLOW_THROUGH_S:g}s",
        _followup,
        modes=HTTP_ONLY,
        timeout_s=bot.FOLLOW_THROUGH_S + 3.0,
        needs_bot=True,
        needs_double=True,
    ),
    make_case(
        "concurrency.independent",
        "bot.slow",
        f"/{bot.ECHO}, sent while /{bot.SLOW}'s edit is pending, and /{bot.SLOW}'s deferral are each answered within "
        f"{RESPONSE_DEADLINE_S:g}s",
        _slow(prompt=False),
        modes=HTTP_ONLY,
        timeout_s=2 * RESPONSE_DEADLINE_S + 2.0,
        needs_bot=True,
    ),
    make_case(
        "concurrency.prompt",
        "bot.slow",
        f"/{bot.ECHO} is answered within {_ECHO_WAIT_S:g}s while /{bot.SLOW} is pending, before /{bot.SLOW}",
        _slow(prompt=True),
        modes=HTTP_ONLY,
        timeout_s=RESPONSE_DEADLINE_S + 3.0,
        needs_bot=True,
    ),
    _deferral_case(bot.DEFER_EPHEMERAL, bot.DEFER_EPHEMERAL_CONTENT, CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE),
    _deferral_case(bot.SLOW, bot.SLOW_CONTENT, CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE),
    _limit_case("reply.flags", "ephemeral", payloads.command(bot.EPHEMERAL), f"/{bot.EPHEMERAL}"),
    _limit_case("reply.flags", "deferred-ephemeral", payloads.command(bot.DEFER_EPHEMERAL), f"/{bot.DEFER_EPHEMERAL}"),
    _limit_case("reply.modal", "feedback", payloads.command(bot.FEEDBACK), f"/{bot.FEEDBACK}"),
    _limit_case("reply.modal-label", "feedback", payloads.command(bot.FEEDBACK), f"/{bot.FEEDBACK}"),
    _limit_case(
        "reply.autocomplete",
        "pick-string",
        payloads.autocomplete(bot.PICK_FRUIT, _FRUIT_TYPED),
        f"/{bot.PICK} {bot.PICK_FRUIT}:{_FRUIT_TYPED!r}",
    ),
    _limit_case(
        "reply.autocomplete",
        "pick-integer",
        payloads.autocomplete(bot.PICK_NUMBER, _NUMBER_TYPED),
        f"/{bot.PICK} {bot.PICK_NUMBER}:{_NUMBER_TYPED!r}",
    ),
)
