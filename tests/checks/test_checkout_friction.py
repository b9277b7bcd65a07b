"""checkout-friction judged on plain journey evidence: no browser."""

from __future__ import annotations

from typing import Any

from uxaudit.checks.checkout_friction import CheckoutFriction

from uxaudit.evidence import JourneyEvidence, JourneyStep, SiteEvidence, ViewportEvidence
from uxaudit.journeys.patterns import field_purpose

ADDRESS = [("email", "email", "email"), ("full_name", "text", "name"), ("address1", "text", "address-line1"),
           ("city", "text", "address-level2"), ("postcode", "text", "postal-code")]
EXTRA = [("company", "text", "organization"), ("address2", "text", "address-line2"), ("phone", "tel", "tel"),
         ("state", "text", "address-level1"), ("mobile", "tel", "tel"), ("email_confirm", "email", "email"),
         ("middle_name", "text", "additional-name")]


def field(name: str, kind: str, token: str | None, *, required: bool = True, tag: str = "input") -> dict[str, Any]:
    return {"tag": tag, "type": kind, "name": name, "id": f"id_{name}", "label": name.replace("_", " ").title(),
            "required": required, "autocomplete": token, "inputmode": None, "selector": f"#id_{name}",
            "box": {"x": 10, "y": 100, "width": 300, "height": 40}, "form": 0, "path": True,
            "purpose": field_purpose(token, name)}


def judge(fields: list[dict[str, Any]], viewport: str = "mobile", reach_address: bool = True,
          extra_steps: int = 0) -> Any:
    steps = [JourneyStep(name="checkout-cart", stage="cart", url="https://shop.example/cart",
                         data={"fields": [field("coupon", "text", None)]})]
    if reach_address:
        steps.append(JourneyStep(name="checkout-checkout-address", stage="checkout-address",
                                 url="https://shop.example/checkout/address", data={"fields": fields}))
        for i in range(extra_steps):
            steps.append(JourneyStep(name="x", stage="checkout-shipping", url=f"https://shop.example/checkout/{i}"))
    journey = JourneyEvidence(name="checkout", viewport=viewport, steps=steps, completed=reach_address,  # type: ignore[arg-type]
                              stopped_reason=None if reach_address else "an account is required")
    evidence = ViewportEvidence(viewport=viewport, site=SiteEvidence(start_url="https://shop.example/",  # type: ignore[arg-type]
                                                                     origin="https://shop.example"),
                                pages=[], journeys={"checkout": journey})
    return CheckoutFriction().run(evidence)


def test_few_fields_with_autocomplete_pass() -> None:
    fields = [field(*f) for f in ADDRESS] + [field("country", "select-one", "country", tag="select")]
    result = judge(fields)
    assert result.status == "pass", result.findings
    assert result.details["text_fields"] == 5 and result.details["selects"] == 1
    assert "coupon" not in [f["name"] for f in result.details["fields"]]  # the cart's fields are not the checkout's


def test_many_fields_fail_with_the_count() -> None:
    fields = [field(*f) for f in ADDRESS + EXTRA]
    fields.append(field("notes", "textarea", None, required=False, tag="textarea"))
    result = judge(fields)
    assert result.details["text_fields"] == 13
    assert result.status == "fail"
    finding = next(f for f in result.findings if "text fields from the cart" in f.message)
    assert finding.severity == "fail" and finding.value == "13 text fields"


def test_missing_autocomplete_is_named_with_its_field() -> None:
    fields = [field(name, kind, None) for name, kind, _ in ADDRESS]
    result = judge(fields, viewport="desktop")
    finding = next(f for f in result.findings if "autocomplete" in f.message)
    assert "0% covered" in finding.message and finding.selector == "#id_email" and finding.severity == "fail"
    assert result.status == "warn"  # few fields: 0.6 x 0.9 + 0.25 x 0 over 0.85


def test_invalid_tokens_do_not_count() -> None:
    fields = [field(name, kind, "on" if i % 2 else token) for i, (name, kind, token) in enumerate(ADDRESS)]
    result = judge(fields)
    assert result.details["autofill_share"] == 0.6


def test_text_typed_email_is_flagged_on_mobile_only() -> None:
    fields = [field(*f) for f in ADDRESS]
    fields[0]["type"] = "text"
    mobile = judge(fields, "mobile")
    assert any("type='text'" in f.message and f.selector == "#id_email" for f in mobile.findings)
    assert not any("type=" in f.message for f in judge(fields, "desktop").findings)


def test_number_typed_postcode_is_flagged_but_text_is_fine() -> None:
    fields = [field(*f) for f in ADDRESS]
    assert not any("postcode" in f.message for f in judge(fields).findings)
    fields[4]["type"] = "number"
    assert any("postcode" in f.message for f in judge(fields).findings)


def test_many_steps_are_reported_as_information() -> None:
    result = judge([field(*f) for f in ADDRESS], extra_steps=6)
    steps = next(f for f in result.findings if "pages from the cart" in f.message)
    assert steps.severity == "info"


def test_not_reaching_the_address_is_not_applicable() -> None:
    result = judge([], reach_address=False)
    assert result.status == "n/a" and "account is required" in (result.reason or "")
