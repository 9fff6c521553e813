"""An endpoint that answers with replies Discord accepts in the forms the suite once failed, for black-box tests.

`AcceptedForms` is the served reference with its replies rewritten, each into another form Discord takes:

- a request that fails verification gets ``500`` (a rejection all the same; only the 401 the docs advise is missed);
- the PONG carries a member besides ``type``;
- a message sets ``embeds`` and ``flags`` to null (Discord reads null as absent);
- the corpus's commands get embeds whose descriptions are padded with whitespace Discord trims before counting;
- the button on the corpus's Components V2 message edits it with six Text Displays and no ``flags`` (it stays V2);
- ``/file`` comes as multipart/form-data without ``payload_json``, its JSON parameters as form fields.

Usage: ``python -m tests.endpoints.accepted AcceptedForms --port P --public-key HEX``.
"""

from __future__ import annotations

__all__ = ("ENDPOINTS", "AcceptedForms")

import json
import os
import typing

from conformance import bot
from conformance.serve import reference_app
from tests.endpoints.asgi import REFERENCE_MAX_BODY
from tests.endpoints.asgi import Reply
from tests.endpoints.asgi import capture
from tests.endpoints.asgi import read_body
from tests.endpoints.asgi import request_headers
from tests.endpoints.asgi import send_reply
from tests.endpoints.asgi import serve
from tests.endpoints.mutants import DISCORD_API_URL_ENV

if typing.TYPE_CHECKING:
    from collections.abc import Callable
    from collections.abc import Sequence

    from tests.endpoints.asgi import Endpoint
    from tests.endpoints.asgi import Receive
    from tests.endpoints.asgi import Scope
    from tests.endpoints.asgi import Send

_Json: typing.TypeAlias = dict[str, typing.Any]
_IS_COMPONENTS_V2: typing.Final = 1 << 15
_BOUNDARY: typing.Final = "accepted-forms-boundary"
_PADDING: typing.Final = " \n" * 100
_GENERIC: typing.Final = "handled by the reference"
"""How the served reference's replies to the corpus's commands and components end."""
_MAX_CONTENT: typing.Final = 2000
"""In process, the suite's listeners answer with content this long where it judges a message's limits."""


def _form(fields: typing.Mapping[str, str], file_name: str, data: bytes) -> bytes:
    """Return a multipart/form-data body of text fields and one file part, ``files[0]``."""
    parts = [
        f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    head = (
        f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="{file_name}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    )
    return b"".join(parts) + head.encode() + data + f"\r\n--{_BOUNDARY}--\r\n".encode()


class AcceptedForms:
    """The served reference, its replies rewritten into other forms Discord accepts (see the module)."""

    __slots__ = ("reference",)

    def __init__(self, public_key: bytes) -> None:
        self.reference: Endpoint = reference_app(public_key, discord_api_url=os.environ.get(DISCORD_API_URL_ENV))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        length = request_headers(scope).get(b"content-length", b"")
        if scope.get("type") != "http" or (length.isdigit() and int(length) > REFERENCE_MAX_BODY):
            await self.reference(scope, receive, send)  # an oversized body is the reference's to refuse, unread
            return
        body = await read_body(receive)
        if body is None:
            return
        reply = await capture(self.reference, scope, body)
        await send_reply(send, self.rewrite(body, reply))

    def rewrite(self, body: bytes, reply: Reply) -> Reply:
        """Return the reply to send in place of the reference's ``reply`` to ``body``."""
        if reply.status == 401:
            return Reply(500, [(b"content-type", b"text/plain")], b"Internal Server Error")
        content_type = dict((name.lower(), value) for name, value in reply.headers).get(b"content-type", b"")
        if reply.status != 200 or not content_type.startswith(b"application/json"):
            return reply
        callback = typing.cast("_Json", reply.json_object())
        interaction = typing.cast("_Json", json.loads(body))
        if callback.get("type") == 1:
            return reply.with_json({**callback, "data": None})
        if interaction.get("data", {}).get("name") == bot.FILE:
            return self.file_form(callback)
        return reply.with_json(self.change(callback, interaction))

    @staticmethod
    def change(callback: _Json, interaction: _Json) -> _Json:
        """Rewrite a JSON callback into another form Discord accepts."""
        message = typing.cast("_Json", interaction.get("message") or {})
        if callback["type"] == 6 and message.get("flags", 0) & _IS_COMPONENTS_V2:
            texts = [{"type": 10, "content": f"line {number}"} for number in range(6)]
            return {"type": 7, "data": {"components": texts}}
        if callback["type"] in (4, 7):
            data = callback.setdefault("data", {})
            data.setdefault("embeds", None)
            data.setdefault("flags", None)
            content = str(data.get("content", ""))
            if callback["type"] == 4 and (content.endswith(_GENERIC) or len(content) >= _MAX_CONTENT):
                data["embeds"] = [{"description": _PADDING + "d" * 3000 + _PADDING} for _ in range(2)]
        return callback

    @staticmethod
    def file_form(callback: _Json) -> Reply:
        """Send ``/file``'s callback as form fields beside its file, without payload_json."""
        fields = {"type": str(callback["type"]), "data": json.dumps(callback["data"])}
        content_type = f"multipart/form-data; boundary={_BOUNDARY}".encode()
        return Reply(200, [(b"content-type", content_type)], _form(fields, bot.FILE_NAME, bot.FILE_DATA))


ENDPOINTS: typing.Final[typing.Mapping[str, Callable[[bytes], Endpoint]]] = {"AcceptedForms": AcceptedForms}


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the endpoint named on the command line under uvicorn on 127.0.0.1 until interrupted."""
    serve(
        ENDPOINTS, argv, prog="python -m tests.endpoints.accepted", description="Serve an endpoint of accepted forms."
    )


if __name__ == "__main__":
    main()
