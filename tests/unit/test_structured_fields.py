"""RFC 8941 structured fields, as needed by Content-Digest and RFC 9421 Signature-Input."""

from __future__ import annotations

import pytest

from sinet_node.federation.structured_fields import (
    InnerList,
    Item,
    StructuredFieldError,
    Token,
    parse_dictionary,
    parse_list,
)


def test_rfc9421_signature_input_example() -> None:
    """RFC 9421 §4.1: Signature-Input is a Dictionary of parameterised Inner Lists."""
    parsed = parse_dictionary(
        'sig1=("@method" "@authority" "content-digest");created=1618884473;keyid="test-key"'
    )
    member = parsed["sig1"]
    assert isinstance(member, InnerList)
    assert [item.value for item in member.items] == ["@method", "@authority", "content-digest"]
    assert member.params == {"created": 1618884473, "keyid": "test-key"}


def test_bare_item_types() -> None:
    """RFC 8941 §3.3: Integer, Decimal, String, Token, Byte Sequence, Boolean."""
    parsed = parse_dictionary('a=1, b=-2.5, c="x\\"y", d=tok/en:1, e=:aGk=:, f=?0, g')
    assert parsed["a"] == Item(1)
    assert parsed["b"] == Item(-2.5)
    assert parsed["c"] == Item('x"y')
    d = parsed["d"]
    assert isinstance(d, Item) and isinstance(d.value, Token) and d.value == "tok/en:1"
    assert parsed["e"] == Item(b"hi")
    assert parsed["f"] == Item(False)
    assert parsed["g"] == Item(True)


def test_byte_sequence_without_padding_is_accepted() -> None:
    """RFC 8941 §4.2.7: parsers may accept base64 without padding."""
    assert parse_dictionary("a=:aGk:") == {"a": Item(b"hi")}


def test_repeated_key_keeps_last_value() -> None:
    """RFC 8941 §4.2.2: a later duplicate key overwrites the earlier value."""
    assert parse_dictionary("a=1, a=2") == {"a": Item(2)}


def test_parse_list() -> None:
    assert parse_list('1, (a b);p, "s"') == [
        Item(1),
        InnerList((Item(Token("a")), Item(Token("b"))), {"p": True}),
        Item("s"),
    ]


def test_empty_field_is_an_empty_dictionary() -> None:
    assert parse_dictionary("") == {}


@pytest.mark.parametrize(
    "text",
    [
        "A=1",  # upper-case key
        "a=",
        "a=1,",
        "a=1 b=2",
        "a=:not base64!:",
        "a=:aGk=",
        'a="unterminated',
        'a="bad \\n escape"',
        "a=(1 2",
        "a=1.1234",
        "a=1234567890123456",
        "a=?2",
        "a=é",
    ],
)
def test_invalid_dictionaries_fail(text: str) -> None:
    """RFC 8941 §4.2: any syntax error fails the whole field."""
    with pytest.raises(StructuredFieldError):
        parse_dictionary(text)
