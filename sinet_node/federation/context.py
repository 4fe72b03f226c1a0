"""The running node as the federation code sees it: settings, URLs, database sessions,
the one HTTP client, the clock and the signing keys. Built only by ``sinet_node.node``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from sinet_node.config import Settings
from sinet_node.federation.local_keys import KeyRing, ProofKey, SigningKey
from sinet_node.federation.signing import HttpSignatureAuth
from sinet_node.federation.urls import Urls
from sinet_node.storage import keys as key_store

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Node:
    settings: Settings
    urls: Urls
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    clock: Clock
    keys: KeyRing

    @property
    def organisation_key(self) -> SigningKey:
        return self.keys.of(key_store.ORGANISATION).http

    def key_for(self, signer: str) -> SigningKey:
        return self.keys.of(signer).http

    def proof_key_for(self, signer: str) -> ProofKey:
        return self.keys.of(signer).proof

    async def refresh_keys(self) -> bool:
        """Pick up keys rotated by another process (the worker calls this every pass)."""
        return await self.keys.refresh(self.sessions, self.clock())

    def auth(self, signer: str = key_store.INSTANCE) -> HttpSignatureAuth:
        key = self.key_for(signer)
        return HttpSignatureAuth(key.key_id, key.private_key, self.clock)

    def actor_for(self, signer: str) -> str:
        return self.urls.instance_actor if signer == key_store.INSTANCE else self.urls.actor
