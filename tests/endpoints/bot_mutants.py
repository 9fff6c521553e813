"""Mutant conformance bots: the served reference with one of its bot replies broken, on purpose.

`conformance.serve.reference_app` implements the conformance bot. Each mutant
here wraps it: the reference reads the request itself (so its HTTP behaviour,
early refusals included, is unchanged), and the mutant changes its reply to one
of the bot's interactions on the way out, with the changed line marked
``# MUTANT:``. Next to each class, the `bot_mutant` decorator records what a
``--bot`` black-box run must say about it: the clause it violates, the exact case
IDs that must fail, and text each failure's detail must contain.
`tests.test_bot` serves every mutant and holds it to that declaration, in both
directions: the declared cases fail, every other case passes.

Usage: ``python -m tests.endpoints.bot_mutants NAME --port P --public-key HEX``
serves one mutant under uvicorn on 127.0.0.1.
"""

from __future__ import annotations

__all__ = ("BOT_MUTANTS", "BotMutant", "main")

import argparse
import asyncio
import dataclasses
import json
import re
import typing
from collections.abc import Awaitable
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping

from conformance import bot
from conformance import payloads
from conformance.runner import Outcome
from conformance.serve import reference_app
from interaction_spec import InteractionType
from tests.mutant_declarations import failed

if typing.TYPE_CHECKING:
    from collections.abc import Sequence

_Scope: typing.TypeAlias = Mapping[str, object]
_Message: typing.TypeAlias = Mapping[str, object]
_Receive: typing.TypeAlias = Callable[[], Awaitable[_Message]]
_Send: typing.TypeAlias = Callable[[typing.Any], Awaitable[None]]
_Headers: typing.TypeAlias = list[tuple[bytes, bytes]]
_App: typing.TypeAlias = Callable[[_Scope, _Receive, _Send], Awaitable[None]]

_BOT_CASES: typing.Final = (
    "reply.callback.bot.echo",
    "reply.callback.bot.ephemeral",
    "reply.callback.bot.deferred-ephemeral",
    "reply.callback.bot.update",
    "reply.callback.bot.deferred-update",
    "reply.callback.bot.autocomplete-string",
    "reply.callback.bot.autocomplete-integer",
    "reply.callback.bot.modal",
    "reply.callback.bot.modal-submit",
    "reply.charset.bot.echo-unicode",
    "reply.files.bot.file",
    "reply.none.bot.rest",
    "reply.none-202.bot.rest",
    "concurrency.independent.bot.slow",
)
"""Every bot case, spelled out so that declarations list exact case IDs."""


@dataclasses.dataclass(frozen=True)
class BotMutant:
    """A mutant bot and what a ``--bot`` black-box run must report about it."""

    endpoint: Callable[[bytes], _App]
    """Makes the ASGI application from the public key to verify with."""
    name: str
    """The class name; the runner's NAME argument."""
    summary: str
    """The violation, in one line: the first line of the class docstring."""
    violates: str
    """The clause the mutant breaks."""
    caught: Mapping[str, Outcome]
    """Case IDs of `violates` that must fail."""
    collateral: Mapping[str, Outcome]
    """Case IDs of other clauses that also fail, as a consequence of the one violation."""
    details: Mapping[str, str]
    """Text the detail of a declared case must contain, by case ID."""

    @property
    def expected(self) -> Mapping[str, Outcome]:
        """Every case that must not pass, and how it must end."""
        return {**self.caught, **self.collateral}


BOT_MUTANTS: list[BotMutant] = []
"""Every mutant bot, in definition order."""

_AppFactoryT = typing.TypeVar("_AppFactoryT", bound=Callable[[bytes], _App])


def bot_mutant(
    violates: str,
    caught: Mapping[str, Outcome],
    collateral: Mapping[str, Outcome] | None = None,
    *,
    details: Mapping[str, str] | None = None,
) -> Callable[[_AppFactoryT], _AppFactoryT]:
    """Declare the decorated class a mutant bot that violates ``violates``, and register it in `BOT_MUTANTS`."""

    def register(endpoint: _AppFactoryT) -> _AppFactoryT:
        summary = (getattr(endpoint, "__doc__", None) or "").strip().splitlines()
        BOT_MUTANTS.append(
            BotMutant(
                endpoint,
                str(getattr(endpoint, "__name__", "")),
                str(summary[0]) if summary else "",
                violates,
                dict(caught),
                dict(collateral or {}),
                dict(details or {}),
            )
        )
        return endpoint

    return register


# ---------------------------------------------------------------------------------------------------------------------
# Plumbing


