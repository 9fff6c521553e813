"""Cases for reply mapping (section ``reply``)."""

from __future__ import annotations

__all__ = ("CASES",)

import typing

from conformance import payloads
from conformance.case import BOTH_MODES
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.dispatch import default_reply
from conformance.checks import expect
from conformance.checks import expect_json_reply
from conformance.checks import is_success
from conformance.model import Mode
from conformance.model import ReplyFile
from conformance.reply_checks import expect_callback_type_valid
from interaction_spec import CallbackType
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.adapter import Adapter
    from conformance.context import CaseContext

_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND
_COMPONENT: typing.Final = InteractionType.MESSAGE_COMPONENT
_AUTOCOMPLETE: typing.Final = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
_MODAL: typing.Final = InteractionType.MODAL_SUBMIT
_UNICODE_TEXT: typing.Final = "naïve café ✓ 日本語 🎉 — \u2028"

_MakeReply = typing.Callable[["Adapter"], object]


class _Expected(typing.NamedTuple):
    callback: CallbackType
    data: typing.Mapping[str, object]


_CALLBACKS: typing.Final[tuple[tuple[str, InteractionType, _MakeReply, _Expected], ...]] = (
    (
        "command.message",
        _COMMAND,
        lambda adapter: adapter.message_reply("pong"),
        _Expected(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE, {"content": "pong"}),
    ),
    (
        "command.deferred",
        _COMMAND,
        lambda adapter: adapter.deferred_reply(),
        _Expected(CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, {}),
    ),
    (
        "command.modal",
        _COMMAND,
        lambda adapter: adapter.modal_reply("Feedback", "feedback-modal", "feedback-text"),
        _Expected(CallbackType.MODAL, {"title": "Feedback", "custom_id": "feedback-modal"}),
    ),
    (
        "component.message",
        _COMPONENT,
        lambda adapter: adapter.message_reply("clicked"),
        _Expected(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE, {"content": "clicked"}),
    ),
    (
        "component.update",
        _COMPONENT,
        lambda adapter: adapter.message_reply("edited", update=True),
        _Expected(CallbackType.UPDATE_MESSAGE, {"content": "edited"}),
    ),
    (
        "component.deferred-update",
        _COMPONENT,
        lambda adapter: adapter.deferred_reply(update=True),
        _Expected(CallbackType.DEFERRED_UPDATE_MESSAGE, {}),
    ),
    (
        "autocomplete.choices",
        _AUTOCOMPLETE,
        lambda adapter: adapter.autocomplete_reply([("Apple", "apple"), ("Banana", "banana")]),
        _Expected(
            CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT,
            {"choices": [{"name": "Apple", "value": "apple"}, {"name": "Banana", "value": "banana"}]},
        ),
    ),
    (
        "modal.message",
        _MODAL,
        lambda adapter: adapter.message_reply("thanks"),
        _Expected(CallbackType.CHANNEL_MESSAGE_WITH_SOURCE, {"content": "thanks"}),
    ),
    (
        "modal.deferred",
        _MODAL,
        lambda adapter: adapter.deferred_reply(),
        _Expected(CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, {}),
    ),
)


