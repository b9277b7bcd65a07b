"""The checkout journey's guard: it never places an order, never types card data, never pays.

Three layers, each enough on its own for the case it covers:

1. :meth:`Guard.click` reads a control before pressing it and refuses anything that
   places an order or pays ("place order", "pay now", "complete purchase", "confirm
   order", "buy now" on checkout pages...), any control whose form posts to an
   order-placing URL, and every control once the review step is reached.
2. :meth:`Guard.fill` refuses to type into payment-card fields (``autocomplete="cc-*"``,
   names like card number/CVC/expiry), password fields, and any field inside an iframe
   (where payment providers put their card fields).
3. :func:`guard_route`, a context route handler, aborts every request that looks like
   placing an order (``place-order``, ``submit-order``, ``/checkout/.../complete``,
   ``/payment/process``, a POST to Oscar's ``/checkout/preview/`` or with
   ``action=place_order``) even if the first two layers were fooled.

The decisions are plain functions over strings (:func:`dangerous_control`,
:func:`card_field`, :func:`order_request`) so they are unit-tested without a browser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.async_api import BrowserContext, Locator, Route

from uxaudit.journeys.patterns import ENGLISH, CheckoutPatterns

# URLs that place an order or take a payment, whatever the method.
_ORDER_URL = re.compile(
    r"place[-_]?order|placeorder|submit[-_]?order|confirm[-_]?order|complete[-_]?order|create[-_]?order|"
    r"/checkout/(?:[^?#]*/)?(?:complete|process|confirm|pay)(?:[/?#.]|$)|/payments?/(?:process|capture|authori[sz]e|execute)|"
    r"process[-_]?payment|/orders?/(?:new|create|place)(?:[/?#.]|$)",
    re.IGNORECASE,
)
# URLs whose POST places the order (GET only shows a page): Oscar's preview posts action=place_order.
_ORDER_POST_URL = re.compile(r"/checkout/(?:[^?#]*/)?(?:preview|review|confirm|summary|payment-details)(?:[/?#.]|$)",
                             re.IGNORECASE)
_ORDER_POST_BODY = re.compile(r"(?:^|&)(?:action|submit|op)=(?:place[-_+ ]?order|submit[-_+ ]?order|confirm|pay)",
                              re.IGNORECASE)
_PAYMENT_FRAME_HOSTS = re.compile(
    r"stripe\.com|stripe\.network|adyen\.com|braintreegateway\.com|paypal\.com|squareup\.com|checkout\.com|"
    r"klarna|afterpay|affirm\.com|worldpay|mollie\.com|authorize\.net|pay\.google\.com|apple\.com",
    re.IGNORECASE)


class UnsafeAction(Exception):
    """The guard refused an action that could place an order, pay or enter card data."""


def dangerous_control(text: str = "", value: str = "", aria_label: str = "", *, on_checkout: bool = False,
                      patterns: CheckoutPatterns = ENGLISH) -> str | None:
    """Why pressing a control with these words could place an order or pay, or None when it is safe."""
    for words in (text, value, aria_label):
        words = " ".join((words or "").split())
        if not words:
            continue
        match = patterns.search("dangerous", words)
        if match:
            return f"its label {words[:60]!r} places an order or pays ({match.group(0).strip()!r})"
        if on_checkout:
            match = patterns.search("dangerous_in_checkout", words)
            if match:
                return f"its label {words[:60]!r} pays or buys on a checkout page ({match.group(0).strip()!r})"
    return None


def order_request(url: str, method: str = "GET", body: str | None = None) -> str | None:
    """Why a request (navigation, form post, fetch) could place an order or pay, or None."""
    parts = urlsplit(url)
    where = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    match = _ORDER_URL.search(where)
    if match:
        return f"{method} {parts.path} looks like placing an order ({match.group(0)!r})"
    if method.upper() != "GET":
        match = _ORDER_POST_URL.search(parts.path)
        if match:
            return f"{method} {parts.path} submits the final checkout step ({match.group(0)!r})"
        if body and _ORDER_POST_BODY.search(unquote(body.replace("+", " ")).replace(" ", "_")):
            return f"{method} {parts.path} sends a place-order action"
    return None


def card_field(attributes: dict[str, str | None], *, patterns: CheckoutPatterns = ENGLISH) -> str | None:
    """Why a field takes card (or bank, or password) data, or None. ``attributes``: autocomplete,
    name, id, type, placeholder, aria-label, label, frame ('main' or an iframe URL)."""
    autocomplete = (attributes.get("autocomplete") or "").lower()
    if re.search(r"(?:^|\s)cc-", autocomplete):
        return f"autocomplete={autocomplete!r} marks a payment-card field"
    if (attributes.get("type") or "").lower() == "password" or "password" in autocomplete:
        return "it is a password field (the walker never signs in or creates accounts)"
    frame = attributes.get("frame") or "main"
    if frame != "main":
        host = urlsplit(frame).hostname or frame
        if _PAYMENT_FRAME_HOSTS.search(host):
            return f"it is inside a payment provider's iframe ({host})"
        return f"it is inside an iframe ({host}); the walker types only into the page itself"
    for key in ("name", "id", "placeholder", "aria-label", "label", "data-testid"):
        words = attributes.get(key) or ""
        match = patterns.search("card_field", words)
        if match:
            return f"its {key} {words[:60]!r} names card or bank data ({match.group(0)!r})"
        match = patterns.search("password_field", words) if key in ("name", "id") else None
        if match:
            return f"its {key} {words[:60]!r} names a password"
    return None


async def guard_route(route: Route) -> None:
    """Abort requests that would place an order; pass every other one on (to any later handler, then the network).

    ``fallback`` continues the request through the context's other route handlers (such
    as the one blocking off-site requests) and then to the network, so this handler
    never bypasses them.
    """
    request = route.request
    body: str | None = None
    if request.method != "GET":
        try:
            body = request.post_data
        except (UnicodeDecodeError, ValueError):
            body = None
    if order_request(request.url, request.method, body):
        await route.abort("blockedbyclient")
    else:
        await route.fallback()


@dataclass
class Guard:
    """Used for every click and every typed value of the checkout journey; logs what it refused."""

    patterns: CheckoutPatterns = ENGLISH
    refused: list[str] = field(default_factory=list)
    final_step: bool = False
    """Set once the review step is reached: from then on nothing is pressed."""

    async def install(self, context: BrowserContext) -> None:
        await context.route("**/*", guard_route)

    def _refuse(self, reason: str) -> UnsafeAction:
        self.refused.append(reason)
        return UnsafeAction(reason)

    async def describe(self, locator: Locator) -> dict[str, Any]:
        """The words and destination of a control, as the decisions read them."""
        info: dict[str, Any] = await locator.evaluate(_DESCRIBE_JS)
        return info

    def check_control(self, info: dict[str, Any], *, on_checkout: bool) -> None:
        """Raise UnsafeAction when a described control must not be pressed."""
        label = info.get("text") or info.get("value") or info.get("aria") or info.get("tag", "control")
        if self.final_step:
            raise self._refuse(f"refused to press {label!r}: the review step is the last one the walker sees")
        reason = dangerous_control(info.get("text", ""), info.get("value", ""), info.get("aria", ""),
                                   on_checkout=on_checkout, patterns=self.patterns)
        if reason:
            raise self._refuse(f"refused to press {label!r}: {reason}")
        if info.get("href"):
            reason = order_request(info["href"], "GET")
            if reason:
                raise self._refuse(f"refused to follow {label!r}: {reason}")
        if info.get("submits") and info.get("action"):
            reason = order_request(info["action"], info.get("method") or "GET")
            if reason:
                raise self._refuse(f"refused to submit {label!r}: {reason}")

    async def click(self, locator: Locator, *, on_checkout: bool, timeout: float = 10_000) -> dict[str, Any]:
        """Press a control after checking it; returns its description."""
        info = await self.describe(locator)
        self.check_control(info, on_checkout=on_checkout)
        await locator.click(timeout=timeout)
        return info

    async def check(self, locator: Locator, *, on_checkout: bool, timeout: float = 10_000) -> dict[str, Any]:
        """Tick a radio or checkbox (a choice, never a submit) after checking its label."""
        info = await self.describe(locator)
        self.check_control(info, on_checkout=on_checkout)
        await locator.check(timeout=timeout, force=True)
        return info

    async def fill(self, locator: Locator, value: str, *, timeout: float = 10_000) -> None:
        """Type a synthetic value into a field, unless it takes card data or a password."""
        attributes: dict[str, str | None] = await locator.evaluate(_FIELD_JS)
        attributes["frame"] = await locator.evaluate("() => window === window.top ? 'main' : location.href")
        reason = card_field(attributes, patterns=self.patterns)
        if reason:
            raise self._refuse(f"refused to type into {attributes.get('name') or attributes.get('id') or 'a field'}: {reason}")
        await locator.fill(value, timeout=timeout)


_DESCRIBE_JS = """(el) => {
  const clean = (s) => (s || '').replace(/\\s+/g, ' ').trim().slice(0, 120);
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') || '').toLowerCase();
  const submits = (tag === 'button' && (type === '' || type === 'submit')) || (tag === 'input' && (type === 'submit' || type === 'image'));
  const form = el.form || el.closest('form');
  const action = submits && form ? (el.getAttribute('formaction') ? el.formAction : form.action) : null;
  const method = submits && form ? ((el.getAttribute('formmethod') || form.getAttribute('method') || 'get').toUpperCase()) : null;
  const labels = el.labels ? [...el.labels].map((l) => l.innerText).join(' ') : '';
  return {tag, type, text: clean(el.innerText || labels), value: clean(tag === 'input' ? el.value : ''),
          aria: clean(el.getAttribute('aria-label')), href: tag === 'a' ? el.href : null,
          submits, action, method};
}"""

_FIELD_JS = """(el) => {
  const label = el.labels && el.labels.length ? [...el.labels].map((l) => l.innerText).join(' ') : '';
  const get = (n) => el.getAttribute(n);
  return {autocomplete: get('autocomplete'), name: get('name'), id: el.id || null, type: get('type'),
          placeholder: get('placeholder'), 'aria-label': get('aria-label'), label: label.trim().slice(0, 120),
          'data-testid': get('data-testid')};
}"""
