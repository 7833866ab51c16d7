"""`python -m tests.netlink.push DATA_DIR`: one sync run of that profile, as `branchdesk sync`
does it, but with the link's timeouts (tests/netlink/test_bad_link.py LINK_TIMEOUT), in a process
of its own that a test can SIGKILL. The token comes from BRANCHDESK_TOKEN, as for a scheduled run."""

from __future__ import annotations

import sys
from pathlib import Path

from app.context import AppContext
from tests.netlink.policy import LINK_TIMEOUT, PATIENT
from tests.sync.conftest import service


def main(data_dir: str) -> int:
    ctx = AppContext.open(Path(data_dir))
    try:
        report = service(ctx, policy=PATIENT, timeout=LINK_TIMEOUT).run_once()
    finally:
        ctx.close()
    print(f"sent={report.sent} pending_left={report.pending_left}")
    return 0 if report.pending_left == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