_FROM_COMPONENT: typing.Final = "modal.labels"
"""A modal submit from a modal opened from a component: it carries the component's ``message``."""
_FROM_COMMAND: typing.Final = "modal.action_rows"
"""A modal submit from a modal opened from a command: no ``message``."""
_MODAL_UPDATES: typing.Final[tuple[tuple[str, str, _MakeReply, _Expected], ...]] = (
    (
        "modal.update.from-component",
        _FROM_COMPONENT,
        lambda adapter: adapter.message_reply("edited", update=True),
        _Expected(CallbackType.UPDATE_MESSAGE, {"content": "edited"}),
    ),
    (
        "modal.update.from-command",
        _FROM_COMMAND,
        lambda adapter: adapter.message_reply("edited", update=True),
        _Expected(CallbackType.UPDATE_MESSAGE, {"content": "edited"}),
    ),
    (
        "modal.deferred-update.from-component",
        _FROM_COMPONENT,
        lambda adapter: adapter.deferred_reply(update=True),
        _Expected(CallbackType.DEFERRED_UPDATE_MESSAGE, {}),
    ),
    (
        "modal.deferred-update.from-command",
        _FROM_COMMAND,
        lambda adapter: adapter.deferred_reply(update=True),
        _Expected(CallbackType.DEFERRED_UPDATE_MESSAGE, {}),
    ),
)
"""UPDATE_MESSAGE and DEFERRED_UPDATE_MESSAGE after a modal submit, whether a component or a command opened the
modal.

At the pinned docs they are valid for a modal opened from a component, whose submission carries the component's
message (receiving-and-responding.mdx:36, :280); after a modal opened from a command the pin calls them invalid,
and discord/discord-api-docs#8612, merged after the pin, makes them valid. So a server may send them or refuse them
(no 2xx) there: ``_REFUSABLE`` names those cases, which expect the update once the pin moves past #8612."""
_REFUSABLE: typing.Final = frozenset(name for name, sample, _, _ in _MODAL_UPDATES if sample == _FROM_COMMAND)
"""The cases in which a server that follows the pinned docs refuses the listener's update."""


def _sample_named(name: str) -> payloads.Sample:
    return next(sample for sample in payloads.ALL_SAMPLES if sample.name == name)


def _callback_case(
    name: str, kind: InteractionType, make: _MakeReply, expected: _Expected, sample: payloads.Sample | None = None
) -> Case:
    sent = sample or payloads.default_sample(kind)

    async def run(ctx: CaseContext) -> None:
        ctx.listen(kind, lambda: make(ctx.adapter))
        reply = await ctx.send_sample(sent)
        if name in _REFUSABLE and not is_success(reply):
            return
        body = expect_json_reply(reply)
        expect(
            body.get("type") == expected.callback,
            f"callback type {body.get('type')!r}, expected {int(expected.callback)}",
        )
        data = body.get("data", {})
        expect(isinstance(data, dict), "the callback's data is not an object")
        data_map = typing.cast("typing.Mapping[str, object]", data)
        wrong = [f"{key}={data_map.get(key)!r}" for key, value in expected.data.items() if data_map.get(key) != value]
        expect(not wrong, f"the callback's data differs from the builder's: {', '.join(wrong)}")

    refusable = " or is refused (the pinned docs call it invalid)" if name in _REFUSABLE else ""
    summary = f"the {name} reply becomes callback {int(expected.callback)}{refusable}"
    return make_case("reply.callback", name, summary, run, modes=IN_PROCESS)


async def _content_type(ctx: CaseContext) -> None:
    ctx.listen(_COMMAND, lambda: ctx.adapter.message_reply("typed"))
    expect_json_reply(await ctx.send_sample(payloads.default_sample(_COMMAND)))


async def _charset(ctx: CaseContext) -> None:
    ctx.listen(_COMMAND, lambda: ctx.adapter.message_reply(_UNICODE_TEXT))
    reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
    expect(reply.charset is None or reply.charset.lower() in ("utf-8", "utf8"), f"charset {reply.charset!r}, not utf-8")
    try:
        text = reply.body.decode("utf-8")
    except UnicodeDecodeError:
        expect(False, "the JSON body is not UTF-8")
        return
    expect(_UNICODE_TEXT in text or "\\u" in text, "the non-ASCII content is neither in the body nor escaped")
    data = expect_json_reply(reply).get("data")
    content = typing.cast("typing.Mapping[str, object]", data).get("content") if isinstance(data, dict) else None
    expect(content == _UNICODE_TEXT, f"the content arrived as {content!r}")


def _files(count: int) -> tuple[ReplyFile, ...]:
    return tuple(
        ReplyFile(f"file-{index}.txt", f"content of file {index}\n".encode() * (index + 1)) for index in range(count)
    )


