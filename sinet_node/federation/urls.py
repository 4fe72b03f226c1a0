"""Every URL the node publishes, built from BASE_URL alone (pure).

Behind a TLS terminator the request the node sees may be plain HTTP on another
host name; ids, signatures and links never come from the request, only from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

INSTANCE_USERNAME = "instance.actor"
KIND_PATHS = {"practice": "practices", "event": "events", "call": "calls"}
AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@dataclass(frozen=True)
class Urls:
    base: str
    username: str

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    @property
    def origin(self) -> str:
        """scheme://host[:port]: what peers sign as our authority and target URI."""
        parts = urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"

    # The organisation
    @property
    def actor(self) -> str:
        return f"{self.base}/users/{self.username}"

    @property
    def profile(self) -> str:
        return f"{self.base}/@{self.username}"

    @property
    def inbox(self) -> str:
        return f"{self.actor}/inbox"

    @property
    def outbox(self) -> str:
        return f"{self.actor}/outbox"

    @property
    def followers(self) -> str:
        return f"{self.actor}/followers"

    @property
    def following(self) -> str:
        return f"{self.actor}/following"

    @property
    def featured(self) -> str:
        return f"{self.actor}/featured"

    # The node itself
    @property
    def instance_actor(self) -> str:
        return f"{self.base}/actor"

    @property
    def instance_inbox(self) -> str:
        return f"{self.instance_actor}/inbox"

    @property
    def instance_outbox(self) -> str:
        return f"{self.instance_actor}/outbox"

    @property
    def members(self) -> str:
        """The member directory (the SINet membership protocol)."""
        return f"{self.instance_actor}/members"

    @property
    def membership(self) -> str:
        """Our own membership statement."""
        return f"{self.instance_actor}/membership"

    def key_id(self, actor: str, algorithm: str, generation: str = "") -> str:
        """`{actor}#main-key` (RSA, the name Mastodon uses) or `{actor}#ed25519-key`; keys
        made by a rotation carry their generation after the name."""
        name = "main-key" if algorithm == "rsa" else f"{algorithm}-key"
        return f"{actor}#{name}-{generation}" if generation else f"{actor}#{name}"

    @property
    def shared_inbox(self) -> str:
        return f"{self.base}/inbox"

    @property
    def vocabulary(self) -> str:
        return f"{self.base}/ns"

    @property
    def nodeinfo(self) -> str:
        return f"{self.base}/nodeinfo/2.1"

    def object(self, kind: str, token: str) -> str:
        return f"{self.base}/{KIND_PATHS[kind]}/{token}"

    def activity(self, token: str) -> str:
        return f"{self.base}/activities/{token}"

    def hashtag(self, tag: str) -> str:
        return f"{self.base}/tags/{quote(tag.lower(), safe='')}"

    def media(self, name: str) -> str:
        return f"{self.base}/media/{name}"

    def is_local(self, uri: str) -> bool:
        parts = urlsplit(uri)
        return f"{parts.scheme}://{parts.netloc}" == self.base


def host_of(uri: str) -> str:
    """host[:port] of a URI, lower-cased; '' when it has none."""
    return urlsplit(uri).netloc.lower()
