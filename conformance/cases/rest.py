"""Cases of section ``rest``: the REST half of an interaction, judged through the Discord API double.

They run over HTTP against an endpoint that runs the conformance bot
(``--bot``) with its REST client pointed at the double (``--discord-api``);
without either they are not verified. Each sends bot commands whose answers
involve REST (``/rest``'s callback, ``/followup``'s follow-up, the edit that
completes ``/defer-ephemeral``) and reads what the double received for them.
``rest.http-reply.run`` comes last: it judges every interaction of the run.

In process, the ``listener`` cases register a listener that answers through
the target's own REST client (`conformance.adapter.Adapter.rest_message_reply`),
pointed at the double the run serves, and returns `None`, as ListenerT allows:
the reply is then judged where it went.
"""

from __future__ import annotations

__all__ = ("CASES",)

import json
import re
import typing

from conformance import bot
from conformance.bot import payloads
from conformance.case import HTTP_ONLY
from conformance.case import IN_PROCESS
from conformance.case import Case
from conformance.case import make_case
from conformance.cases.bot import ledger_of
from conformance.cases.bot import send_issued
from conformance.checks import expect
from conformance.double import routes
from conformance.double.answers import ALREADY_ACKNOWLEDGED
from conformance.double.answers import INVALID_FORM_BODY
from conformance.double.records import RateLimit
from conformance.double.records import now
from conformance.double.records import wait_exchange
from conformance.model import CaseFailure
from conformance.model import NotVerifiedError
from conformance.payloads import default_sample
from conformance.reply_checks import expect_callback_valid
from interaction_spec import RESPONSE_DEADLINE_S
from interaction_spec import InteractionType

if typing.TYPE_CHECKING:
    from conformance.context import CaseContext
    from conformance.double.records import InteractionRecord
    from conformance.double.records import RestExchange
    from conformance.model import Reply

_USER_AGENT: typing.Final = re.compile(r"DiscordBot \((?P<url>[^,()\s]+), (?P<version>[^()]+?)\)")
"""``DiscordBot ($url, $versionNumber)``, which more may follow."""
_VERSIONED: typing.Final = re.compile(r"^/api/v[0-9]+/")
_RETRY_AFTER_S: typing.Final = 1.0
_CASE_TIMEOUT_S: typing.Final = 2 * bot.FOLLOW_THROUGH_S + 5.0
"""Enough for a case that waits for two follow-throughs that never come."""
_EXAMPLES: typing.Final = 3


def _code(exchange: RestExchange) -> object:
    try:
        decoded: object = json.loads(exchange.answer) if exchange.answer else None
    except ValueError:
        return None
    return typing.cast("dict[str, object]", decoded).get("code") if isinstance(decoded, dict) else None


async def _followed_through(ctx: CaseContext) -> list[tuple[str, InteractionRecord]]:
    """Send ``/rest`` and ``/followup`` and wait for what the bot sends by REST; return each interaction's record."""
    sent: list[tuple[str, InteractionRecord]] = []
    rest_what = f"/{bot.REST}"
    _, rest = await send_issued(ctx, payloads.command(bot.REST), rest_what)
    sent.append((rest_what, rest))
    sent.append(await _followed_by(ctx, bot.FOLLOWUP, routes.FOLLOW_UP))
    return sent


async def _followed_by(ctx: CaseContext, command: str, route: str) -> tuple[str, InteractionRecord]:
    """Send ``/command`` and wait, within the profile's follow-through time, for its REST request to ``route``."""
    what = f"/{command}"
    _, record = await send_issued(ctx, payloads.command(command), what)
    await wait_exchange(
        ledger_of(ctx),
        record,
        lambda exchange: exchange.route == route,
        record.sent_at + bot.FOLLOW_THROUGH_S,
    )
    return what, record


def _all_exchanges(sent: list[tuple[str, InteractionRecord]]) -> list[tuple[str, RestExchange]]:
    exchanges = [(what, exchange) for what, record in sent for exchange in record.exchanges]
    if not exchanges:
        raise NotVerifiedError(f"/{bot.REST} and /{bot.FOLLOWUP} made no REST request to the double")
    return exchanges


async def _one_ack(ctx: CaseContext) -> None:
    sent = await _followed_through(ctx)
    what = f"/{bot.ECHO}"
    echo = payloads.command(bot.ECHO, [{"name": bot.ECHO_TEXT, "type": 3, "value": payloads.ECHO_TEXT}], tag="ack")
    _, record = await send_issued(ctx, echo, what)
    sent.append((what, record))
    for what, exchange in [(what, item) for what, record in sent for item in record.exchanges]:
        expect(
            _code(exchange) != ALREADY_ACKNOWLEDGED[0],
            f"{what}: a second initial response, {exchange.describe()} (40060 Interaction has already been "
            "acknowledged)",
        )


