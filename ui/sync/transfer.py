"""How far a run's upload got, by bytes, and the time it still needs at the rate seen so far.

No Qt here: the Sync page feeds it the outbox's `on_bytes(done, total)` and says the result in
words.  The estimate is given only once MIN_RATE_S seconds of sending are behind it (a rate
from one quick item says little on a branch's link), from the bytes of the last WINDOW_S
seconds, so it follows a link that slows down or picks up.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MIN_RATE_S = 3.0
WINDOW_S = 30.0


class Transfer:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()
        self._started = 0.0
        self.done = 0
        self.total = 0
        self.start()

    def start(self) -> None:
        """A run begins: nothing sent yet, and the clock of its rate starts now."""
        self._started = self._clock()
        self._samples.clear()
        self._samples.append((self._started, 0))
        self.done = self.total = 0

    @property
    def started_at(self) -> float:
        """When the run began, on the clock given."""
        return self._started

    @property
    def known(self) -> bool:
        """Bytes were reported for this run."""
        return self.total > 0

    def note(self, done: int, total: int) -> None:
        now = self._clock()
        self.done, self.total = done, max(total, done)
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= WINDOW_S:
            self._samples.popleft()  # the oldest kept still reaches back a whole window

    def bytes_per_s(self) -> float | None:
        """The rate over the window, None until MIN_RATE_S seconds of it are known."""
        (first_at, first), (last_at, last) = self._samples[0], self._samples[-1]
        if last_at - first_at < MIN_RATE_S or last <= first:
            return None
        return (last - first) / (last_at - first_at)

    def seconds_left(self) -> float | None:
        """The time the bytes still due need at the rate seen, counted from now; None while the
        rate is not known yet, 0.0 once everything is sent."""
        if self.known and self.done >= self.total:
            return 0.0
        rate = self.bytes_per_s()
        if rate is None or not self.known:
            return None
        since_last = self._clock() - self._samples[-1][0]
        return max(0.0, (self.total - self.done) / rate - since_last)
