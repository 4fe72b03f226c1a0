"""TLS for the interop suite: a throwaway CA made with openssl, and a TLS terminator.

Real peers resolve ``user@host`` over https only, so the acct: tests put the node (and the
Fedify peer) behind a terminator with a certificate from this CA. The terminator forwards
bytes unchanged, as a TLS offloader in front of a real node does: the node sees plain HTTP
on loopback and must build every URL and signature component from its BASE_URL.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.interop.services import Service

TERMINATOR = Path(__file__).resolve().parent / "peers" / "tls_terminator.py"


@dataclass(frozen=True)
class ThrowawayCA:
    ca_file: Path
    cert_file: Path
    key_file: Path


def make_ca(directory: Path, ip: str = "127.0.0.1") -> ThrowawayCA:
    """A CA and one server certificate for ``ip`` (and localhost), valid for a day."""
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_file = directory / "ca.key", directory / "ca.pem"
    key_file, csr, cert_file = (
        directory / "server.key",
        directory / "server.csr",
        directory / "server.pem",
    )
    extensions = directory / "server.ext"
    extensions.write_text(
        f"subjectAltName=IP:{ip},DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
    )
    new_key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    for command in (
        ["req", "-x509", *new_key, "-keyout", ca_key, "-out", ca_file, "-days", "1",
         "-subj", "/CN=SINet interop test CA"],
        ["req", *new_key, "-keyout", key_file, "-out", csr, "-subj", f"/CN={ip}"],
        ["x509", "-req", "-in", csr, "-CA", ca_file, "-CAkey", ca_key, "-CAcreateserial",
         "-out", cert_file, "-days", "1", "-extfile", extensions],
    ):  # fmt: skip
        subprocess.run(["openssl", *map(str, command)], check=True, capture_output=True)
    return ThrowawayCA(ca_file, cert_file, key_file)


def tls_terminator(
    ca: ThrowawayCA, *, listen_port: int, upstream_port: int, logs: Path, name: str
) -> Service:
    """TLS on 127.0.0.1:listen_port, plain TCP to 127.0.0.1:upstream_port."""
    return Service(
        name,
        [
            sys.executable,
            str(TERMINATOR),
            str(ca.cert_file),
            str(ca.key_file),
            str(listen_port),
            str(upstream_port),
        ],
        port=listen_port,
        logs=logs,
    )
