"""Delivery retry policy: a pure function of (attempts, status, Retry-After, now, jitter)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from sinet_node.federation.retry import (
    Decision,
    Delivered,
    GiveUp,
    RetryAt,
    RetryPolicy,
    decide,
    host_should_pause,
    pause_until,
    retry_after_time,
)

NOW = datetime(2025, 1, 7, 10, 0, 0, tzinfo=UTC)
POLICY = RetryPolicy()  # 10 s, x3, capped at 6 h, 12 attempts


def after(
    status: int | None,
    *,
    attempts: int = 1,
    retry_after: str | None = None,
    jitter: float = 0.0,
    policy: RetryPolicy = POLICY,
) -> Decision:
    return decide(
        policy,
        attempts_made=attempts,
        status=status,
        retry_after=retry_after,
        now=NOW,
        jitter=jitter,
    )


def delay(decision: Decision) -> timedelta:
    assert isinstance(decision, RetryAt), decision
    return decision.when - NOW


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (200, Delivered),
        (201, Delivered),
        (202, Delivered),
        (204, Delivered),
        (404, GiveUp),
        (410, GiveUp),
        (400, GiveUp),
        (403, GiveUp),
        (405, GiveUp),
        (413, GiveUp),
        (415, GiveUp),
        (422, GiveUp),
        (401, RetryAt),
        (408, RetryAt),
        (425, RetryAt),
        (429, RetryAt),
        (500, RetryAt),
        (502, RetryAt),
        (503, RetryAt),
        (504, RetryAt),
        (520, RetryAt),
        (301, RetryAt),
        (None, RetryAt),
    ],
)
def test_status_table(status: int | None, kind: type) -> None:
    """DESIGN §6: 2xx delivered; 404/410 and refusing 4xx permanent; the rest retried.

    401 is retried like Mastodon does: the peer usually failed to fetch our key for a moment.
    """
    assert isinstance(after(status), kind)


def test_permanent_failures_say_why() -> None:
    gone = after(410)
    assert isinstance(gone, GiveUp) and "410" in gone.reason
    refused = after(403)
    assert isinstance(refused, GiveUp) and "403" in refused.reason


def test_success_on_the_last_allowed_attempt_is_delivered() -> None:
    assert after(202, attempts=POLICY.max_attempts) == Delivered()


def test_exponential_backoff() -> None:
    """first_delay * factor ** (attempts_made - 1): 10 s, 30 s, 90 s, 270 s, ..."""
    assert [delay(after(503, attempts=n)).total_seconds() for n in range(1, 6)] == [
        10,
        30,
        90,
        270,
        810,
    ]


def test_network_error_backs_off_like_a_5xx() -> None:
    assert after(None, attempts=3) == after(503, attempts=3)


def test_jitter_adds_a_fraction_of_the_delay() -> None:
    """The caller supplies jitter in [0, 1) so the function stays deterministic."""
    assert delay(after(503, attempts=2, jitter=0.5)) == timedelta(seconds=45)
    assert delay(after(503, attempts=2, jitter=0.0)) == timedelta(seconds=30)


def test_delay_is_capped_at_max_delay_even_with_jitter() -> None:
    """10 * 3**9 s is 54 h; the cap is 6 h."""
    assert delay(after(503, attempts=10)) == timedelta(hours=6)
    assert delay(after(503, attempts=10, jitter=0.99)) == timedelta(hours=6)


def test_delays_grow_monotonically_until_the_cap() -> None:
    policy = RetryPolicy(max_attempts=200)
    delays = [delay(after(500, attempts=n, policy=policy)) for n in range(1, 200)]
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert delays[0] == timedelta(seconds=10)
    assert delays[-1] == timedelta(hours=6)


def test_gives_up_after_max_attempts() -> None:
    """DESIGN §6: a bounded number of tries, then the delivery is abandoned with a reason."""
    assert isinstance(after(503, attempts=POLICY.max_attempts - 1), RetryAt)
    final = after(503, attempts=POLICY.max_attempts)
    assert isinstance(final, GiveUp) and "12 attempts" in final.reason
    assert isinstance(after(None, attempts=3, policy=RetryPolicy(max_attempts=3)), GiveUp)


def test_custom_policy_first_retry_soon() -> None:
    """DESIGN §6: first retries come soon (configurable)."""
    policy = RetryPolicy(first_delay=2, factor=2, max_delay=60)
    assert [delay(after(503, attempts=n, policy=policy)).total_seconds() for n in (1, 2, 3)] == [
        2,
        4,
        8,
    ]


# -- Retry-After (RFC 9110 §10.2.3) -----------------------------------------------


def test_retry_after_seconds_pushes_later() -> None:
    assert delay(after(429, retry_after="120")) == timedelta(seconds=120)


def test_retry_after_never_pulls_earlier() -> None:
    assert delay(after(503, attempts=3, retry_after="5")) == timedelta(seconds=90)
    assert delay(after(503, retry_after="0")) == timedelta(seconds=10)


def test_retry_after_http_date() -> None:
    assert delay(after(503, retry_after="Tue, 07 Jan 2025 11:00:00 GMT")) == timedelta(hours=1)


def test_retry_after_http_date_in_the_past_is_ignored() -> None:
    assert delay(after(503, retry_after="Tue, 07 Jan 2025 09:00:00 GMT")) == timedelta(seconds=10)


def test_retry_after_obsolete_date_form() -> None:
    assert delay(after(503, retry_after="Tuesday, 07-Jan-25 10:30:00 GMT")) == timedelta(minutes=30)


def test_retry_after_is_capped_at_24_hours() -> None:
    """A hostile or broken peer cannot park a delivery for a year; beyond max_delay is fine."""
    assert delay(after(429, retry_after="31536000")) == timedelta(hours=24)
    assert delay(after(429, retry_after="Wed, 07 Jan 2026 10:00:00 GMT")) == timedelta(hours=24)
    assert delay(after(429, retry_after="43200")) == timedelta(hours=12)


@pytest.mark.parametrize("value", ["soon", "-5", "1.5", "", "120 seconds"])
def test_unreadable_retry_after_is_ignored(value: str) -> None:
    assert delay(after(503, retry_after=value)) == timedelta(seconds=10)
    assert retry_after_time(value, NOW) is None


def test_retry_after_does_not_revive_a_permanent_failure() -> None:
    assert isinstance(after(410, retry_after="60"), GiveUp)
    assert isinstance(after(503, attempts=12, retry_after="60"), GiveUp)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"attempts": 0}, "at least 1"), ({"jitter": 1.0}, "jitter"), ({"jitter": -0.1}, "jitter")],
)
def test_arguments_outside_their_domain(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        after(503, **kwargs)  # type: ignore[arg-type]


# -- circuit breaker -------------------------------------------------------------


def test_host_pauses_at_threshold() -> None:
    """DESIGN §6: a host that keeps failing is paused instead of hammered."""
    assert not host_should_pause(4, 5)
    assert host_should_pause(5, 5)
    assert host_should_pause(50, 5)
    assert not host_should_pause(50, 0)  # threshold 0 turns the breaker off


def test_pause_grows_with_failures_and_is_capped() -> None:
    pauses = [pause_until(NOW, n, POLICY) - NOW for n in range(1, 2000)]
    assert pauses[0] == timedelta(seconds=10)
    assert pauses[4] == timedelta(seconds=810)
    assert all(a <= b for a, b in itertools.pairwise(pauses))
    assert pauses[-1] == timedelta(hours=6)  # thousands of failures do not overflow


def test_pause_needs_a_failure() -> None:
    with pytest.raises(ValueError):
        pause_until(NOW, 0, POLICY)
