"""UX flaw switches of the demo store and the three ready-made profiles.

Every field of :class:`Flaws` switches one realistic UX problem on or off. The
``good`` profile has every switch at its best value; ``average`` is a realistic mix
of a mid-market shop; ``poor`` turns everything bad.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_type_hints

StructuredData = Literal["full", "partial", "none"]
SearchBox = Literal["visible", "icon", "none"]
SearchMode = Literal["smart", "exact"]
ZeroResults = Literal["helpful", "dead_end"]
GuestCheckout = Literal["first", "secondary", "absent"]
ShippingCosts = Literal["product", "cart", "address"]
CheckoutFields = Literal["few", "many"]
PaymentOptions = Literal["full", "cards_only"]
CookieBanner = Literal["fair", "no_reject", "none"]
ContactChannels = Literal["full", "form_only"]


@dataclass(frozen=True)
class Flaws:
    """One switch per UX flaw; the defaults are the best (``good``) values."""

    # Speed
    slow_server_ms: int = 0
    """Delay before every HTML response is sent (time to first byte)."""
    heavy_images: bool = False
    """Huge unoptimised JPEGs (~1 MB, quality 95), no width/height, no lazy loading."""
    render_blocking: bool = False
    """A slow synchronous script and a large stylesheet in ``<head>``."""
    long_tasks: bool = False
    """Inline scripts that busy-loop ~250 ms several times after load."""
    layout_shift: bool = False
    """A promo banner injected above the content after load; images without dimensions."""
    third_party_scripts: bool = False
    """Widgets, tag manager and a pixel loaded from another host name (``localhost``)."""
    # Mobile
    no_viewport_meta: bool = False
    zoom_disabled: bool = False
    tiny_tap_targets: bool = False
    small_text: bool = False
    horizontal_overflow: bool = False
    # Product page
    thin_product_pages: bool = False
    """One image; no description, details, size guide, delivery estimate, reviews or returns link."""
    structured_data: StructuredData = "full"
    # Search
    search_box: SearchBox = "visible"
    search_mode: SearchMode = "smart"
    autocomplete: bool = True
    zero_results: ZeroResults = "helpful"
    # Checkout
    guest_checkout: GuestCheckout = "first"
    shipping_costs: ShippingCosts = "product"
    checkout_fields: CheckoutFields = "few"
    autocomplete_attrs: bool = True
    payment_options: PaymentOptions = "full"
    # Trust
    cookie_banner: CookieBanner = "fair"
    trackers_before_consent: bool = False
    footer_policy_links: bool = True
    newsletter_popup: bool = False
    accessibility_flaws: bool = False
    """Product and card images without ``alt``, unlabelled search and newsletter fields, light grey
    (#aaa on white) small text in product cards and an icon-only account link without a name."""
    contact_channels: ContactChannels = "full"
    """``full``: phone (tel:), email (mailto:), contact form and FAQ; ``form_only``: the contact page has
    only its form, and no phone number or email address appears anywhere."""
    live_chat: bool = True
    """A chat launcher (fixed round button, bottom right) drawn by a script from the third-party host."""
    returns_window: bool = True
    """The returns page states a 30-day window; off: returns are accepted "at our discretion"."""

    def __post_init__(self) -> None:
        hints = get_type_hints(type(self))
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            hint = hints[field.name]
            choices = get_args(hint)
            if choices:
                if value not in choices:
                    raise ValueError(f"{field.name} must be one of {list(choices)}, not {value!r}")
            elif hint is bool:
                if not isinstance(value, bool):
                    raise ValueError(f"{field.name} must be True or False, not {value!r}")
            elif hint is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"{field.name} must be a non-negative int, not {value!r}")

    def as_dict(self) -> dict[str, Any]:
        """The switches as a plain JSON-ready dict."""
        return dataclasses.asdict(self)

    @classmethod
    def names(cls) -> list[str]:
        """Names of every flaw switch, in declaration order."""
        return [f.name for f in dataclasses.fields(cls)]


GOOD = Flaws()

AVERAGE = Flaws(
    slow_server_ms=300,
    third_party_scripts=True,
    small_text=True,
    structured_data="partial",
    search_box="icon",
    search_mode="exact",
    autocomplete=False,
    guest_checkout="secondary",
    shipping_costs="cart",
    autocomplete_attrs=False,
    cookie_banner="no_reject",
    newsletter_popup=True,
    live_chat=False,
)

POOR = Flaws(
    slow_server_ms=1200,
    heavy_images=True,
    render_blocking=True,
    long_tasks=True,
    layout_shift=True,
    third_party_scripts=True,
    no_viewport_meta=True,
    zoom_disabled=True,
    tiny_tap_targets=True,
    small_text=True,
    horizontal_overflow=True,
    thin_product_pages=True,
    structured_data="none",
    search_box="none",
    search_mode="exact",
    autocomplete=False,
    zero_results="dead_end",
    guest_checkout="absent",
    shipping_costs="address",
    checkout_fields="many",
    autocomplete_attrs=False,
    payment_options="cards_only",
    cookie_banner="no_reject",
    trackers_before_consent=True,
    footer_policy_links=False,
    newsletter_popup=True,
    accessibility_flaws=True,
    contact_channels="form_only",
    live_chat=False,
    returns_window=False,
)

PROFILES: dict[str, Flaws] = {"good": GOOD, "average": AVERAGE, "poor": POOR}


def resolve(profile: str | Flaws = "good", **overrides: Any) -> Flaws:
    """The flaws of ``profile`` with ``overrides`` applied.

    Raises ValueError for an unknown profile, an unknown flaw name or a bad value.
    """
    if isinstance(profile, Flaws):
        base = profile
    else:
        try:
            base = PROFILES[profile]
        except KeyError:
            raise ValueError(f"unknown profile {profile!r}; accepted: {sorted(PROFILES)}") from None
    unknown = sorted(set(overrides) - set(Flaws.names()))
    if unknown:
        raise ValueError(f"unknown flaw name(s) {unknown}; accepted names: {Flaws.names()}")
    return dataclasses.replace(base, **overrides)
