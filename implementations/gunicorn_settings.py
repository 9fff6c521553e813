"""gunicorn's settings for the Flask drivers' conformance bots: the address from the interface's environment.

One process with eight threads (``gthread``), so that ``/slow``, which blocks its thread for two seconds, does not
hold up the interactions sent while it waits.
"""

import os

bind = f"{os.environ['CONFORMANCE_HOST']}:{os.environ['CONFORMANCE_PORT']}"
worker_class = "gthread"
workers = 1
threads = 8
graceful_timeout = 2
accesslog = "-"