@dataclasses.dataclass(frozen=True)
class _Route:
    """What a request is, as far as the bot is concerned."""

    type: int | None
    """The interaction type; `None` for a body that is no JSON object with an integer type."""
    name: str = ""
    """The command's name, or the component's or modal's custom ID."""
    focused: str = ""
    """The focused option of an autocomplete interaction."""

    @classmethod
    def of(cls, body: bytes) -> _Route:
        try:
            decoded: object = json.loads(body)
        except (ValueError, RecursionError):
            return cls(None)
        if not isinstance(decoded, dict):
            return cls(None)
        payload = typing.cast("dict[str, object]", decoded)
        interaction_type = payload.get("type")
        data = payload.get("data")
        if type(interaction_type) is not int:
            return cls(None)
        if not isinstance(data, dict):
            return cls(interaction_type)
        fields = typing.cast("dict[str, object]", data)
        name = fields.get("name", fields.get("custom_id", ""))
        options = fields.get("options")
        focused = ""
        for option in typing.cast("list[object]", options) if isinstance(options, list) else []:
            if isinstance(option, dict) and typing.cast("dict[str, object]", option).get("focused") is True:
                focused = str(typing.cast("dict[str, object]", option).get("name"))
        return cls(interaction_type, str(name), focused)

    def is_command(self, name: str) -> bool:
        return self.type == InteractionType.APPLICATION_COMMAND and self.name == name


@dataclasses.dataclass
class _Reply:
    """A whole HTTP reply, held before it is sent."""

    status: int
    headers: _Headers
    body: bytes

    def json_object(self) -> dict[str, object]:
        decoded: object = json.loads(self.body)
        assert isinstance(decoded, dict)
        return typing.cast("dict[str, object]", decoded)

    def with_json(self, document: object) -> _Reply:
        return dataclasses.replace(self, body=json.dumps(document, separators=(",", ":")).encode())


