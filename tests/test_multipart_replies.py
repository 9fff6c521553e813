"""A multipart reply's JSON is read as Discord reads it: payload_json whatever its own Content-Type, else the fields."""

from __future__ import annotations

import json
import typing

from conformance import payloads
from conformance.http import read_reply
from conformance.reply_checks import REPLY_CHECKS
from conformance.reply_checks import read_callback
from interaction_spec import InteractionType

_BOUNDARY: typing.Final = "b0undary"
_COMMAND: typing.Final = payloads.default_sample(InteractionType.APPLICATION_COMMAND).payload


def _part(name: str, body: bytes, *, filename: str = "", content_type: str = "") -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    head = f"--{_BOUNDARY}\r\nContent-Disposition: {disposition}\r\n"
    head += f"Content-Type: {content_type}\r\n" if content_type else ""
    return (head + "\r\n").encode() + body + b"\r\n"


def _multipart(*parts: bytes) -> dict[str, typing.Any]:
    body = b"".join(parts) + f"--{_BOUNDARY}--\r\n".encode()
    reply = read_reply(200, body, {"content-type": f"multipart/form-data; boundary={_BOUNDARY}"}, 0.0, None)
    callback = read_callback(reply, _COMMAND)
    assert callback is not None
    assert REPLY_CHECKS["reply.files"](callback) is True
    assert REPLY_CHECKS["reply.valid-callback"](callback) is True
    return {"body": json.loads(reply.body), "files": [(file.name, file.filename, file.data) for file in reply.files]}


_CALLBACK: typing.Final = {"type": 4, "data": {"content": "here", "attachments": [{"id": 0, "filename": "a.txt"}]}}
_FILE: typing.Final = _part("files[0]", b"hello", filename="a.txt", content_type="text/plain")


def test_payload_json_is_the_json_whatever_its_content_type() -> None:
    for content_type in ("", "text/plain", "application/json; charset=utf-8"):
        read = _multipart(_part("payload_json", json.dumps(_CALLBACK).encode(), content_type=content_type), _FILE)
        assert read == {"body": _CALLBACK, "files": [("files[0]", "a.txt", b"hello")]}


def test_without_payload_json_the_fields_are_the_json() -> None:
    read = _multipart(_part("type", b"4"), _part("data", json.dumps(_CALLBACK["data"]).encode()), _FILE)
    assert read == {"body": _CALLBACK, "files": [("files[0]", "a.txt", b"hello")]}
