"""The reference implementation beyond what the conformance cases check: its own API and limits."""

from __future__ import annotations

import asyncio
import json
import typing

import pytest

import interaction_spec
from conformance import payloads
from conformance import reference
from conformance.reference.interactions import parse_interaction
from conformance.signing import Signer

_SIGNER = Signer()
_INPUTS = [reference.TextInput("a", "A")]


def _server() -> reference.ReferenceInteractionServer:
    return reference.ReferenceInteractionServer(_SIGNER.public_key)


def test_public_key_as_hex_or_bytes() -> None:
    assert reference.ReferenceInteractionServer(_SIGNER.public_key.hex()) is not None
    with pytest.raises(ValueError, match="32 bytes, not 31"):
        reference.ReferenceInteractionServer(bytes(31))
    with pytest.raises(ValueError, match="non-hexadecimal"):
        reference.ReferenceInteractionServer("zz" * 32)


def test_is_an_interaction_server() -> None:
    server: interaction_spec.InteractionServer = _server()
    assert isinstance(server, interaction_spec.InteractionServer)


@pytest.mark.parametrize("kind", [interaction_spec.PartialInteraction, int, object])
def test_set_listener_rejects_what_is_not_a_kind(kind: type[object]) -> None:
    async def listener(interaction: object) -> None:
        return None

    server = _server()
    with pytest.raises(TypeError, match="interaction_type must be"):
        server.set_listener(kind, listener)  # type: ignore[arg-type]  # pyright: ignore[reportCallIssue, reportArgumentType]


def test_a_subclass_of_a_kind_registers_that_kind() -> None:
    class MyCommand(interaction_spec.CommandInteraction):
        pass

    async def listener(interaction: interaction_spec.CommandInteraction) -> None:
        return None

    server = _server()
    server.set_listener(MyCommand, listener)
    assert server.get_listener(interaction_spec.CommandInteraction) is listener


async def _send(server: reference.ReferenceInteractionServer, body: bytes) -> interaction_spec.Response:
    request = _SIGNER.sign(body)
    return await server.on_interaction(request.body, request.signature, request.timestamp)


def test_close_waits_for_continuations() -> None:
    finished: list[str] = []

    async def listener(interaction: interaction_spec.CommandInteraction) -> typing.AsyncGenerator[None, None]:
        yield None
        await asyncio.sleep(0.05)
        finished.append(interaction.token)

    async def scenario() -> None:
        server = _server()
        server.set_listener(interaction_spec.CommandInteraction, listener)
        sample = payloads.default_sample(interaction_spec.InteractionType.APPLICATION_COMMAND)
        response = await _send(server, sample.body())
        assert response.status_code == 202
        assert finished == []
        await server.close()
        assert finished == [sample.expected["token"]]

    asyncio.run(scenario())


