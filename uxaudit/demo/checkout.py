"""Checkout form definitions: address fields (few or many), card fields, shipping methods."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One form control. ``autocomplete``/``type``/``inputmode`` apply when autocomplete_attrs is on."""

    name: str
    label: str
    type: str = "text"
    autocomplete: str = ""
    inputmode: str = ""
    required: bool = True
    kind: str = "input"  # input | select | textarea
    options: tuple[str, ...] = ()
    hint: str = ""


COUNTRIES = ("United States", "Canada", "United Kingdom", "Ireland", "Germany", "France", "Netherlands", "Australia")

FEW_FIELDS: tuple[Field, ...] = (
    Field("email", "Email", "email", "email", hint="For your order confirmation."),
    Field("full_name", "Full name", "text", "name"),
    Field("address1", "Address", "text", "address-line1"),
    Field("city", "City", "text", "address-level2"),
    Field("postcode", "ZIP / Postcode", "text", "postal-code"),
    Field("country", "Country", autocomplete="country", kind="select", options=COUNTRIES),
)
OPTIONAL_ADDRESS2 = Field("address2", "Apartment, suite, etc. (optional)", "text", "address-line2", required=False)

MANY_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", autocomplete="honorific-prefix", kind="select", options=("Mr", "Mrs", "Ms", "Mx", "Dr")),
    Field("first_name", "First name", "text", "given-name"),
    Field("middle_name", "Middle name", "text", "additional-name", required=False),
    Field("last_name", "Last name", "text", "family-name"),
    Field("email", "Email", "email", "email"),
    Field("email_confirm", "Confirm email", "email", "email"),
    Field("company", "Company", "text", "organization", required=False),
    Field("address1", "Address line 1", "text", "address-line1"),
    Field("address2", "Address line 2", "text", "address-line2", required=False),
    Field("city", "Town / City", "text", "address-level2"),
    Field("state", "County / State", "text", "address-level1"),
    Field("postcode", "ZIP / Postcode", "text", "postal-code"),
    Field("country", "Country", autocomplete="country", kind="select", options=COUNTRIES),
    Field("phone", "Phone", "tel", "tel"),
    Field("mobile", "Mobile phone", "tel", "tel"),
    Field("fax", "Fax", "tel", "tel", required=False),
    Field("birthday", "Date of birth (DD/MM/YYYY)", "text", "bday"),
    Field("heard_from", "How did you hear about us?", kind="textarea", required=False),
)

CARD_FIELDS_FEW: tuple[Field, ...] = (
    Field("card_number", "Card number", "text", "cc-number", "numeric", required=False),
    Field("card_expiry", "Expiry (MM / YY)", "text", "cc-exp", "numeric", required=False),
    Field("card_cvc", "Security code", "text", "cc-csc", "numeric", required=False),
)
CARD_FIELDS_MANY: tuple[Field, ...] = (
    Field("card_name", "Name on card", "text", "cc-name", required=False),
    Field("card_number", "Card number", "text", "cc-number", "numeric", required=False),
    Field("card_exp_month", "Expiry month", "text", "cc-exp-month", "numeric", required=False),
    Field("card_exp_year", "Expiry year", "text", "cc-exp-year", "numeric", required=False),
    Field("card_cvc", "Security code", "text", "cc-csc", "numeric", required=False),
)


def address_fields(checkout_fields: str) -> tuple[Field, ...]:
    return FEW_FIELDS if checkout_fields == "few" else MANY_FIELDS


def card_fields(checkout_fields: str) -> tuple[Field, ...]:
    return CARD_FIELDS_FEW if checkout_fields == "few" else CARD_FIELDS_MANY


@dataclass(frozen=True)
class ShippingMethod:
    code: str
    name: str
    eta: str
    cents: int


SHIPPING_METHODS: tuple[ShippingMethod, ...] = (
    ShippingMethod("standard", "Standard", "2–4 working days", 495),
    ShippingMethod("express", "Express", "1–2 working days", 1295),
    ShippingMethod("next-day", "Next day", "Order by 2 pm", 1995),
)
SHIPPING_BY_CODE = {m.code: m for m in SHIPPING_METHODS}


def shipping_cents(code: str, subtotal_cents: int, free_over_cents: int) -> int:
    """Price of a shipping method for a cart; standard is free over the threshold."""
    method = SHIPPING_BY_CODE.get(code, SHIPPING_METHODS[0])
    if method.code == "standard" and subtotal_cents >= free_over_cents:
        return 0
    return method.cents


PAYMENT_METHODS_FULL: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("card", "Credit or debit card", ("visa", "mastercard", "amex")),
    ("paypal", "PayPal", ("paypal",)),
    ("apple-pay", "Apple Pay", ("apple-pay",)),
    ("google-pay", "Google Pay", ("google-pay",)),
    ("klarna", "Klarna – pay in 3 interest-free instalments", ("klarna",)),
)
PAYMENT_METHODS_CARDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("card", "Credit or debit card", ("visa", "mastercard")),
)


def payment_methods(options: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return PAYMENT_METHODS_FULL if options == "full" else PAYMENT_METHODS_CARDS
