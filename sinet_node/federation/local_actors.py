"""Our two actors as vocabulary objects: the organisation and the node's instance actor."""

from __future__ import annotations

from html import escape
from typing import Any

from sinet_node.config import Settings
from sinet_node.federation.discovery import MEMBERSHIP_PROTOCOL_VERSION
from sinet_node.federation.local_keys import ActorKeys
from sinet_node.federation.media import media_type_of
from sinet_node.federation.urls import INSTANCE_USERNAME, Urls
from sinet_node.objects.actor import Actor, Multikey, PublicKey
from sinet_node.objects.common import Image, PropertyValue
from sinet_node.storage.keys import ED25519, RSA


def _image(url: str, alt: str | None) -> Image | None:
    if not url:
        return None
    return Image(url=url, media_type=media_type_of(url), name=alt)


def _key_fields(keys: ActorKeys, actor_id: str) -> dict[str, Any]:
    """publicKey (current RSA first, then retired ones in their grace period) and
    assertionMethod (every published Ed25519 key, FEP-521a)."""
    rsa_keys = [
        PublicKey(id=key.key_id, owner=actor_id, pem=key.public)
        for key in keys.published
        if key.algorithm == RSA
    ]
    return {
        "public_key": rsa_keys[0],
        "retired_public_keys": tuple(rsa_keys[1:]),
        "assertion_methods": tuple(
            Multikey(id=key.key_id, controller=actor_id, public_key_multibase=key.public)
            for key in keys.published
            if key.algorithm == ED25519
        ),
    }


def organisation_actor(settings: Settings, urls: Urls, keys: ActorKeys) -> Actor:
    fields = [
        PropertyValue(name=escape(name), value=escape(value))
        for name, value in settings.profile_fields
    ]
    fields.append(
        PropertyValue(
            name="SINet node",
            value=f'<a href="{escape(urls.base)}/" rel="me">{escape(urls.host)}</a>',
        )
    )
    return Actor(
        id=urls.actor,
        type="Organization",
        preferred_username=settings.username,
        name=settings.name,
        summary=f"<p>{escape(settings.summary)}</p>" if settings.summary else None,
        inbox=urls.inbox,
        outbox=urls.outbox,
        followers=urls.followers,
        following=urls.following,
        featured=urls.featured,
        shared_inbox=urls.shared_inbox,
        url=urls.profile,
        manually_approves_followers=settings.manually_approves_followers,
        discoverable=True,
        attachments=tuple(fields[:4]),
        icon=_image(settings.icon_url, f"Logo of {settings.name}"),
        image=_image(settings.image_url, None),
        extra=_profile_terms(settings),
        **_key_fields(keys, urls.actor),
    )


def _profile_terms(settings: Settings) -> dict[str, str]:
    """Kind, country and city as `sinet:` terms: peers file our publications under them."""
    terms = {
        "organisationType": settings.organisation_kind,
        "country": settings.country,
        "city": settings.city,
    }
    return {key: value for key, value in terms.items() if value}


def instance_actor(settings: Settings, urls: Urls, keys: ActorKeys) -> Actor:
    return Actor(
        id=urls.instance_actor,
        type="Application",
        preferred_username=INSTANCE_USERNAME,
        name=f"{settings.name} (SINet node)",
        summary="<p>The SINet node itself: it signs fetches and speaks for the node.</p>",
        inbox=urls.instance_inbox,
        outbox=urls.instance_outbox,
        shared_inbox=urls.shared_inbox,
        url=urls.base + "/",
        manually_approves_followers=False,
        discoverable=False,
        # What makes it a SINet node (FEDERATION.md, "Joining the network").
        extra={"members": urls.members, "membershipProtocol": MEMBERSHIP_PROTOCOL_VERSION},
        **_key_fields(keys, urls.instance_actor),
    )
