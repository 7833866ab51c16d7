"""The sync's retry policy and timeouts for the bad-link tests and bench."""

from __future__ import annotations

from sync.http import DEFAULT_TIMEOUT
from sync.outbox import RetryPolicy

# Patient within a run (a cut lasts 5 s), and no waiting between runs.
PATIENT = RetryPolicy(attempts=6, initial_s=0.5, max_s=4.0, jitter_s=0.2, later_initial_s=0.0, later_max_s=0.0)
# The app's own timeouts (sync/http.py DEFAULT_TIMEOUT, WRITE_STALL_S): the link tests are
# the ones that showed the earlier (3.05, 20) s failing here — urllib3 wrote a body under the
# connect timeout, and a 5 s cut stalled TCP longer than 20 s — so they run with what ships.
LINK_TIMEOUT: tuple[float, float] = DEFAULT_TIMEOUT