class _RewritesBotReplies:
    """Lets the reference read each request and answer it, then passes the reply through `rewrite`."""

    def __init__(self, public_key: bytes) -> None:
        self.reference: _App = reference_app(public_key)

    async def __call__(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        if scope.get("type") != "http":
            await self.reference(scope, receive, send)
            return
        chunks: list[bytes] = []
        reply = _Reply(500, [], b"")
        replied: list[bytes] = []

        async def tap(message: _Message) -> _Message:
            chunk = message.get("body", b"")
            if message.get("type") == "http.request" and isinstance(chunk, (bytes, bytearray)):
                chunks.append(bytes(chunk))
            return message

        async def reading() -> _Message:
            return await tap(await receive())

        async def capture(message: typing.Any) -> None:  # noqa: ANN401 - the ASGI send channel
            event = typing.cast("_Message", message)
            if event.get("type") == "http.response.start":
                reply.status = typing.cast("int", event["status"])
                reply.headers = list(typing.cast("Iterable[tuple[bytes, bytes]]", event.get("headers") or ()))
            elif event.get("type") == "http.response.body":
                replied.append(bytes(typing.cast("bytes", event.get("body", b""))))

        await self.handle(scope, reading, capture)
        if not reply.headers and not replied:
            return  # the client went away before the reference answered
        reply.body = b"".join(replied)
        rewritten = await self.rewrite(_Route.of(b"".join(chunks)), reply)
        headers = [(name, value) for name, value in rewritten.headers if name.lower() != b"content-length"]
        headers.append((b"content-length", b"%d" % len(rewritten.body)))
        await send({"type": "http.response.start", "status": rewritten.status, "headers": headers})
        await send({"type": "http.response.body", "body": rewritten.body, "more_body": False})

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        """Let the reference handle one HTTP request."""
        await self.reference(scope, receive, send)

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        """Return the reply to send in place of the reference's."""
        return reply


def _is_success(reply: _Reply) -> bool:
    return 200 <= reply.status < 300


# ---------------------------------------------------------------------------------------------------------------------
# The mutants


@bot_mutant(
    "reply.callback",
    caught=failed(*(case for case in _BOT_CASES if case.startswith("reply.callback."))),
    collateral=failed(
        "reply.charset.bot.echo-unicode",
        "reply.files.bot.file",
        "reply.none-202.bot.rest",
        "concurrency.independent.bot.slow",
    ),
    details={
        "reply.callback.bot.echo": "/echo: expected callback 4 (CHANNEL_MESSAGE_WITH_SOURCE), got 204",
        "reply.none-202.bot.rest": "/rest: expected 202 with no body, got 204",
    },
)
class NoContentForEverything(_RewritesBotReplies):
    """Acknowledges every interaction but PING with 204 and no body, whatever its listener answered.

    Every reply is a 2xx, so a run without ``--bot`` finds nothing wrong; only the
    bot's known replies show that nothing was answered.
    """

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if _is_success(reply) and route.type != InteractionType.PING:
            headers = [(name, value) for name, value in reply.headers if name.lower() != b"content-type"]
            return _Reply(204, headers, b"")  # MUTANT: the reference sends the listener's reply
        return reply


def _non_ascii_corpus_commands() -> tuple[str, ...]:
    """Return the ``reply.valid-callback`` cases of corpus commands the reference answers with non-ASCII text.

    The reference answers ``/echo`` with its text and any other command with a message naming it, so a reply to a
    corpus command is non-ASCII when its ``text`` option or its name is.
    """
    names: list[str] = []
    for sample in payloads.samples_of(InteractionType.APPLICATION_COMMAND):
        data = typing.cast("Mapping[str, object]", sample.payload["data"])
        options = typing.cast("list[Mapping[str, object]]", data.get("options", []))
        texts = [
            str(option.get("value"))
            for option in options
            if data.get("name") == bot.ECHO and option.get("name") == bot.ECHO_TEXT
        ]
        if not all(text.isascii() for text in (str(data.get("name")), *texts)):
            names.append(f"reply.valid-callback.{sample.name}")
    return tuple(names)


@bot_mutant(
    "reply.charset",
    caught=failed("reply.charset.bot.echo-unicode"),
    collateral=failed(*_non_ascii_corpus_commands()),
    details={"reply.charset.bot.echo-unicode": "/echo: the body is not UTF-8"},
)
class CommandRepliesInLatin1(_RewritesBotReplies):
    """Encodes its replies to commands as Latin-1 (``?`` for what Latin-1 lacks), though they say UTF-8."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.type == InteractionType.APPLICATION_COMMAND and reply.body.startswith(b"{"):
            text = reply.body.decode("utf-8")
            return dataclasses.replace(reply, body=text.encode("latin-1", "replace"))  # MUTANT: the reference: UTF-8
        return reply


@bot_mutant(
    "reply.charset",
    caught=failed("reply.charset.bot.echo-unicode"),
    details={"reply.charset.bot.echo-unicode": "/echo: expected content 'naïve café"},
)
class EchoStripsNonAscii(_RewritesBotReplies):
    """Drops every non-ASCII character from what ``/echo`` repeats."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.ECHO) and _is_success(reply):
            document = reply.json_object()
            data = typing.cast("dict[str, object]", document["data"])
            data["content"] = str(data["content"]).encode("ascii", "ignore").decode()  # MUTANT: strips
            return reply.with_json(document)
        return reply


@bot_mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.ephemeral"),
    details={
        "reply.callback.bot.ephemeral": "callback 4 sets flags 66, of which IS_CROSSPOST may not be set",
    },
)
class EphemeralAlsoCrosspost(_RewritesBotReplies):
    """Answers ``/ephemeral`` with flags 66: EPHEMERAL and IS_CROSSPOST, a flag only Discord sets."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.EPHEMERAL) and _is_success(reply):
            document = reply.json_object()
            typing.cast("dict[str, object]", document["data"])["flags"] = 64 | 1 << 1  # MUTANT: the reference: 64
            return reply.with_json(document)
        return reply


@bot_mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.deferred-ephemeral"),
    details={
        "reply.callback.bot.deferred-ephemeral": "callback 5 sets flags 68, of which SUPPRESS_EMBEDS may not be set "
        "(allowed: EPHEMERAL)",
    },
)
class DeferredSuppressesEmbeds(_RewritesBotReplies):
    """Defers ``/defer-ephemeral`` with flags 68: EPHEMERAL and SUPPRESS_EMBEDS, which a deferral may not set."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.DEFER_EPHEMERAL) and _is_success(reply):
            return reply.with_json({"type": 5, "data": {"flags": 64 | 1 << 2}})  # MUTANT: the reference: 64
        return reply


