"""The Mastodon timeline preview reads the document we send the way Mastodon reads an Article,
Event or Page: name, summary paragraphs, the url, the images, the hashtags; never `content`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sinet_node.objects.codec import to_document
from sinet_node.objects.common import Image
from sinet_node.publishing import build_publication, parse_publication_input
from sinet_node.web.timeline_preview import link_text, linked, timeline_post

from .publishing_samples import CALL_INPUT, PRACTICE_INPUT


def document(kind: str, data: dict[str, Any], image: Image | None = None) -> dict[str, Any]:
    draft = parse_publication_input(
        kind, data, default_language="en", default_timezone="Europe/Skopje"
    )
    publication = build_publication(
        draft,
        object_id="https://node.example/calls/Zx81kq0w",
        html_url="https://node.example/calls/Zx81kq0w",
        actor_id="https://node.example/users/ohrid",
        followers_url="https://node.example/users/ohrid/followers",
        published=datetime(2027, 3, 1, tzinfo=UTC),
        image=image,
        hashtag_url=lambda name: f"https://node.example/tags/{name.lower()}",
    )
    return to_document(publication)


def post(doc: dict[str, Any]) -> Any:
    return timeline_post(
        doc, author_name="Municipality of Ohrid", handle="@ohrid@node.example", avatar_url=None
    )


def test_a_call_reads_as_name_summary_facts_link_and_hashtags() -> None:
    doc = document("call", CALL_INPUT)
    seen = post(doc)
    assert seen.title == "Volunteers wanted: befriending older people"
    # The author's teaser first, then the facts, one per line (as composed for Mastodon).
    first, *rest = seen.paragraphs
    assert [str(line) for line in first] == ["Visit an older neighbour once a week."]
    facts = " ".join(str(line) for paragraph in rest for line in paragraph)
    assert "listening" in facts and "2027" in facts
    assert seen.link == "https://node.example/calls/Zx81kq0w"
    assert seen.link_text == "node.example/calls/Zx81kq0w"
    assert [name for name, _ in seen.hashtags] == ["listening", "Macedonian"]
    assert seen.hashtags[0][1] == "https://node.example/tags/listening"
    assert "content" in doc and doc["content"] not in str(seen)  # Mastodon ignores content


def test_the_banner_is_the_media_attachment_with_its_description() -> None:
    banner = Image(
        url="https://node.example/media/0f3a.jpg", media_type="image/jpeg", name="Two volunteers"
    )
    seen = post(document("practice", PRACTICE_INPUT, banner))
    [media] = seen.media
    assert (media.url, media.description) == (banner.url, "Two volunteers")


def test_text_is_escaped_and_urls_look_like_mastodon_links() -> None:
    html = linked("<b>Join</b> at https://meet.example.org/a-very-long-room-name-for-the-workshop.")
    assert str(html).startswith('&lt;b&gt;Join&lt;/b&gt; at <span class="toot-link"')
    assert "meet.example.org/a-very-long-r…</span>." in str(html)
    assert link_text("https://www.example.org/") == "example.org/"


def test_without_a_name_mastodon_takes_the_first_of_the_language_map() -> None:
    doc = {
        "id": "https://node.example/practices/a",
        "nameMap": {"it": "Sportello giovani"},
        "summaryMap": {"it": "Uno sportello."},
        "url": "javascript:alert(1)",
        "tag": {"type": "Hashtag", "name": "#Giovani"},
    }
    seen = post(doc)
    assert seen.title == "Sportello giovani"
    assert [[str(line) for line in p] for p in seen.paragraphs] == [["Uno sportello."]]
    assert seen.link == "https://node.example/practices/a"  # never a javascript: link
    assert seen.hashtags == (("Giovani", None),)