async def _deadline(ctx: CaseContext) -> None:
    what = f"/{bot.REST}"
    reply, _ = await send_issued(ctx, payloads.command(bot.REST), what)
    if reply.channel != "rest":
        raise NotVerifiedError(f"{what} got {reply.describe()} and no REST callback, so no callback could be timed")
    expect(
        reply.elapsed_s <= RESPONSE_DEADLINE_S,
        f"{what}: the REST callback arrived {reply.elapsed_s:.2f}s after the interaction, expected within "
        f"{RESPONSE_DEADLINE_S:g}s",
    )


async def _valid_body(ctx: CaseContext) -> None:
    sent = await _followed_through(ctx)
    sent.append(await _followed_by(ctx, bot.DEFER_EPHEMERAL, routes.EDIT))
    for what, exchange in _all_exchanges(sent):
        if _code(exchange) == INVALID_FORM_BODY[0]:
            errors = json.loads(exchange.answer).get("errors", {})
            raise CaseFailure(
                f"{what}: {exchange.describe()}, refused as Discord would with {INVALID_FORM_BODY[0]} "
                f"{INVALID_FORM_BODY[1]}: {json.dumps(errors)[:240]}"
            )


def _expect_user_agents(exchanges: list[tuple[str, RestExchange]]) -> None:
    """Check that every exchange carried ``User-Agent: DiscordBot ($url, $versionNumber)``."""
    for what, exchange in exchanges:
        agent = exchange.header("user-agent")
        expect(
            agent is not None and _USER_AGENT.match(agent) is not None,
            f"{what}: {exchange.method} {exchange.path.split('?')[0]} carried User-Agent {agent!r}, not "
            "'DiscordBot ($url, $versionNumber)'",
        )


def _expect_versioned(exchanges: list[tuple[str, RestExchange]]) -> None:
    """Check that every exchange's path names the API version."""
    for what, exchange in exchanges:
        expect(
            _VERSIONED.match(exchange.path) is not None,
            f"{what}: {exchange.method} {exchange.path.split('?')[0]} names no API version (expected /api/v10/...)",
        )


async def _user_agent(ctx: CaseContext) -> None:
    _expect_user_agents(_all_exchanges(await _followed_through(ctx)))


async def _api_version(ctx: CaseContext) -> None:
    _expect_versioned(_all_exchanges(await _followed_through(ctx)))


async def _retry_after(ctx: CaseContext) -> None:
    what = f"/{bot.FOLLOWUP}"
    limit = RateLimit(routes.FOLLOW_UP, _RETRY_AFTER_S)
    sample = payloads.command(bot.FOLLOWUP)
    _, record = await ctx.interact_issued(sample, what=what, rate_limit=limit)
    if record is None:
        raise NotVerifiedError(f"{what} named no interaction the double could issue")
    ledger = ledger_of(ctx)
    first = await wait_exchange(
        ledger, record, lambda exchange: exchange.route == routes.FOLLOW_UP, record.sent_at + bot.FOLLOW_THROUGH_S
    )
    if first is None or limit.limited_at is None:
        raise NotVerifiedError(f"{what} sent no follow-up message, so none could be rate limited")
    allowed_at = limit.limited_at + _RETRY_AFTER_S
    retry = await wait_exchange(
        ledger,
        record,
        lambda exchange: exchange.route == routes.FOLLOW_UP and exchange is not first,
        max(allowed_at, now()) + bot.FOLLOW_THROUGH_S,
    )
    if retry is None:
        return  # never retried: never too early
    early = allowed_at - retry.received_at
    expect(
        early <= 0,
        f"{what}: the follow-up got 429 with Retry-After {_RETRY_AFTER_S:g}, and was retried {early:.2f}s before "
        "that had elapsed",
    )


async def _http_reply(ctx: CaseContext) -> None:
    records = ledger_of(ctx).records()
    answered = [record for record in records if record.callback is not None]
    if not answered:
        raise NotVerifiedError("no interaction of this run was answered through the REST callback")
    breaking = [record for record in answered if record.http_after_callback is not None]
    if not breaking:
        return
    cases = sorted({record.label or "?" for record in breaking})
    examples: list[str] = []
    for record in breaking[:_EXAMPLES]:
        assert record.http_after_callback is not None
        examples.append(record.http_after_callback.describe())
    raise CaseFailure(
        f"{len(breaking)} of {len(answered)} interactions answered through the REST callback got an HTTP reply "
        f"with a body instead of 202 and no body, in {len(cases)} cases; it carried "
        f"{'; '.join(sorted(set(examples)))} (cases: {', '.join(cases[:_EXAMPLES])}"
        f"{', ...' if len(cases) > _EXAMPLES else ''})"
    )


_LISTENER_CONTENT: typing.Final = "Sent through the target's REST client."
_COMMAND: typing.Final = InteractionType.APPLICATION_COMMAND


