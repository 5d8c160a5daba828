"""A small in-memory limiter for login attempts, per client address and per email.

One process, one memory: enough for `tahub serve`; a multi-process deployment puts a
reverse proxy's limiter in front as well.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """At most `attempts` hits per key within `window` seconds."""

    def __init__(self, attempts: int = 5, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts, self.window, self.clock = attempts, window, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def allowed(self, key: str) -> bool:
        """True while `key` has attempts left (does not count as an attempt)."""
        with self._lock:
            return len(self._recent(key, self.clock())) < self.attempts

    def hit(self, key: str) -> bool:
        """Count one attempt for `key`; False when it is over the limit."""
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            if len(hits) >= self.attempts:
                return False
            hits.append(now)
            return True

    def retry_after(self, key: str) -> int:
        """Seconds until `key` may try again (0 when it may now)."""
        with self._lock:
            now = self.clock()
            hits = self._recent(key, now)
            if len(hits) < self.attempts:
                return 0
            return max(1, int(hits[0] + self.window - now + 0.999))

    def reset(self, key: str) -> None:
        """Forget `key` (after a successful login)."""
        with self._lock:
            self._hits.pop(key, None)


class LoginLimiter:
    """Login attempts limited both per client address and per email, so neither one
    address trying many accounts nor many addresses trying one account get far."""

    def __init__(self, per_ip: int = 20, per_email: int = 5, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ip = RateLimiter(per_ip, window, clock)
        self.email = RateLimiter(per_email, window, clock)

    def check(self, ip: str, email: str) -> int:
        """0 when a login attempt may proceed (and counts it), else seconds to wait."""
        email = email.strip().lower()
        wait = max(self.ip.retry_after(ip), self.email.retry_after(email))
        if wait:
            return wait
        self.ip.hit(ip)
        self.email.hit(email)
        return 0

    def succeeded(self, ip: str, email: str) -> None:
        """A good password clears the email's count (the address keeps its own)."""
        self.email.reset(email.strip().lower())
