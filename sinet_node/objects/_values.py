"""Encoding and decoding of the small value objects: images, tags, fields, keys, places.

A value that is well-formed but of a kind we do not model (a Mention among the tags, a video
among the attachments) is skipped: the decoders return None for it. A value of the wrong JSON
type raises CodecError.

Exceptions: CodecError (from .errors).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._fields import Fields, describe, type_names
from .actor import Multikey, PublicKey
from .common import Hashtag, Image, PropertyValue, Source
from .errors import CodecError
from .publication import Location, Place, PostalAddress, VirtualLocation


def compact(pairs: dict[str, Any]) -> dict[str, Any]:
    """Drop absent values (None, empty lists and maps) so documents stay small and stable."""
    return {
        key: value
        for key, value in pairs.items()
        if value is not None and value != [] and value != {}
    }


def _fields_of(value: Any, where: str) -> Fields | None:
    if isinstance(value, Mapping):
        return Fields(value, where)
    if isinstance(value, str):
        return None
    raise CodecError(f"{where}: expected an object, got {describe(value)}")


def _types(fields: Fields) -> tuple[str, ...]:
    value = fields.raw("type")
    return () if value is None else type_names(value, fields.where)


# Images ------------------------------------------------------------------------------------


def encode_image(image: Image) -> dict[str, Any]:
    return compact(
        {
            "type": "Image",
            "mediaType": image.media_type,
            "url": image.url,
            "name": image.name,
            "width": image.width,
            "height": image.height,
        }
    )


def decode_image(value: Any, where: str) -> Image | None:
    """An Image, or a Document with an image media type (Mastodon); a bare URL string too."""
    if isinstance(value, str):
        return Image(url=value) if value else None
    fields = _fields_of(value, where)
    if fields is None:
        return None
    types = _types(fields)
    media_type = fields.text("mediaType")
    is_image = "Image" in types or ("Document" in types and (media_type or "").startswith("image/"))
    if types and not is_image:
        return None
    url = fields.link("url") or fields.link("href")
    if url is None:
        return None
    return Image(
        url=url,
        media_type=media_type,
        name=fields.text("name"),
        width=fields.integer("width"),
        height=fields.integer("height"),
    )


def decode_images(items: list[Any], where: str) -> tuple[Image, ...]:
    images = (decode_image(item, f"{where}[{index}]") for index, item in enumerate(items))
    return tuple(image for image in images if image is not None)


# Tags, profile fields, source, key ------------------------------------------------------


def encode_hashtag(tag: Hashtag) -> dict[str, Any]:
    return compact({"type": "Hashtag", "href": tag.href, "name": tag.name})


def decode_hashtags(items: list[Any], where: str) -> tuple[Hashtag, ...]:
    tags = []
    for index, item in enumerate(items):
        fields = _fields_of(item, f"{where}[{index}]")
        if fields is None or "Hashtag" not in _types(fields):
            continue
        name = fields.text("name")
        if name:
            tags.append(Hashtag(name=name, href=fields.link("href")))
    return tuple(tags)


def encode_property_value(prop: PropertyValue) -> dict[str, Any]:
    return {"type": "PropertyValue", "name": prop.name, "value": prop.value}


def decode_property_values(items: list[Any], where: str) -> tuple[PropertyValue, ...]:
    props = []
    for index, item in enumerate(items):
        fields = _fields_of(item, f"{where}[{index}]")
        if fields is None or "PropertyValue" not in _types(fields):
            continue
        name, text = fields.text("name"), fields.text("value")
        if name is not None and text is not None:
            props.append(PropertyValue(name=name, value=text))
    return tuple(props)


def encode_source(source: Source) -> dict[str, Any]:
    return {"content": source.content, "mediaType": source.media_type}


def decode_source(value: Any, where: str) -> Source | None:
    if value is None:
        return None
    fields = _fields_of(value, where)
    if fields is None:
        return None
    content = fields.text("content")
    if content is None:
        return None
    return Source(content=content, media_type=fields.text("mediaType") or "text/plain")


def encode_public_key(key: PublicKey) -> dict[str, Any]:
    return {"id": key.id, "owner": key.owner, "publicKeyPem": key.pem}


def encode_public_keys(current: PublicKey, retired: tuple[PublicKey, ...]) -> Any:
    """One key as Mastodon expects it; a list, current first, while older keys are kept."""
    if not retired:
        return encode_public_key(current)
    return [encode_public_key(key) for key in (current, *retired)]


def decode_public_keys(value: Any, where: str, actor_id: str) -> list[PublicKey]:
    """Every key with an id and a PEM (some actors list several; a bare id string gives
    none), in the order published."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    keys: list[PublicKey] = []
    for index, item in enumerate(items):
        fields = _fields_of(item, f"{where}[{index}]" if isinstance(value, list) else where)
        if fields is None:
            continue
        key_id, pem = fields.link("id"), fields.text("publicKeyPem")
        if key_id and pem:
            keys.append(PublicKey(id=key_id, owner=fields.link("owner") or actor_id, pem=pem))
    return keys