async def _answered_through_rest(ctx: CaseContext) -> tuple[Reply, InteractionRecord]:
    """In process: a command listener answers through the target's REST client and returns None; send it."""
    double = ctx.double
    if double is None:
        raise NotVerifiedError("needs the Discord API double, which the run did not serve")
    base_url = double.base_url

    async def listener(interaction: object) -> None:
        await ctx.adapter.rest_message_reply(interaction, _LISTENER_CONTENT, base_url)

    ctx.register(_COMMAND, listener)
    reply, record = await ctx.interact_issued(default_sample(_COMMAND), what="a command", issue=True)
    assert record is not None
    return reply, record


async def _rest_listener_reply(ctx: CaseContext) -> None:
    reply, record = await _answered_through_rest(ctx)
    seen = ", ".join(exchange.describe() for exchange in record.exchanges) or "none"
    expect(
        reply.channel == "rest",
        f"a listener that answered through the REST client and returned None: no callback reached the double "
        f"(REST requests: {seen}); the reply was {reply.describe()}",
    )
    http = reply.http_reply
    expect(http is not None and not http.body, f"the listener returned None, yet the reply carried a body: {http}")
    callback_type = expect_callback_valid(reply, default_sample(_COMMAND).payload)
    expect(callback_type == 4, f"expected callback 4 through REST, got {callback_type}")
    content = reply.json_object().get("data", {})
    got = typing.cast("dict[str, object]", content).get("content") if isinstance(content, dict) else None
    expect(got == _LISTENER_CONTENT, f"expected content {_LISTENER_CONTENT!r} through REST, got {got!r}")


async def _rest_listener_user_agent(ctx: CaseContext) -> None:
    _, record = await _answered_through_rest(ctx)
    _expect_user_agents(_all_exchanges([("the listener's REST reply", record)]))


async def _rest_listener_version(ctx: CaseContext) -> None:
    _, record = await _answered_through_rest(ctx)
    _expect_versioned(_all_exchanges([("the listener's REST reply", record)]))


def _listener_case(clause_id: str, summary: str, run: typing.Callable[[CaseContext], typing.Awaitable[None]]) -> Case:
    return make_case(
        clause_id, "listener", summary, run, modes=IN_PROCESS, timeout_s=_CASE_TIMEOUT_S, needs_double=True
    )


def _case(clause_id: str, name: str, summary: str, run: typing.Callable[[CaseContext], typing.Awaitable[None]]) -> Case:
    return make_case(
        clause_id,
        name,
        summary,
        run,
        modes=HTTP_ONLY,
        timeout_s=_CASE_TIMEOUT_S,
        needs_bot=True,
        needs_double=True,
    )


CASES: typing.Final[tuple[Case, ...]] = (
    _listener_case(
        "reply.callback",
        "a listener that answers through the target's REST client and returns None: its callback reaches the "
        "double, and the reply has no body",
        _rest_listener_reply,
    ),
    _listener_case(
        "rest.user-agent",
        "the REST request of a listener that answers through the target's REST client carries "
        "User-Agent: DiscordBot ($url, $versionNumber)",
        _rest_listener_user_agent,
    ),
    _listener_case(
        "rest.api-version",
        "the REST request of a listener that answers through the target's REST client names the API version",
        _rest_listener_version,
    ),
    _case(
        "rest.one-ack",
        "bot.commands",
        f"/{bot.REST}, /{bot.FOLLOWUP} and /{bot.ECHO} each get one initial response: no callback meets 40060",
        _one_ack,
    ),
    _case(
        "rest.deadline",
        "bot.rest",
        f"/{bot.REST}'s REST callback arrives within {RESPONSE_DEADLINE_S:g}s of the interaction",
        _deadline,
    ),
    _case(
        "rest.valid-body",
        "bot.commands",
        f"the bodies /{bot.REST}, /{bot.FOLLOWUP} and /{bot.DEFER_EPHEMERAL} send by REST pass every reply rule "
        "(none refused with 50035 Invalid Form Body)",
        _valid_body,
    ),
    _case(
        "rest.user-agent",
        "bot.commands",
        f"every REST request of /{bot.REST} and /{bot.FOLLOWUP} carries User-Agent: DiscordBot ($url, $versionNumber)",
        _user_agent,
    ),
    _case(
        "rest.api-version",
        "bot.commands",
        f"every REST request of /{bot.REST} and /{bot.FOLLOWUP} names the API version in its path",
        _api_version,
    ),
    _case(
        "rest.retry-after",
        "bot.followup",
        f"/{bot.FOLLOWUP}'s follow-up, answered 429 with Retry-After {_RETRY_AFTER_S:g}, is not retried earlier",
        _retry_after,
    ),
    _case(
        "rest.http-reply",
        "run",
        "every interaction of the run answered through the REST callback got an HTTP reply with no body "
        "(one finding for the run)",
        _http_reply,
    ),
)