def _files_case(count: int) -> Case:
    async def run(ctx: CaseContext) -> None:
        sent = _files(count)
        ctx.listen(_COMMAND, lambda: ctx.adapter.message_reply("with files", files=sent))
        reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
        body = expect_json_reply(reply)
        expect(reply.files == sent, f"the reply's files {[f.filename for f in reply.files]} differ from the builder's")
        data = body.get("data")
        attachments = (
            typing.cast("typing.Mapping[str, object]", data).get("attachments") if isinstance(data, dict) else None
        )
        if attachments is None:
            return
        expect(isinstance(attachments, list), "the JSON body's attachments is not an array")
        ids = [
            typing.cast("typing.Mapping[str, object]", item).get("id")
            for item in typing.cast("list[object]", attachments)
            if isinstance(item, dict)
        ]
        expect(
            sorted(str(i) for i in ids) == sorted(str(i) for i in range(count)),
            f"attachment ids {ids} do not number the {count} files",
        )

    return make_case(
        "reply.files",
        f"{count}-files",
        f"a message with {count} file{'s' if count > 1 else ''} carries {'them all' if count > 1 else 'it'}",
        run,
        modes=IN_PROCESS,
    )


async def _files_limit(ctx: CaseContext) -> None:
    files = _files(11)

    def make() -> object:
        return ctx.adapter.message_reply("too many files", files=files)

    ctx.listen(_COMMAND, make)
    reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
    expect(not is_success(reply), f"a reply with 11 files was sent as {reply.describe()} with {len(reply.files)} files")


def _none_case(clause_id: str, style: str) -> Case:
    async def run(ctx: CaseContext) -> None:
        if style == "coroutine":
            ctx.listen(_COMMAND, lambda: None)
        else:

            async def generator(interaction: object) -> typing.AsyncGenerator[object, None]:
                yield None

            ctx.register(_COMMAND, generator)
        reply = await ctx.send_sample(payloads.default_sample(_COMMAND))
        if clause_id == "reply.none":
            expect(is_success(reply) and not reply.body, f"expected a 2xx reply with no body, got {reply.describe()}")
        else:
            expect(reply.status == 202, f"expected 202, got {reply.describe()}")

    summary = f"a listener ({style}) producing None gets " + (
        "a 2xx with no body" if clause_id == "reply.none" else "202"
    )
    return make_case(clause_id, style, summary, run, modes=IN_PROCESS)


def _valid_callback_case(sample: payloads.Sample) -> Case:
    async def run(ctx: CaseContext) -> None:
        if ctx.mode is Mode.IN_PROCESS:
            ctx.listen(sample.interaction_type, lambda: default_reply(ctx.adapter, sample.interaction_type))
        expect_callback_type_valid(await ctx.interact(sample), sample.payload)

    return make_case(
        "reply.valid-callback",
        sample.name,
        f"a 2xx reply to {sample.name} carries a callback type valid for it",
        run,
        modes=BOTH_MODES,
    )


CASES: typing.Final[tuple[Case, ...]] = (
    *(_callback_case(*entry) for entry in _CALLBACKS),
    *(
        _callback_case(name, _MODAL, make, expected, _sample_named(sample))
        for name, sample, make, expected in _MODAL_UPDATES
    ),
    make_case(
        "reply.content-type", "message", "a message reply is declared application/json", _content_type, modes=IN_PROCESS
    ),
    make_case(
        "reply.charset", "unicode", "non-ASCII content arrives intact in a UTF-8 body", _charset, modes=IN_PROCESS
    ),
    _files_case(1),
    _files_case(10),
    make_case(
        "reply.files-limit", "11-files", "a message with 11 files is not sent as 2xx", _files_limit, modes=IN_PROCESS
    ),
    _none_case("reply.none", "coroutine"),
    _none_case("reply.none", "async-generator"),
    _none_case("reply.none-202", "coroutine"),
    _none_case("reply.none-202", "async-generator"),
    *(
        _valid_callback_case(sample)
        for sample in payloads.ALL_SAMPLES
        if sample.interaction_type is not InteractionType.PING
    ),
)
