"""What an object proof (FEP-8b32, eddsa-jcs-2022) costs: making one on a Create(Practice)
as the node queues or serves it, and checking one, beside an HTTP signature for scale.

Run: ``.venv/bin/python bench/bench_proofs.py`` (about 10 s). Median CPU time per
operation over batches (``time.process_time``), wall time, operations per second on one
core, and the ratio to one RSA-2048 HTTP signature of the same Create.

Errors: none; a proof that does not verify raises and ends the run.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from datetime import UTC, datetime

import rfc8785
from benchkit import BATCHES, per_op, print_context, print_table, sample_create_body

from sinet_node.federation.keys import generate_rsa_key
from sinet_node.federation.multikey import generate_ed25519_key
from sinet_node.federation.proofs import sign_document, verify_document
from sinet_node.federation.signing import sign_request_headers

KEY_ID = "https://node.bench.invalid/users/bench#ed25519-key"
INBOX = "https://peer.bench.invalid/users/alice/inbox"


def main() -> None:
    body = sample_create_body()
    create = json.loads(body)
    key, rsa_key = generate_ed25519_key(), generate_rsa_key()
    now = datetime.now(UTC)

    def sign_create() -> dict[str, object]:
        # As the node queues it: the embedded practice proven first, then the Create.
        practice = sign_document(create["object"], key_id=KEY_ID, private_key=key, now=now)
        return sign_document(
            {**create, "object": practice}, key_id=KEY_ID, private_key=key, now=now
        )

    signed = sign_create()
    public = key.public_key()

    operations: list[tuple[str, Callable[[], object], int]] = [
        ("JCS of the Create (rfc8785)", lambda: rfc8785.dumps(create), 300),
        ("Ed25519 sign (bare, 64 bytes)", lambda: key.sign(b"x" * 64), 3000),
        ("proof on the Create (object + activity)", sign_create, 300),
        ("verify the Create's proof", lambda: verify_document(signed, public), 300),
        (
            "RSA-2048 HTTP signature of the Create",
            lambda: sign_request_headers(
                method="POST", url=INBOX, body=body, key_id=KEY_ID, private_key=rsa_key, now=now
            ),
            300,
        ),
    ]
    results = {name: per_op(op, ops) for name, op, ops in operations}
    base = statistics.median(results["RSA-2048 HTTP signature of the Create"][0])
    rows = [
        [
            name,
            f"{statistics.median(cpu) * 1e6:,.1f}",
            f"{statistics.median(wall) * 1e6:,.1f}",
            f"{1 / statistics.median(cpu):,.0f}",
            f"{statistics.median(cpu) / base:.2f}",
        ]
        for name, (cpu, wall) in results.items()
    ]
    print_table(
        f"Object proofs, {len(body):,}-byte Create(Practice), median of {BATCHES} batches",
        ["operation", "CPU us/op", "wall us/op", "ops/s one core", "x RSA HTTP sig"],
        rows,
    )
    print_context("cryptography", "rfc8785")


if __name__ == "__main__":
    main()
