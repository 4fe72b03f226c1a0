# Macedonian sample text is Cyrillic on purpose.
# ruff: noqa: RUF001
"""Sample objects for the codec tests: a node of the Municipality of Ohrid and what it publishes.

The golden JSON files in tests/fixtures/objects/ are exactly `to_document()` of these objects.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sinet_node.objects import (
    AS_PUBLIC,
    Activity,
    Actor,
    Event,
    Hashtag,
    Image,
    Place,
    PostalAddress,
    Practice,
    PropertyValue,
    PublicKey,
    Source,
    VirtualLocation,
    VolunteerCall,
)

BASE = "https://sinet.ohrid.example"
ACTOR_ID = f"{BASE}/users/ohrid"
FOLLOWERS = f"{ACTOR_ID}/followers"
SKOPJE = ZoneInfo("Europe/Skopje")
PEM = (
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu3vX0yq8s1cJjHhL7qk1\n"
    "c2VjcmV0LW5vdC1yZWFsbHktYS1rZXktanVzdC1hLWZpeHR1cmUtZm9yLXRlc3Rz\n"
    "-----END PUBLIC KEY-----\n"
)

ACTOR = Actor(
    id=ACTOR_ID,
    type="Organization",
    preferred_username="ohrid",
    name="Municipality of Ohrid",
    summary="<p>Social innovation in the Municipality of Ohrid, North Macedonia.</p>",
    inbox=f"{ACTOR_ID}/inbox",
    outbox=f"{ACTOR_ID}/outbox",
    followers=FOLLOWERS,
    following=f"{ACTOR_ID}/following",
    featured=f"{ACTOR_ID}/featured",
    shared_inbox=f"{BASE}/inbox",
    url=f"{BASE}/@ohrid",
    icon=Image(url=f"{BASE}/media/logo.png", media_type="image/png"),
    image=Image(url=f"{BASE}/media/header.jpg", media_type="image/jpeg"),
    manually_approves_followers=False,
    discoverable=True,
    public_key=PublicKey(id=f"{ACTOR_ID}#main-key", owner=ACTOR_ID, pem=PEM),
    attachments=(
        PropertyValue(
            name="Website",
            value='<a href="https://ohrid.example" rel="nofollow noopener noreferrer">'
            "ohrid.example</a>",
        ),
        PropertyValue(name="Country", value="MK"),
    ),
    published=datetime(2026, 9, 1, 8, 0, tzinfo=UTC),
)

PRACTICE = Practice(
    id=f"{BASE}/objects/0192f3a1-practice",
    url=f"{BASE}/practices/jongerenloket",
    attributed_to=ACTOR_ID,
    name="Jongerenloket: one desk for young people out of work",
    summary="One desk where young people find work, training and benefits together.\n\n"
    "Challenge: youth unemployment\nWhere: Rotterdam, NL",
    content="<p>The <strong>Jongerenloket</strong> brings the services a young person needs "
    "under one roof.</p>",
    source=Source(
        content="The **Jongerenloket** brings the services a young person needs under one roof."
    ),
    language="en",
    name_map={"mk": "Јонгеренлокет: еден шалтер за младите без работа"},
    content_map={"mk": "<p>Еден шалтер за сите услуги.</p>"},
    tags=(Hashtag(name="#YouthUnemployment", href=f"{BASE}/tags/YouthUnemployment"),),
    attachments=(
        Image(url=f"{BASE}/media/jongerenloket.jpg", media_type="image/jpeg", name="The desk"),
    ),
    to=(AS_PUBLIC,),
    cc=(FOLLOWERS,),
    published=datetime(2027, 1, 15, 9, 30, tzinfo=UTC),
    updated=datetime(2027, 2, 1, 10, 0, tzinfo=UTC),
    challenge="youth unemployment",
    target_groups=("young people", "unemployed people"),
    country="NL",
    city="Rotterdam",
    innovation_type="reinvent",
    evidence_level="correlation",
    toolkit_urls=("https://toolkits.example.org/jongerenloket",),
    partners=("Gemeente Rotterdam", "UWV"),
)

EVENT = Event(
    id=f"{BASE}/objects/0192f3a2-event",
    url=f"{BASE}/events/co-learning-loneliness",
    attributed_to=ACTOR_ID,
    name="Co-learning workshop: what works against loneliness",
    summary="Two hours on practices against social isolation in small towns.\n\n"
    "When: 2027-04-30 16:00\u201318:00 (Europe/Skopje)\n"
    "Where: Youth Centre, Ulica Makedonska 5, 6000 Ohrid, MK, and online "
    "(https://meet.example.org/loneliness)\nJoin: registration needed, confirmed by the "
    "organiser; 25 places",
    content="<p>Cases from Aarhus, Arendal and Ohrid.</p>",
    source=Source(content="Cases from Aarhus, Arendal and Ohrid."),
    language="en",
    tags=(Hashtag(name="#Loneliness", href=f"{BASE}/tags/Loneliness"),),
    to=(AS_PUBLIC,),
    cc=(FOLLOWERS,),
    published=datetime(2027, 3, 1, 12, 0, tzinfo=UTC),
    start_time=datetime(2027, 4, 30, 16, 0, tzinfo=SKOPJE),
    end_time=datetime(2027, 4, 30, 18, 0, tzinfo=SKOPJE),
    timezone="Europe/Skopje",
    location=(
        Place(
            name="Youth Centre",
            address=PostalAddress(
                street_address="Ulica Makedonska 5",
                locality="Ohrid",
                postal_code="6000",
                country="MK",
            ),
            latitude=41.1172,
            longitude=20.8016,
        ),
        VirtualLocation(url="https://meet.example.org/loneliness"),
    ),
    join_mode="restricted",
    capacity=25,
    status="CONFIRMED",
    event_type="workshop",
)

CALL = VolunteerCall(
    id=f"{BASE}/objects/0192f3a3-call",
    url=f"{BASE}/calls/befriending",
    attributed_to=ACTOR_ID,
    name="Се бараат волонтери: дружење со постари лица",
    summary="Посетете постар сосед еднаш неделно.\n\nSkills: слушање, македонски јазик\n"
    "Where: Охрид\nUntil: 2027-05-31",
    content="<p>Ве поврзуваме со постара личност која живее сама.</p>",
    source=Source(content="Ве поврзуваме со постара личност која живее сама."),
    language="mk",
    name_map={"en": "Volunteers wanted: befriending older people"},
    summary_map={"en": "Visit an older neighbour once a week."},
    content_map={"en": "<p>We match you with an older person who lives alone.</p>"},
    tags=(Hashtag(name="#Volunteering", href=f"{BASE}/tags/Volunteering"),),
    to=(AS_PUBLIC,),
    cc=(FOLLOWERS,),
    published=datetime(2027, 4, 1, 7, 15, tzinfo=UTC),
    skills=("слушање", "македонски јазик"),
    time_commitment="едно попладне неделно",
    location=(Place(name="Охрид", address="Охрид, Северна Македонија"),),
    remote=False,
    closes=datetime(2027, 5, 31, 23, 59, 59, tzinfo=SKOPJE),
    how_to_respond="Пишете на volunteers@ohrid.example",
    volunteers_needed=12,
)

CREATE = Activity(
    id=f"{BASE}/activities/0192f3a4-create",
    type="Create",
    actor=ACTOR_ID,
    object=EVENT,
    to=(AS_PUBLIC,),
    cc=(FOLLOWERS,),
    published=datetime(2027, 3, 1, 12, 0, tzinfo=UTC),
)

GOLDEN = {
    "practice": PRACTICE,
    "event": EVENT,
    "call": CALL,
    "actor": ACTOR,
    "create": CREATE,
}