def test_reply_body_is_compact_utf8_json() -> None:
    async def listener(interaction: interaction_spec.CommandInteraction) -> interaction_spec.InteractionMessageBuilder:
        return reference.MessageBuilder("café", ephemeral=True)

    async def scenario() -> interaction_spec.Response:
        server = _server()
        server.set_listener(interaction_spec.CommandInteraction, listener)
        return await _send(server, payloads.default_sample(interaction_spec.InteractionType.APPLICATION_COMMAND).body())

    response = asyncio.run(scenario())
    assert (response.status_code, response.content_type, response.charset) == (200, "application/json", "utf-8")
    assert response.payload == '{"type":4,"data":{"content":"café","flags":64}}'.encode()
    assert json.loads(response.payload or b"") == {"type": 4, "data": {"content": "café", "flags": 64}}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: reference.MessageBuilder("x" * 2001), "at most 2000 characters"),
        (lambda: reference.MessageBuilder("x", files=[reference.BytesFile("a", b"")] * 11), "at most 10 files"),
        (lambda: reference.AutocompleteBuilder([("n", "v")] * 26), "at most 25 choices"),
        (lambda: reference.AutocompleteBuilder([("", "v")]), "a choice name must be 1 to 100"),
        (lambda: reference.AutocompleteBuilder([("n" * 101, "v")]), "a choice name must be 1 to 100"),
        (
            lambda: reference.ModalBuilder("t" * 46, "id", _INPUTS),
            "a modal title must be 1 to 45",
        ),
        (
            lambda: reference.ModalBuilder("t", "", _INPUTS),
            "a modal custom_id must be 1 to 100",
        ),
        (lambda: reference.ModalBuilder("t", "id", []), "a modal holds 1 to 5 inputs"),
        (lambda: reference.ModalBuilder("t", "id", [reference.TextInput("x", "l" * 46)]), "a label must be 1 to 45"),
        (lambda: reference.DeferredBuilder(update=True, ephemeral=True), "cannot be ephemeral"),
        (lambda: reference.BytesFile("", b""), "non-empty filename"),
    ],
)
def test_builders_enforce_discord_limits(make: typing.Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_builders_build_discord_callbacks() -> None:
    modal = reference.ModalBuilder("Feedback", "fb", [reference.TextInput("text", "Text", paragraph=True)])
    assert modal.build() == (
        {
            "type": 9,
            "data": {
                "title": "Feedback",
                "custom_id": "fb",
                "components": [
                    {
                        "type": 18,
                        "label": "Text",
                        "component": {"type": 4, "custom_id": "text", "style": 2, "required": True},
                    }
                ],
            },
        },
        (),
    )
    assert reference.DeferredBuilder(update=True).build() == ({"type": 6}, ())
    assert reference.DeferredBuilder(ephemeral=True).build() == ({"type": 5, "data": {"flags": 64}}, ())
    assert reference.AutocompleteBuilder([("One", 1)]).build() == (
        {"type": 8, "data": {"choices": [{"name": "One", "value": 1}]}},
        (),
    )
    file = reference.BytesFile("a.txt", b"abc")
    assert reference.MessageBuilder(files=[file], update=True).build() == (
        {"type": 7, "data": {"attachments": [{"id": 0, "filename": "a.txt"}]}},
        (file,),
    )


def test_listener_raising_cancelled_error_gets_500_and_a_real_cancellation_propagates() -> None:
    async def cancelled(interaction: interaction_spec.CommandInteraction) -> None:
        raise asyncio.CancelledError

    async def slow(interaction: interaction_spec.CommandInteraction) -> None:
        await asyncio.sleep(10)

    async def scenario() -> None:
        server = _server()
        body = payloads.default_sample(interaction_spec.InteractionType.APPLICATION_COMMAND).body()
        server.set_listener(interaction_spec.CommandInteraction, cancelled)
        assert (await _send(server, body)).status_code == 500
        server.set_listener(interaction_spec.CommandInteraction, slow, replace=True)
        request = asyncio.ensure_future(_send(server, body))
        await asyncio.sleep(0.01)
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request

    asyncio.run(scenario())


@pytest.mark.parametrize(
    "sample", payloads.samples_of(interaction_spec.InteractionType.MODAL_SUBMIT), ids=lambda sample: sample.name
)
def test_modal_values_follow_each_component_kind(sample: payloads.Sample) -> None:
    interaction = parse_interaction(sample.copy(), sample.interaction_type)
    assert isinstance(interaction, interaction_spec.ModalInteraction)
    assert dict(interaction.values) == sample.expected["values"]
    assert all(value is None or type(value) in {str, bool, tuple} for value in interaction.values.values())


def test_modal_values_keep_booleans_and_null_apart_from_text() -> None:
    payload = payloads.MODAL_FILE_UPLOAD.copy()
    values = typing.cast("interaction_spec.ModalInteraction", parse_interaction(payload, 5)).values
    assert values["bug:reproducible"] is True
    assert values["bug:area"] is None
    labels = typing.cast("dict[str, list[dict[str, dict[str, object]]]]", payload["data"])["components"]
    labels[3]["component"]["value"] = False
    labels[2]["component"]["value"] = "ui"
    values = typing.cast("interaction_spec.ModalInteraction", parse_interaction(payload, 5)).values
    assert values["bug:reproducible"] is False
    assert values["bug:area"] == "ui"
