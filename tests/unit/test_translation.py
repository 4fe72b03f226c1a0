"""Messages of code outside the templates come out in the language bound to the running
request (sinet_node.translation), and only in that request."""

from __future__ import annotations

import asyncio

from sinet_node import translation
from sinet_node.web.i18n.catalogues import shipped_catalogues


def test_without_a_request_the_code_speaks_english() -> None:
    assert translation.gettext("Practices") == "Practices"
    assert translation.ngettext("%(num)d practice", "%(num)d practices", 1) == "%(num)d practice"
    assert translation.ngettext("%(num)d practice", "%(num)d practices", 3) == "%(num)d practices"


def test_a_bound_language_is_used_until_the_block_ends() -> None:
    catalogues = shipped_catalogues()
    with translation.speaking(catalogues["hr"]):
        assert translation.gettext("Practices") == "Prakse"
        assert translation.ngettext("%(num)d practice", "%(num)d practices", 5) == "%(num)d praksi"
        with translation.speaking(catalogues["nl"]):
            assert translation.gettext("Practices") == "Praktijken"
        assert translation.gettext("Practices") == "Prakse"
    assert translation.gettext("Practices") == "Practices"


async def test_requests_served_at_once_keep_their_own_language() -> None:
    catalogues = shipped_catalogues()

    async def serve(language: str) -> list[str]:
        heard = []
        with translation.speaking(catalogues[language]):
            for _ in range(5):
                await asyncio.sleep(0)  # let the other requests run in between
                heard.append(translation.gettext("Practices"))
        return heard

    results = await asyncio.gather(*(serve(language) for language in ("mk", "it", "es", "mk")))
    assert results == [["Практики"] * 5, ["Pratiche"] * 5, ["Prácticas"] * 5, ["Практики"] * 5]
