"""A local double of the Discord API endpoints an interaction touches (``--discord-api HOST:PORT``).

An application may answer an interaction in the HTTP reply or through
Discord's REST callback endpoint, and completes a deferred answer through REST
(edit the original, send a follow-up). The double serves those endpoints in
the suite's own process, so that the suite sees both halves:

- `conformance.double.server`: uvicorn on a thread, and the base URL;
- `conformance.double.app`: the ASGI application, answering as Discord documents;
- `conformance.double.routes`: the paths it serves;
- `conformance.double.answers`: its statuses, bodies and error shapes;
- `conformance.double.messages`: the message objects it answers with;
- `conformance.double.records`: what it issued and received, shared with the cases;
- `conformance.double.issue`: a fresh ID and token for every interaction sent;
- `conformance.double.address`: reading ``--discord-api``.
"""

from __future__ import annotations

__all__ = ("DiscordApiDouble", "DoubleError", "parse_address")

from conformance.double.address import parse_address
from conformance.double.server import DiscordApiDouble
from conformance.double.server import DoubleError
