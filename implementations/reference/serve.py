"""Serve the reference implementation, which implements the conformance bot, where the matrix runner says."""

from __future__ import annotations

import os
import sys

from conformance.cli import main

if __name__ == "__main__":
    host, port, key = (os.environ[name] for name in ("CONFORMANCE_HOST", "CONFORMANCE_PORT", "CONFORMANCE_PUBLIC_KEY"))
    api = os.environ.get("CONFORMANCE_DISCORD_API_URL")  # the suite's double, where the bot's REST calls go
    sys.exit(
        main(
            ["serve", "--host", host, "--port", port, "--public-key", key, *(["--discord-api-url", api] if api else [])]
        )
    )
