"""The delivery retry policy, as pure functions of (attempts, response, now).

``decide`` turns the outcome of one delivery attempt into ``Delivered``,
``GiveUp`` or ``RetryAt``; the worker stores the answer on the delivery row.
Randomness (jitter) and time come in as arguments, so every decision is
reproducible in a test.

Status classes:
- 2xx: delivered.
- 404, 410: permanent; the inbox is gone.
- other 4xx except 401, 408, 425, 429: permanent; resending the same request
  will not change the answer.
- 401: retried, as Mastodon does: it usually means the peer could not fetch
  our key at that moment (e.g. while we restarted), which heals by itself.
- 408, 425, 429, 5xx, other codes and ``None`` (network error, timeout):
  retried with exponential backoff, later if ``Retry-After`` asks for it.

A host whose deliveries keep failing is paused (circuit breaker):
``host_should_pause`` and ``pause_until``.

Errors: ``ValueError`` for arguments outside their domain (programming errors).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .httpdate import parse_http_date

RETRY_AFTER_CAP = timedelta(hours=24)
_RETRYABLE_4XX = frozenset({401, 408, 425, 429})
_PERMANENT_GONE = frozenset({404, 410})
_DELTA_SECONDS = re.compile(r"\d{1,10}")


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: float = 10
    max_delay: float = 6 * 3600
    max_attempts: int = 12
    factor: float = 3

    def backoff(self, attempts_made: int) -> float:
        """Seconds to wait after the ``attempts_made``-th failure, before jitter and cap."""
        try:
            return float(self.first_delay * float(self.factor) ** (attempts_made - 1))
        except OverflowError:  # thousands of failures: "forever", which the cap trims
            return math.inf


@dataclass(frozen=True)
class Delivered:
    pass


@dataclass(frozen=True)
class GiveUp:
    reason: str


@dataclass(frozen=True)
class RetryAt:
    when: datetime


Decision = Delivered | GiveUp | RetryAt


def decide(
    policy: RetryPolicy,
    *,
    attempts_made: int,
    status: int | None,
    retry_after: str | None,
    now: datetime,
    jitter: float = 0.0,
) -> Decision:
    """What to do after attempt number ``attempts_made`` (1-based) ended with ``status``."""
    if attempts_made < 1:
        raise ValueError("attempts_made counts the attempt just made, so it is at least 1")
    if not 0.0 <= jitter < 1.0:
        raise ValueError("jitter must be in [0, 1)")
    if status is not None and 200 <= status < 300:
        return Delivered()
    if status in _PERMANENT_GONE:
        return GiveUp(f"HTTP {status}: the inbox is gone")
    if status is not None and 400 <= status < 500 and status not in _RETRYABLE_4XX:
        return GiveUp(f"HTTP {status}: the peer refused the request")
    failure = "network error or timeout" if status is None else f"HTTP {status}"
    if attempts_made >= policy.max_attempts:
        return GiveUp(f"{failure} after {attempts_made} attempts")
    base = policy.backoff(attempts_made)
    delay = timedelta(seconds=min(base + jitter * base, policy.max_delay))
    when = now + delay
    asked = retry_after_time(retry_after, now)
    if asked is not None and asked > when:
        when = asked
    return RetryAt(when)


def retry_after_time(value: str | None, now: datetime) -> datetime | None:
    """When a ``Retry-After`` header (seconds or HTTP-date) allows the next try.

    Capped at 24 hours from ``now`` so a hostile or broken peer cannot park a
    delivery forever; ``None`` for an absent or unreadable header.
    """
    if value is None:
        return None
    text = value.strip()
    if _DELTA_SECONDS.fullmatch(text):
        asked = now + min(timedelta(seconds=int(text)), RETRY_AFTER_CAP)
        return asked
    moment = parse_http_date(text)
    if moment is None:
        return None
    return min(moment, now + RETRY_AFTER_CAP)


def host_should_pause(consecutive_failures: int, threshold: int) -> bool:
    """Open the circuit once a host has failed ``threshold`` times in a row (0 disables)."""
    return threshold > 0 and consecutive_failures >= threshold


def pause_until(now: datetime, consecutive_failures: int, policy: RetryPolicy) -> datetime:
    """How long a failing host rests: the backoff for its failure count, capped.

    The pause grows with every further failure, so a host that is down for
    days is probed a few times a day rather than once per queued delivery.
    """
    if consecutive_failures < 1:
        raise ValueError("a host is paused only after at least one failure")
    seconds = min(policy.backoff(consecutive_failures), policy.max_delay)
    return now + timedelta(seconds=seconds)
