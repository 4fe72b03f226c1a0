"""JSON-LD inside a <script> element: no text can end the element or open a comment in it."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sinet_node.web.structured_data import script_safe_json


@given(st.text())
def test_any_text_stays_inside_the_script_and_reads_back_the_same(text: str) -> None:
    encoded = script_safe_json({"name": text, "nested": [text]})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"name": text, "nested": [text]}


def test_the_closing_tag_is_escaped() -> None:
    encoded = script_safe_json({"name": "</script><!--"})
    assert encoded == '{"name":"\\u003c/script\\u003e\\u003c!--"}'
