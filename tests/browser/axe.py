"""axe-core in the page: the accessibility audit any browser test can run on what it shows.

    from tests.browser.axe import assert_accessible, audit

    assert_accessible(browser, "admin-settings-mk-phone")  # fails on serious or critical
    violations = audit(browser, "home")                    # every violation, to look at

``audit`` injects axe.min.js into the page the driver is on (it does not survive navigation,
so call it after every ``get`` or click that loads a page), runs ``axe.run`` over the whole
document with the WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices, and returns the
violations. ``assert_accessible`` fails when any has a ``serious`` or ``critical`` impact,
printing each rule, why it matters, where (CSS selector and the element's HTML) and what axe
says to fix; lesser ones are returned so the caller can log them.

axe-core comes from npm into ~/.cache/sinet-axe (``bash scripts/browser-tools.sh axe``, which
``scripts/test.sh`` runs); ``$SINET_AXE_CACHE`` points elsewhere. Without it the calling test
fails under CI and is skipped elsewhere, saying how to install it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

AXE_CACHE: Final = Path(os.environ.get("SINET_AXE_CACHE", Path.home() / ".cache" / "sinet-axe"))
AXE_JS: Final = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
# What the audit checks: WCAG 2.x levels A and AA, and axe's best practices (landmarks,
# one main, headings in order...), which come out as moderate at most and so only fail a
# test that asks for them.
TAGS: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
FAILING: Final = ("serious", "critical")
_RUN: Final = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(results => done({violations: results.violations, version: axe.version}))
  .catch(error => done({error: String(error)}));
"""


@dataclass(frozen=True)
class Place:
    """One element that breaks a rule."""

    target: str  # a CSS selector axe built for it
    html: str  # the start of its HTML
    why: str  # axe's explanation for this element ("Fix any of the following: ...")


@dataclass(frozen=True)
class Violation:
    rule: str  # axe's rule id, e.g. "color-contrast"
    impact: str  # minor, moderate, serious or critical
    help: str  # what the rule asks for
    help_url: str
    places: tuple[Place, ...]

    def describe(self) -> str:
        lines = [f"[{self.impact}] {self.rule}: {self.help} ({len(self.places)} element(s))"]
        lines.append(f"    {self.help_url}")
        for place in self.places[:10]:
            lines.append(f"    - {place.target}")
            lines.append(f"      {place.html[:200]}")
            for reason in place.why.splitlines():
                if reason.strip():
                    lines.append(f"        {reason.strip()}")
        if len(self.places) > 10:
            lines.append(f"    ... and {len(self.places) - 10} more")
        return "\n".join(lines)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def require_axe() -> None:
    """Fail (under CI) or skip the calling test when axe-core is not installed."""
    if AXE_JS.is_file():
        return
    reason = (
        f"the accessibility audit needs axe-core at {AXE_JS}: run "
        "`bash scripts/browser-tools.sh axe` (npm, no root needed)"
    )
    if _in_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _violation(raw: dict[str, Any]) -> Violation:
    places = tuple(
        Place(
            target=" ".join(str(part) for part in node.get("target", [])),
            html=str(node.get("html", "")),
            why=str(node.get("failureSummary", "")),
        )
        for node in raw.get("nodes", [])
    )
    return Violation(
        rule=str(raw["id"]),
        impact=str(raw.get("impact") or "minor"),
        help=str(raw.get("help", "")),
        help_url=str(raw.get("helpUrl", "")),
        places=places,
    )


def audit(driver: WebDriver, name: str, *, tags: Iterable[str] = TAGS) -> list[Violation]:
    """Every violation axe finds on the page `driver` shows now. `name` labels errors."""
    require_axe()
    driver.set_script_timeout(120)
    driver.execute_script(_axe_source())
    result = driver.execute_async_script(_RUN, list(tags))
    if not isinstance(result, dict) or "error" in result:
        raise AssertionError(f"axe could not audit {name} ({driver.current_url}): {result}")
    return [_violation(raw) for raw in result["violations"]]


def report(name: str, url: str, violations: Iterable[Violation]) -> str:
    shown = list(violations)
    head = f"{name} ({url}): {len(shown)} accessibility violation(s)"
    return "\n".join([head, *(violation.describe() for violation in shown)])


def failing(violations: Iterable[Violation], impacts: Iterable[str] = FAILING) -> list[Violation]:
    wanted = set(impacts)
    return [violation for violation in violations if violation.impact in wanted]


def assert_accessible(
    driver: WebDriver,
    name: str,
    *,
    impacts: Iterable[str] = FAILING,
    save_to: Path | None = None,
) -> list[Violation]:
    """Audit the page and fail on violations of the given impacts (serious and critical by
    default), with a report that says what and where. Returns the lesser violations. With
    `save_to`, every violation is also written there as JSON (name.json)."""
    violations = audit(driver, name)
    if save_to is not None:
        save_to.mkdir(parents=True, exist_ok=True)
        entries = [
            {"rule": v.rule, "impact": v.impact, "help": v.help, "url": v.help_url,
             "places": [place.__dict__ for place in v.places]}
            for v in violations
        ]  # fmt: skip
        (save_to / f"{name}.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    bad = failing(violations, impacts)
    if bad:
        raise AssertionError(report(name, driver.current_url, bad))
    return [violation for violation in violations if violation not in bad]
