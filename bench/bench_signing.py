"""How much CPU one HTTP signature costs: signing a delivery POST and verifying one.

Run: ``.venv/bin/python bench/bench_signing.py`` (about 15 s). Each operation runs
in batches; the table shows the median CPU time per operation over the batches
(``time.process_time``, so other processes competing for the cores do not count),
the median wall time, how many operations one core does per second (from the CPU
figure), and the ratio to a bare RSA-2048 sign.

Errors: none; an operation that fails (a bad signature) raises and ends the run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
from benchkit import BATCHES, per_op, print_context, print_table, sample_create_body
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from sinet_node.federation.keys import generate_rsa_key
from sinet_node.federation.signatures import IncomingRequest, check_request, verify_request
from sinet_node.federation.signing import HttpSignatureAuth, sign_request_headers

INBOX = "https://peer.bench.invalid/users/alice/inbox"
KEY_ID = "https://node.bench.invalid/users/bench#main-key"
WINDOW = timedelta(hours=1)


def main() -> None:
    key = generate_rsa_key()
    public = key.public_key()
    body = sample_create_body()
    now = datetime.now(UTC)
    clock = lambda: now  # noqa: E731 (a fixed clock keeps every run signing the same bytes)
    headers = sign_request_headers(
        method="POST", url=INBOX, body=body, key_id=KEY_ID, private_key=key, now=now
    )
    incoming = IncomingRequest("POST", "/users/alice/inbox", headers, body)
    string = b"(request-target): post /users/alice/inbox\nhost: peer.bench.invalid\n" + (
        b"date: " + headers["Date"].encode() + b"\ndigest: " + headers["Digest"].encode()
    )
    raw_signature = key.sign(string, padding.PKCS1v15(), hashes.SHA256())
    auth = HttpSignatureAuth(KEY_ID, key, clock)

    def sign_headers() -> object:
        return sign_request_headers(
            method="POST", url=INBOX, body=body, key_id=KEY_ID, private_key=key, now=now
        )

    def sign_with_auth() -> object:
        request = httpx.Request("POST", INBOX, content=body)
        return next(auth.auth_flow(request))

    def verify() -> object:
        params = check_request(incoming, now=now, window=WINDOW)
        verify_request(params, incoming, public, origin="https://peer.bench.invalid")
        return params

    operations: list[tuple[str, Callable[[], object], int]] = [
        (
            "RSA-2048 sign (bare)",
            lambda: key.sign(string, padding.PKCS1v15(), hashes.SHA256()),
            300,
        ),
        ("sign_request_headers POST", sign_headers, 300),
        ("HttpSignatureAuth on a Request", sign_with_auth, 300),
        (
            "RSA-2048 verify (bare)",
            lambda: public.verify(raw_signature, string, padding.PKCS1v15(), hashes.SHA256()),
            3000,
        ),
        ("check_request + verify_request", verify, 3000),
    ]
    results = {name: per_op(op, ops) for name, op, ops in operations}
    base = statistics.median(results["RSA-2048 sign (bare)"][0])
    rows = []
    for name, (cpu, wall) in results.items():
        median = statistics.median(cpu)
        rows.append(
            [
                name,
                f"{median * 1e6:,.1f}",
                f"{statistics.median(wall) * 1e6:,.1f}",
                f"{1 / median:,.0f}",
                f"{median / base:.2f}",
            ]
        )
    print_table(
        f"HTTP signatures, {len(body):,}-byte Create body, median of {BATCHES} batches",
        ["operation", "CPU us/op", "wall us/op", "ops/s one core", "x bare sign"],
        rows,
    )
    signing = statistics.median(results["HttpSignatureAuth on a Request"][0])
    print(
        f"\nOne core signs about {1 / signing:,.0f} deliveries/s "
        f"({signing * 1e3:.2f} ms each, as delivery does it through HttpSignatureAuth)."
    )
    print_context("cryptography")


if __name__ == "__main__":
    main()
