"""More demo trust switches end to end: accessibility_flaws, contact_channels, live_chat, returns_window.

One small desktop audit per configuration (one category, one product, no journeys), cached
for the module; each assertion reads the check's own wording.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import audit_store
from uxaudit.bundle import Audit
from uxaudit.check import CheckResult

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo-trust")]

_audits: dict[tuple[Any, ...], Audit] = {}


@pytest.fixture(scope="module")
def audit(demo_store, tmp_path_factory):  # type: ignore[no-untyped-def]
    def run(profile: str = "good", **flaws: Any) -> Audit:
        key = (profile, *sorted(flaws.items()))
        if key not in _audits:
            out: Path = tmp_path_factory.mktemp("switches-more")
            _audits[key] = audit_store(demo_store(profile, **flaws), out, journeys=(), max_products=1,
                                       max_categories=1, viewports=("desktop",))
        return _audits[key]
    yield run
    _audits.clear()


def result(audit: Audit, check_id: str) -> CheckResult:
    return audit.judgement.result(check_id, "desktop")


def test_good_store_passes_accessibility_with_its_chat_launcher(audit) -> None:  # type: ignore[no-untyped-def]
    good = audit("good")
    a11y = result(good, "accessibility")
    assert a11y.status == "pass", [f.message for f in a11y.findings]
    support = result(good, "support-channels")
    assert support.status == "pass"
    assert set(support.details["channels"]) == {"phone", "email", "form", "chat", "faq"}  # type: ignore[arg-type]
    assert str(result(good, "policy-pages").details["return_window"]).startswith("30")  # type: ignore[index]


def test_accessibility_flaws_name_images_without_alt(audit) -> None:  # type: ignore[no-untyped-def]
    a11y = result(audit("good", accessibility_flaws=True), "accessibility")
    assert a11y.status in ("warn", "fail") and a11y.score is not None and a11y.score < 1.0
    alt = [f for f in a11y.findings if f.value == "image-alt"]
    assert alt and any(f.message.startswith("Images must have alternative text") and "<img" in f.message
                       for f in alt)
    rules = a11y.details["rules"]  # type: ignore[index]
    assert {"image-alt", "label", "link-name", "color-contrast"} <= set(rules)  # type: ignore[arg-type]


def test_form_only_contact_loses_phone_and_email(audit) -> None:  # type: ignore[no-untyped-def]
    full = result(audit("good", live_chat=False), "support-channels")
    form = result(audit("good", live_chat=False, contact_channels="form_only"), "support-channels")
    assert set(full.details["channels"]) == {"phone", "email", "form", "faq"}  # type: ignore[arg-type]
    assert set(form.details["channels"]) == {"form", "faq"}  # type: ignore[arg-type]
    assert form.score is not None and full.score is not None and form.score < full.score
    assert "Not offered: phone, email, live chat." in {f.message for f in form.findings}


def test_live_chat_counts_as_a_channel(audit) -> None:  # type: ignore[no-untyped-def]
    chat = result(audit("good"), "support-channels").details["channels"]["chat"]  # type: ignore[index]
    assert chat["how"] == "a chat launcher on the page" and "fw-chat-launcher" in str(chat["selector"])
    without = result(audit("good", live_chat=False), "support-channels")
    assert "chat" not in without.details["channels"]  # type: ignore[operator]


def test_returns_without_a_window_is_a_policy_finding(audit) -> None:  # type: ignore[no-untyped-def]
    policies = result(audit("good", returns_window=False), "policy-pages")
    assert policies.details["return_window"] is False  # type: ignore[index]
    missing = [f for f in policies.findings
               if f.message == "The returns page does not say how long shoppers have to return items."]
    assert missing and "/pages/returns" in (missing[0].url or "")
    assert policies.score is not None and policies.score < 1.0
