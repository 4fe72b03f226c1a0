"""An RFC 9421 signer for tests, written independently of the node's verifier.

It signs the way Fedify's first knock does (label ``sig1``, ``rsa-v1_5-sha256``, components
``@method @target-uri @authority host date content-digest``) and builds the signature base by
hand from RFC 9421 §2.5, so a test that passes proves the node's verifier agrees with the RFC,
not with itself.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

FEDIFY_COMPONENTS = ("@method", "@target-uri", "@authority", "host", "date", "content-digest")


def rfc9421_headers(
    method: str,
    url: str,
    body: bytes,
    *,
    key_id: str,
    key: rsa.RSAPrivateKey,
    now: datetime,
    components: tuple[str, ...] = FEDIFY_COMPONENTS,
    signed_url: str | None = None,
) -> dict[str, str]:
    """Headers for a request to ``url``; ``signed_url`` signs another URL (a forgery test)."""
    target = urlsplit(signed_url or url)
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    headers = {
        "Host": target.netloc,
        "Date": format_datetime(now, usegmt=True),
        "Content-Digest": f"sha-256=:{digest}:",
        "Content-Type": "application/activity+json",
    }
    values = {
        "@method": method.upper(),
        "@target-uri": signed_url or url,
        "@authority": target.netloc,
        **{name.lower(): value for name, value in headers.items()},
    }
    inner = "(" + " ".join(f'"{name}"' for name in components) + ")"
    params = f'{inner};alg="rsa-v1_5-sha256";keyid="{key_id}";created={int(now.timestamp())}'
    base = "\n".join(
        [*(f'"{name}": {values[name]}' for name in components), f'"@signature-params": {params}']
    )
    signature = key.sign(base.encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["Host"] = urlsplit(url).netloc
    headers["Signature-Input"] = f"sig1={params}"
    headers["Signature"] = f"sig1=:{base64.b64encode(signature).decode()}:"
    return headers