@bot_mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "/file: expected the files[0] part to have filename 'conformance-bot.txt'"},
)
class FilePartWithoutFilename(_RewritesBotReplies):
    """Sends ``/file``'s file in a ``files[0]`` part whose Content-Disposition has no ``filename``."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.FILE) and _is_success(reply):
            body = re.sub(rb'(name="files\[0\]"); filename="[^"]*"', rb"\1", reply.body)  # MUTANT: no filename
            return dataclasses.replace(reply, body=body)
        return reply


@bot_mutant(
    "reply.files",
    caught=failed("reply.files.bot.file"),
    details={"reply.files.bot.file": "/file: expected the file in a part named 'files[0]', got 'file0'"},
)
class FilePartNamedFile0(_RewritesBotReplies):
    """Sends ``/file``'s file in a part named ``file0`` instead of ``files[0]``."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.FILE) and _is_success(reply):
            return dataclasses.replace(reply, body=reply.body.replace(b'name="files[0]"', b'name="file0"'))  # MUTANT
        return reply


@bot_mutant(
    "reply.none",
    caught=failed("reply.none.bot.rest"),
    collateral=failed("reply.none-202.bot.rest"),
    details={
        "reply.none.bot.rest": "/rest: expected a 2xx reply with no body, got 200 (application/json, b'{\"type\":5}')"
    },
)
class RestDefersInstead(_RewritesBotReplies):
    """Answers ``/rest``, which the bot answers through Discord's REST callback, with a deferral (callback 5) too.

    Discord would take the deferral as the interaction's response, and the REST callback sent after it would fail.
    """

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.REST) and reply.status == 202:
            return _Reply(200, [(b"content-type", b"application/json")], b'{"type":5}')  # MUTANT: the reference: 202
        return reply


@bot_mutant(
    "reply.none-202",
    caught=failed("reply.none-202.bot.rest"),
    details={"reply.none-202.bot.rest": "/rest: expected 202 with no body, got 204"},
)
class RestAnswers204(_RewritesBotReplies):
    """Answers ``/rest``, which the bot answers through Discord's REST callback, with 204 instead of 202."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        if route.is_command(bot.REST) and reply.status == 202:
            return dataclasses.replace(reply, status=204)  # MUTANT: the reference answers 202
        return reply


@bot_mutant(
    "concurrency.independent",
    caught=failed("concurrency.independent.bot.slow"),
    details={"concurrency.independent.bot.slow": "/echo got no reply within 1.5s while /slow was pending"},
)
class HandlesOneAtATime(_RewritesBotReplies):
    """Handles one request at a time, holding a lock, so ``/slow`` keeps every other interaction waiting."""

    def __init__(self, public_key: bytes) -> None:
        super().__init__(public_key)
        self.lock = asyncio.Lock()

    async def handle(self, scope: _Scope, receive: _Receive, send: _Send) -> None:
        async with self.lock:  # MUTANT: the reference handles requests concurrently
            await self.reference(scope, receive, send)


@bot_mutant(
    "reply.callback",
    caught=failed("reply.callback.bot.autocomplete-integer"),
    details={"reply.callback.bot.autocomplete-integer": "expected integer values, got '0' (str)"},
)
class IntegerChoicesAsStrings(_RewritesBotReplies):
    """Offers the integer option ``/pick number:`` choices whose values are strings (``"12"``), not integers."""

    async def rewrite(self, route: _Route, reply: _Reply) -> _Reply:
        autocomplete = route.type == InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
        if autocomplete and route.name == bot.PICK and route.focused == bot.PICK_NUMBER and _is_success(reply):
            document = reply.json_object()
            choices = typing.cast(
                "list[dict[str, object]]", typing.cast("dict[str, object]", document["data"])["choices"]
            )
            for choice in choices:
                choice["value"] = str(choice["value"])  # MUTANT: the reference sends integers
            return reply.with_json(document)
        return reply


# ---------------------------------------------------------------------------------------------------------------------
# The runner


def main(argv: Sequence[str] | None = None) -> None:
    """Serve one mutant bot, named on the command line, under uvicorn on 127.0.0.1 until interrupted."""
    import uvicorn  # noqa: PLC0415 - only the runner needs it

    by_name = {entry.name: entry for entry in BOT_MUTANTS}
    parser = argparse.ArgumentParser(prog="python -m tests.endpoints.bot_mutants", description="Serve a mutant bot.")
    parser.add_argument("name", choices=sorted(by_name), help="the mutant's class name")
    parser.add_argument("--port", type=int, required=True, help="TCP port to listen on, on 127.0.0.1")
    parser.add_argument("--public-key", type=bytes.fromhex, required=True, help="the key to verify with, in hex")
    args = parser.parse_args(argv)
    name: str = args.name
    port: int = args.port
    public_key: bytes = args.public_key
    uvicorn.run(by_name[name].endpoint(public_key), host="127.0.0.1", port=port, log_level="warning", lifespan="on")


if __name__ == "__main__":
    main()
