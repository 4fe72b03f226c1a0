"""The SINet vocabulary: our namespace, the JSON-LD context every document carries, and the terms.

Our own terms live under a fixed namespace IRI that never depends on a node's BASE_URL: peers
must be able to process our documents offline, so the `@context` holds only the two well-known
context URLs (which every Fediverse server bundles) and one inline object that defines every
other term we emit. No URL of ours ever appears in `@context`.

`TERMS` is the single source of truth for the `sinet:` terms: the inline context is built from it
and the web layer renders it as the human-readable vocabulary page.

Exceptions: none (pure data).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Final, Literal

SINET_NS: Final = "https://w3id.org/sinet/ns#"
AS_NS: Final = "https://www.w3.org/ns/activitystreams#"
AS_CONTEXT: Final = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT: Final = "https://w3id.org/security/v1"
# `proof` (FEP-8b32) and `Multikey` (FEP-521a); both contexts are @protected, so they come
# after security/v1, whose looser `proof` they replace.
DATA_INTEGRITY_CONTEXT: Final = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_CONTEXT: Final = "https://w3id.org/security/multikey/v1"
AS_PUBLIC: Final = "https://www.w3.org/ns/activitystreams#Public"

TOOT_NS: Final = "http://joinmastodon.org/ns#"
# Mastodon and Mobilizon both write schema.org as "http://schema.org#"; using the same IRI means
# our PropertyValue/PostalAddress expand to exactly what their documents expand to.
SCHEMA_NS: Final = "http://schema.org#"
MOBILIZON_NS: Final = "https://joinmobilizon.org/ns#"
ICAL_NS: Final = "http://www.w3.org/2002/12/cal/ical#"
SECURITY_NS: Final = "https://w3id.org/security#"

# The values of `sinet:kind`: how our three publications are told apart (never by `type`,
# which must stay a standard one so that Mastodon and Fedify accept the object).
Kind = Literal["practice", "event", "call"]
KIND_PRACTICE: Final = "practice"
KIND_EVENT: Final = "event"
KIND_CALL: Final = "call"
KINDS: Final = (KIND_PRACTICE, KIND_EVENT, KIND_CALL)

# Leadbeater & Wong: improving or complementing an existing service versus reinventing or
# transforming it (the ACSI/UpSocial first standard).
InnovationType = Literal["improve", "complement", "reinvent", "transform"]
INNOVATION_TYPES: Final = ("improve", "complement", "reinvent", "transform")
# ACSI's strength of evidence, weakest first.
EvidenceLevel = Literal["anecdotal", "correlation", "attribution"]
EVIDENCE_LEVELS: Final = ("anecdotal", "correlation", "attribution")
# Mobilizon's joinMode values, plus "external" (registration elsewhere), as FEP-8a8e allows.
JoinMode = Literal["free", "restricted", "invite", "external"]
JOIN_MODES: Final = ("free", "restricted", "invite", "external")
# iCalendar STATUS values for VEVENT (RFC 5545), as Mobilizon sends them in `ical:status`.
EventStatus = Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]
EVENT_STATUSES: Final = ("TENTATIVE", "CONFIRMED", "CANCELLED")
EventType = Literal["training", "webinar", "focus_group", "conference", "workshop"]
EVENT_TYPES: Final = ("training", "webinar", "focus_group", "conference", "workshop")
# The kinds of organisation in the network (every helix), on the organisation's actor.
ORGANISATION_TYPES: Final = (
    "civil_society",
    "municipality",
    "public_authority",
    "business",
    "university",
    "citizens_group",
)


@dataclass(frozen=True)
class Term:
    """One `sinet:` term: its JSON key, IRI, where it is used, what values it takes."""

    name: str
    iri: str
    applies_to: tuple[str, ...]
    range: str
    description: str
    # How the term is declared in the inline context: None for a plain literal, "@id" for a
    # link, or an xsd datatype IRI in compact form.
    json_type: str | None = None
    values: tuple[str, ...] = ()


def _term(
    name: str,
    applies_to: tuple[str, ...],
    range_: str,
    description: str,
    json_type: str | None = None,
    values: tuple[str, ...] = (),
) -> Term:
    return Term(name, SINET_NS + name, applies_to, range_, description, json_type, values)


_PRACTICE = ("Practice (Article)",)
_EVENT = ("Event",)
_CALL = ("VolunteerCall (Page)",)
_ALL = ("Practice (Article)", "Event", "VolunteerCall (Page)")
_ORGANISATION = ("Organisation (Organization actor)",)
_INSTANCE = ("Node (Application actor)",)
_MEMBERSHIP = ("Membership",)

TERMS: Final[tuple[Term, ...]] = (
    _term(
        "kind",
        _ALL,
        "text: practice | event | call",
        "Which SINet publication this object is. Receivers tell our types apart by this "
        "property, never by `type`, which stays a standard ActivityStreams type.",
        values=KINDS,
    ),
    _term(
        "challenge",
        _PRACTICE,
        "text",
        "The social challenge the practice answers, e.g. youth unemployment or social "
        "isolation and loneliness.",
    ),
    _term(
        "targetGroups",
        _PRACTICE,
        "list of text",
        "The people the practice serves, e.g. older people, migrants and refugees.",
    ),
    _term(
        "country",
        _PRACTICE + _ORGANISATION,
        "ISO 3166-1 alpha-2 code",
        "The country where the practice was developed or is run, or where the organisation "
        "is based, e.g. MK, IT, HR, ES.",
    ),
    _term(
        "city",
        _PRACTICE + _ORGANISATION,
        "text",
        "The city or municipality where the practice is run, or where the organisation is based.",
    ),
    _term(
        "innovationType",
        _PRACTICE,
        "text: improve | complement | reinvent | transform",
        "The type of innovation after Leadbeater and Wong: improving or complementing an "
        "existing service, or reinventing or transforming it.",
        values=INNOVATION_TYPES,
    ),
    _term(
        "evidenceLevel",
        _PRACTICE,
        "text: anecdotal | correlation | attribution",
        "The strength of the evidence that the practice works: anecdotal, correlation, or "
        "attribution by an experimental or quasi-experimental study.",
        values=EVIDENCE_LEVELS,
    ),
    _term(
        "toolkit",
        _PRACTICE,
        "list of URLs",
        "Where to find the transfer toolkit that helps another place replicate the practice.",
        json_type="@id",
    ),
    _term(
        "partners",
        _PRACTICE,
        "list of text",
        "The organisations that run or ran the practice together.",
    ),
    _term(
        "organisationType",
        _ORGANISATION,
        "text: " + " | ".join(ORGANISATION_TYPES),
        "What kind of organisation the actor is: a civil-society organisation, a municipality, "
        "another public authority, a business, a university or a citizens' group.",
        values=ORGANISATION_TYPES,
    ),
    _term(
        "eventType",
        _EVENT,
        "text: training | webinar | focus_group | conference | workshop",
        "What sort of event this is.",
        values=EVENT_TYPES,
    ),
    _term(
        "skills",
        _CALL,
        "list of text",
        "The skills the call asks volunteers for.",
    ),
    _term(
        "timeCommitment",
        _CALL,
        "text",
        "How much time a volunteer is expected to give, e.g. 'two evenings a month'.",
    ),
    _term(
        "remote",
        _CALL,
        "boolean",
        "True when volunteers can help from anywhere.",
        json_type="xsd:boolean",
    ),
    _term(
        "closes",
        _CALL,
        "date-time with offset",
        "When the call stops accepting volunteers.",
        json_type="xsd:dateTime",
    ),
    _term(
        "howToRespond",
        _CALL,
        "text",
        "How a volunteer answers the call (an e-mail address, a form, a phone number).",
    ),
    _term(
        "volunteersNeeded",
        _CALL,
        "positive integer",
        "How many volunteers the call is looking for.",
        json_type="xsd:nonNegativeInteger",
    ),
    # The membership protocol (FEDERATION.md, "Joining the network").
    _term(
        "members",
        _INSTANCE,
        "link to an OrderedCollection of Membership statements",
        "The node's member directory: every member's own signed statement.",
        json_type="@id",
    ),
    _term(
        "membershipProtocol",
        _INSTANCE,
        "text: a version such as 0.1",
        "The version of the SINet membership protocol the node speaks; it is what makes a "
        "server a SINet node, whatever its software.",
    ),
    _term(
        "node",
        _MEMBERSHIP,
        "link: the member's origin",
        "The node a membership statement describes.",
        json_type="@id",
    ),
    _term(
        "organisation",
        _MEMBERSHIP,
        "link: the member's organisation actor",
        "The organisation the member node speaks for; members follow it.",
        json_type="@id",
    ),
    _term(
        "membershipState",
        _MEMBERSHIP,
        "text: active | left",
        "Whether the member is in the network or has left it.",
        values=("active", "left"),
    ),
)

# Terms borrowed from other vocabularies that we emit and that the two standard contexts do
# not define. Mastodon and Mobilizon read these keys as plain JSON; the definitions make the
# same keys expand correctly for JSON-LD processors.
_BORROWED: Final[dict[str, Any]] = {
    # Defined by the DID and CID contexts, which we do not otherwise need (FEP-521a).
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    },
    "toot": TOOT_NS,
    "schema": SCHEMA_NS,
    "mz": MOBILIZON_NS,
    "ical": ICAL_NS,
    "discoverable": "toot:discoverable",
    "featured": {"@id": "toot:featured", "@type": "@id"},
    "Hashtag": "as:Hashtag",
    "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
    "PropertyValue": "schema:PropertyValue",
    "value": "schema:value",
    "joinMode": "mz:joinMode",
    "timezone": "mz:timezone",
    "maximumAttendeeCapacity": "schema:maximumAttendeeCapacity",
    "PostalAddress": "schema:PostalAddress",
    "address": {"@id": "schema:address"},
    "streetAddress": "schema:streetAddress",
    "addressLocality": "schema:addressLocality",
    "addressRegion": "schema:addressRegion",
    "postalCode": "schema:postalCode",
    "addressCountry": "schema:addressCountry",
    "VirtualLocation": "schema:VirtualLocation",
}


def _inline_context() -> dict[str, Any]:
    inline: dict[str, Any] = {"sinet": SINET_NS, "Membership": "sinet:Membership"}
    inline.update(copy.deepcopy(_BORROWED))
    for term in TERMS:
        compact = "sinet:" + term.name
        inline[term.name] = {"@id": compact, "@type": term.json_type} if term.json_type else compact
    return inline


def document_context() -> list[Any]:
    """The `@context` of every document we publish (a fresh copy, safe to mutate)."""
    return [
        AS_CONTEXT,
        SECURITY_CONTEXT,
        DATA_INTEGRITY_CONTEXT,
        MULTIKEY_CONTEXT,
        _inline_context(),
    ]