def encode_multikey(key: Multikey) -> dict[str, Any]:
    return {
        "id": key.id,
        "type": "Multikey",
        "controller": key.controller,
        "publicKeyMultibase": key.public_key_multibase,
    }


def decode_multikeys(value: Any, where: str, actor_id: str) -> list[Multikey]:
    """The Multikeys of `assertionMethod` that the actor itself controls; references by
    bare id and other key types are skipped (they cannot be used without another fetch)."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    keys: list[Multikey] = []
    for index, item in enumerate(items):
        fields = _fields_of(item, f"{where}[{index}]" if isinstance(value, list) else where)
        kinds = item.get("type") if isinstance(item, Mapping) else None
        if fields is None or "Multikey" not in (kinds if isinstance(kinds, list) else [kinds]):
            continue
        key_id, multibase = fields.link("id"), fields.text("publicKeyMultibase")
        controller = fields.link("controller")
        if key_id and multibase and controller == actor_id:
            keys.append(Multikey(id=key_id, controller=controller, public_key_multibase=multibase))
    return keys


# Places -------------------------------------------------------------------------------------


def encode_location(location: Location) -> dict[str, Any]:
    if isinstance(location, VirtualLocation):
        return {"type": "VirtualLocation", "url": location.url}
    address: Any = location.address
    if isinstance(address, PostalAddress):
        address = compact(
            {
                "type": "PostalAddress",
                "streetAddress": address.street_address,
                "addressLocality": address.locality,
                "addressRegion": address.region,
                "postalCode": address.postal_code,
                "addressCountry": address.country,
            }
        )
    return compact(
        {
            "id": location.id,
            "type": "Place",
            "name": location.name,
            "address": address,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )


def _decode_address(value: Any, where: str) -> PostalAddress | str | None:
    if value is None or isinstance(value, str):
        return value
    fields = _fields_of(value, where)
    if fields is None:
        return None
    return PostalAddress(
        street_address=fields.text("streetAddress"),
        locality=fields.text("addressLocality"),
        region=fields.text("addressRegion"),
        postal_code=fields.text("postalCode"),
        country=fields.text("addressCountry"),
    )


def decode_location(value: Any, where: str) -> Location | None:
    """A Place or VirtualLocation; a bare string is a link when it is a URL, else a name."""
    if isinstance(value, str):
        if value.startswith(("https://", "http://")):
            return VirtualLocation(url=value)
        return Place(name=value)
    fields = _fields_of(value, where)
    if fields is None:
        return None
    types = _types(fields)
    if "VirtualLocation" in types or ("Link" in types and fields.has("href")):
        url = fields.link("url") or fields.link("href")
        return VirtualLocation(url=url) if url else None
    if "Place" not in types:
        return None
    return Place(
        id=fields.link("id"),
        name=fields.text("name") or "",
        address=_decode_address(fields.raw("address"), fields.path("address")),
        latitude=fields.number("latitude"),
        longitude=fields.number("longitude"),
    )


def decode_locations(items: list[Any], where: str) -> tuple[Location, ...]:
    locations = (decode_location(item, f"{where}[{index}]") for index, item in enumerate(items))
    return tuple(location for location in locations if location is not None)
