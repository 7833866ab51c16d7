"""`python -m tests.netlink.tls_serve CERT KEY serve ...`: the real `sync.headoffice serve`, with
uvicorn given a TLS certificate, as a head office behind TLS is reached over a network.

The laptop sends its token over http:// only to this computer; across the test's veth pair it
needs https://, and the server has no TLS option of its own (a real one sits behind a TLS
front). Nothing else of the server changes: its app, limits and deadline protocol are its own.
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn

from sync.headoffice.cli import main


def serve_with_tls(cert: str, key: str, argv: list[str]) -> int:
    plain_run = uvicorn.run

    def run(app: Any, **options: Any) -> None:
        plain_run(app, ssl_certfile=cert, ssl_keyfile=key, **options)

    uvicorn.run = run  # the CLI calls uvicorn.run
    return main(argv)


if __name__ == "__main__":
    sys.exit(serve_with_tls(sys.argv[1], sys.argv[2], sys.argv[3:]))
