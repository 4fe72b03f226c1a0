"""The publishing form stands for the CLI's JSON input: filling it from an input and reading it
back gives the same publication, what was typed is only reshaped (never judged), and each
problem of the input lands on the field it came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.datastructures import FormData

from sinet_node.publishing import InputError, parse_publication_input
from sinet_node.web.publication_form import (
    PublicationForm,
    TranslationRow,
    field_of,
    from_form,
    from_input,
    to_input,
    with_offset,
)

from .publishing_samples import INPUTS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "inputs"
ZONE = "Europe/Skopje"


def parsed(kind: str, data: dict[str, Any]) -> Any:
    return parse_publication_input(kind, data, default_language="mk", default_timezone=ZONE)


def as_browser_sends(state: PublicationForm) -> FormData:
    """The form's fields as a browser posts them (every field, empty ones too)."""
    items = [(name, state.get(name)) for name in state.fields()]
    for index, row in enumerate(state.translations):
        items += [
            (f"tr-{index}-lang", row.lang),
            (f"tr-{index}-name", row.name),
            (f"tr-{index}-summary", row.summary),
            (f"tr-{index}-content", row.content),
        ]
    items.append(("image_current", state.image_url))
    return FormData(items)


SOURCES = [(kind, data) for kind, data in INPUTS.items()] + [
    (kind, json.loads((FIXTURES / f"{kind}.json").read_text())) for kind in INPUTS
]


@pytest.mark.parametrize(("kind", "data"), SOURCES)
def test_an_input_survives_the_round_trip_through_the_form(kind: str, data: dict[str, Any]) -> None:
    state = from_input(kind, data, image_url="", default_timezone=ZONE)
    again = from_form(kind, as_browser_sends(state))
    result = to_input(again, default_timezone=ZONE)
    assert result.problems == {}
    assert parsed(kind, result.data) == parsed(kind, data)


def test_a_structured_address_becomes_one_line_and_the_map_position_stays() -> None:
    data = INPUTS["event"] | {
        "location": {
            "name": "Mestna knjižnica",
            "address": {"streetAddress": "Kralja Zvonimira 2", "addressLocality": "Šibenik"},
            "latitude": 43.735,
            "longitude": 15.889,
        }
    }
    state = from_input("event", data, image_url="", default_timezone=ZONE)
    assert state.get("location_address") == "Kralja Zvonimira 2, Šibenik"
    place = to_input(state, default_timezone=ZONE).data["location"]
    assert place == {
        "name": "Mestna knjižnica",
        "address": "Kralja Zvonimira 2, Šibenik",
        "latitude": 43.735,
        "longitude": 15.889,
    }


def test_local_times_get_the_offset_of_their_zone_on_that_day() -> None:
    assert with_offset("2027-01-15T10:00", ZONE) == "2027-01-15T10:00:00+01:00"
    assert with_offset("2027-07-15T10:00", ZONE) == "2027-07-15T10:00:00+02:00"
    assert with_offset("2027-07-15T10:00", "America/New_York") == "2027-07-15T10:00:00-04:00"
    # Not a local date-time: passed on for the input to judge.
    assert with_offset("2027-07-15", ZONE) == "2027-07-15"
    assert with_offset("tomorrow", ZONE) == "tomorrow"
    assert with_offset("2027-07-15T10:00:00+05:00", ZONE) == "2027-07-15T10:00:00+05:00"
    # A zone that does not exist is the zone field's problem: the time stays well-formed.
    assert with_offset("2027-07-15T10:00", "Europe/Atlantis") == "2027-07-15T10:00:00+00:00"


def test_the_form_reshapes_but_does_not_judge() -> None:
    state = PublicationForm(
        kind="call",
        values={
            "name": "  Help  ",
            "skills": "cooking,\ngraphic design ,, Macedonian",
            "volunteers_needed": "twelve",
            "closes": "31/05/2027",
            "latitude": "north",
            "location_name": "Centre",
            "remote": "1",
        },
    )
    data = to_input(state, default_timezone=ZONE).data
    assert data == {
        "name": "  Help  ",
        "skills": ["cooking", "graphic design", "Macedonian"],
        "volunteers_needed": "twelve",
        "closes": "31/05/2027",
        "location": {"name": "Centre", "latitude": "north"},
        "remote": True,
    }
    with pytest.raises(InputError) as caught:
        parsed("call", data)
    keys = {problem.key for problem in caught.value.problems}
    assert {"volunteers_needed", "closes", "location", "summary", "content"} <= keys


def test_lines_make_lists_where_commas_belong_to_the_items() -> None:
    state = PublicationForm(
        kind="practice", values={"partners": "Municipality of Rotterdam, Youth Desk\nUWV"}
    )
    assert to_input(state, default_timezone=ZONE).data["partners"] == [
        "Municipality of Rotterdam, Youth Desk",
        "UWV",
    ]


def test_a_language_given_twice_is_the_forms_own_problem() -> None:
    state = PublicationForm(
        kind="practice",
        translations=[TranslationRow("it", name="Uno"), TranslationRow("it", name="Due")],
    )
    result = to_input(state, default_timezone=ZONE)
    assert result.data["translations"] == {"it": {"name": "Uno"}}
    assert result.problems == {"tr-1-lang": "is already given above: choose another language"}


def test_an_image_description_without_an_image_is_left_out() -> None:
    state = PublicationForm(kind="practice", values={"image_alt": "A photo"})
    assert "image_alt" not in to_input(state, default_timezone=ZONE).data
    state.image_url = "https://node.example/media/ab12.jpg"
    data = to_input(state, default_timezone=ZONE).data
    assert (data["image"], data["image_alt"]) == (state.image_url, "A photo")


@pytest.mark.parametrize(
    ("key", "kind", "field"),
    [
        ("name", "practice", "name"),
        ("tags[2]", "practice", "tags"),
        ("startTime", "event", "start"),
        ("endTime", "event", "end"),
        ("location", "event", "location_name"),
        ("location.name", "call", "location_name"),
        ("location.address.addressLocality", "call", "location_address"),
        ("location.latitude", "event", "latitude"),
        ("toolkit_urls[0]", "practice", "toolkit_urls"),
        ("translations.nl", "practice", "tr-1-lang"),
        ("translations.nl.summary", "practice", "tr-1-summary"),
        ("translations.", "practice", "tr-0-lang"),
        ("translations.xx", "practice", None),
        ("translations", "practice", None),
        ("timezone", "call", None),  # the node's own zone: no field on a call's form
        ("challenge", "event", None),
        (None, "event", None),
    ],
)
def test_each_problem_has_its_field(key: str | None, kind: str, field: str | None) -> None:
    assert field_of(key, {"": 0, "nl": 1}, kind) == field
