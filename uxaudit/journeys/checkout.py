"""The checkout journey: product → cart → checkout steps → review, like a guest shopper, never ordering.

    evidence = await walk(ctx)        # ctx.record, name "checkout", filled step by step

It picks an in-stock product from the product pages already gathered, chooses its
required options (first in-stock value), adds it to the cart, reads the cart's cost
lines, checks the cart survives a reload and a new tab, and proceeds to checkout. There
it looks for the guest path (and how prominent it is), fills an obviously synthetic
identity (``uxaudit-test@example.com``, "Test Shopper", a format-valid test address),
picks the first shipping method and goes on to the review step, where it stops.

Every step records (``JourneyStep.data``):

``fields``
    visible form fields: tag, type, name, id, label, required, autocomplete, inputmode,
    selector, box, ``path`` (part of the form the shopper fills to go on)
``cost_lines``
    label, amount (as written), kind (subtotal, shipping, tax, total, discount), selector, box
``shipping``
    shipping costs, free-shipping thresholds, estimator and "calculated at checkout" lines seen
``texts``
    headings, alerts and the lines that matter (guest, login, shipping)
``payments``
    payment methods detected, each with how (text, image, iframe, script, request) and the trace
``timing_s``
    seconds from the journey's start to the step

and the journey (``JourneyEvidence.data``): ``product``, ``add_to_cart``, ``cart_url``,
``cart_persists`` (reload, new tab), ``guest``, ``shipping_first_stage``,
``total_before_payment``, ``payment_methods``, ``checkout_steps``, ``stages``,
``guard`` (what the safety guard refused) and ``duration_s``.

Safety (see :mod:`uxaudit.journeys.safety`): every click and every typed value goes
through the guard, and a route handler aborts any request that would place an order.
The review step is never submitted.

When the journey cannot go on it sets ``stopped_reason`` (where and why) and returns
what it has.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from uxaudit.evidence import JourneyEvidence, JourneyStep, PageEvidence
from uxaudit.journeys import JourneyContext
from uxaudit.journeys.patterns import (
    PAYMENT_METHODS,
    CheckoutPatterns,
    field_purpose,
    for_language,
    money_in,
)
from uxaudit.journeys.safety import Guard, UnsafeAction, card_field

STAGES = ("product", "cart", "checkout-entry", "checkout-address", "checkout-shipping", "checkout-payment",
          "checkout-review")
"""Stages in shopper order; checks compare them by this index."""

NAV_TIMEOUT_MS = 20_000
SETTLE_TIMEOUT_MS = 4_000
MAX_CHECKOUT_PAGES = 8
MAX_PRODUCTS_TRIED = 3

TEXT_TYPES = frozenset({"text", "email", "tel", "number", "url", "search", "password", "date", "textarea", "", "month"})

# An obviously synthetic shopper; addresses are format-valid test data per country.
IDENTITY = {
    "email": "uxaudit-test@example.com",
    "given-name": "Test",
    "family-name": "Shopper",
    "name": "Test Shopper",
}
ADDRESSES: dict[str, dict[str, str]] = {
    "US": {"address-line1": "1 Test Street", "address-level2": "New York", "address-level1": "NY",
           "postal-code": "10001", "tel": "+1 212 555 0100", "country": "United States"},
    "GB": {"address-line1": "1 Test Street", "address-level2": "London", "address-level1": "Greater London",
           "postal-code": "SW1A 1AA", "tel": "+44 20 7946 0000", "country": "United Kingdom"},
}
COUNTRY_NAMES = {"US": r"^(?:us|usa|united states(?: of america)?)\b", "GB": r"^(?:gb|uk|united kingdom|great britain)\b"}
OPTIONAL_PURPOSES = frozenset({"organization", "additional-name", "address-line2", "bday", "honorific-prefix"})


class Stop(Exception):
    """The journey cannot go on; the message says where and why."""


@dataclass
class Walker:
    ctx: JourneyContext
    guard: Guard = field(default_factory=Guard)
    patterns: CheckoutPatterns = field(default_factory=lambda: for_language(None))
    started: float = field(default_factory=time.monotonic)
    product_name: str = ""
    requests: list[str] = field(default_factory=list)

    @property
    def record(self) -> JourneyEvidence:
        return self.ctx.record

    def elapsed(self) -> float:
        return round(time.monotonic() - self.started, 2)

    # -- reading a page ------------------------------------------------------------------

    async def snapshot(self, page: Page) -> dict[str, Any]:
        try:
            await page.wait_for_load_state("load", timeout=NAV_TIMEOUT_MS)
        except PlaywrightTimeout:
            pass
        await self.dismiss_overlays(page)
        snap: dict[str, Any] = await page.evaluate(SNAPSHOT_JS)
        self.patterns = for_language(snap.get("lang"))
        return snap

    async def step(self, page: Page, stage: str, action: str, snap: dict[str, Any], *, path_form: int | None = None,
                   note: str = "", ok: bool = True, extra: dict[str, Any] | None = None) -> JourneyStep:
        """Record one step: what the page shows at this stage, with a screenshot."""
        fields = [_field_record(f, path_form) for f in snap["fields"]]
        data: dict[str, Any] = {
            "fields": fields,
            "cost_lines": cost_lines(snap["costs"], self.patterns),
            "shipping": shipping_mentions(snap["lines"], snap["costs"], self.patterns),
            "texts": _texts_that_matter(snap, self.patterns),
            "payments": detect_payments(snap, self.requests),
            "request_hosts": sorted({urlsplit(u).hostname or "" for u in self.requests} - {""})[:40],
            "timing_s": self.elapsed(),
            "viewport_height": snap["viewport"]["height"],
        }
        self.requests.clear()
        if stage == "checkout-shipping":  # the shipping methods' prices are shipping costs
            priced = [f["label"] for f in snap["fields"] if f["type"] == "radio" and money_in(f["label"], self.patterns)]
            _merge_shipping(data["shipping"], {"costs": priced})
        if extra:
            data.update(extra)
        shot = None
        try:
            shot = await self.ctx.screenshot(page, f"checkout-{stage}")
        except PlaywrightError:
            shot = None
        step = JourneyStep(name=f"checkout-{stage}", stage=stage, url=page.url, action=action, ok=ok, note=note,
                           screenshot=shot, data=data)
        self.record.steps.append(step)
        return step

    async def dismiss_overlays(self, page: Page) -> list[str]:
        """Close what a shopper would close first: cookie banners (rejecting when possible), pop-ups."""
        closed: list[str] = []
        for _ in range(3):
            overlays: list[dict[str, Any]] = await page.evaluate(OVERLAYS_JS)
            choices = []
            for overlay in overlays:
                for kind in ("reject_consent", "close_overlay", "accept_consent"):
                    choice = next((b for b in overlay["buttons"] if self.patterns.search(kind, b["label"])), None)
                    if choice:
                        choices.append(choice)
                        break
            done = False
            for choice in choices:
                locator = page.locator(choice["selector"]).first
                try:
                    info = await self.guard.click(locator, on_checkout=False, timeout=2_000)
                    await locator.wait_for(state="hidden", timeout=2_000)
                except PlaywrightError:
                    continue
                closed.append(info.get("text") or info.get("aria") or choice["label"])
                done = True
                break
            if not done:
                break
        if closed:
            self.record.data.setdefault("dismissed", []).extend(closed)
        return closed

    # -- moving ----------------------------------------------------------------------------

    async def goto(self, page: Page, url: str) -> int | None:
        response = await page.goto(url, wait_until="load", timeout=NAV_TIMEOUT_MS)
        return response.status if response else None

    async def press(self, page: Page, selector: str, *, on_checkout: bool, choose: bool = False) -> dict[str, Any]:
        """Click (or tick) a control through the guard and wait for what it sets off."""
        locator = page.locator(selector).first
        before = page.url
        navigated = asyncio.get_running_loop().create_future()

        def on_nav(frame: Any) -> None:
            if frame == page.main_frame and not navigated.done():
                navigated.set_result(frame.url)

        page.on("framenavigated", on_nav)
        try:
            for attempt in (1, 2):
                try:
                    if choose:
                        info = await self.guard.check(locator, on_checkout=on_checkout, timeout=5_000)
                    else:
                        async with _pending_requests(page) as pending:
                            info = await self.guard.click(locator, on_checkout=on_checkout, timeout=5_000)
                            await _settle(page, navigated, pending)
                    break
                except PlaywrightTimeout as exc:
                    if attempt == 2 or not await self.dismiss_overlays(page):
                        raise Stop(f"on {page.url}: could not press {selector!r}: "
                                   f"{str(exc).splitlines()[0][:160]}") from None
        finally:
            page.remove_listener("framenavigated", on_nav)
        info["navigated"] = page.url != before
        return info

    # -- the walk ------------------------------------------------------------------------------

    async def run(self) -> None:
        page = await self.ctx.context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        await self.add_to_cart(page)
        cart_url = await self.open_cart(page)
        await self.check_saved_cart(page, cart_url)
        await self.checkout(page)

    async def add_to_cart(self, page: Page) -> None:
        candidates = pick_products(self.ctx.evidence.pages, self.ctx.viewport, self.patterns)
        if not candidates:
            raise Stop("at the product stage: no loaded product page in stock to start from")
        reasons: list[str] = []
        for source in candidates[:MAX_PRODUCTS_TRIED]:
            url = source.final_url or source.url
            status = await self.goto(page, url)
            snap = await self.snapshot(page)
            name = _product_name(source, snap)
            chosen = await self.choose_options(page, snap)
            snap = await self.snapshot(page)
            control = find_add_to_cart(snap, self.patterns)
            product_shipping = shipping_mentions(source.text.split("\n"), [], self.patterns)
            extra = {"product": {"url": url, "page_id": source.id, "name": name, "status": status, "options": chosen},
                     "evidence_shipping": product_shipping}
            if control is None:
                reason = "no add-to-cart control" + (" (the product may be sold out)" if self.patterns.search(
                    "unavailable", " ".join(snap["lines"][:200])) else "")
                await self.step(page, "product", "open product", snap, ok=False, note=reason, extra=extra)
                reasons.append(f"{url}: {reason}")
                continue
            step = await self.step(page, "product", "open product, choose options", snap, path_form=control["form"],
                                   extra=extra)
            _merge_shipping(step.data["shipping"], product_shipping)
            info = await self.press(page, control["selector"], on_checkout=False)
            after = await self.snapshot(page)
            self.product_name = name
            self.record.data["product"] = extra["product"]
            self.record.data["add_to_cart"] = {
                "selector": control["selector"], "text": control["text"] or control["value"] or control["aria"],
                "box": control["box"], "navigated_to": page.url if info["navigated"] else None,
                "feedback": after["alerts"][:3],
            }
            return
        raise Stop("at the product stage: could not add a product to the cart (" + "; ".join(reasons) + ")")

    async def choose_options(self, page: Page, snap: dict[str, Any]) -> dict[str, str]:
        """Choose required options (size, colour...) in the add-to-cart form: first value in stock."""
        control = find_add_to_cart(snap, self.patterns, include_disabled=True)
        form = control["form"] if control else -1
        chosen: dict[str, str] = {}
        for f in snap["fields"]:
            if f["form"] != form or f["disabled"]:
                continue
            if f["tag"] == "select":
                current = next((o for o in f.get("options", []) if o["text"] == f.get("selected")), None)
                if current and current["value"] and not current["disabled"] and not self.patterns.search(
                        "option_placeholder", current["text"]) and not self.patterns.search("unavailable", current["text"]):
                    continue
                option = next((o for o in f.get("options", []) if o["value"] and not o["disabled"]
                               and not self.patterns.search("option_placeholder", o["text"])
                               and not self.patterns.search("unavailable", o["text"])), None)
                if option is None:
                    raise Stop(f"at the product stage: no in-stock choice for the required option {f['label'] or f['name']!r}")
                await page.locator(f["selector"]).first.select_option(value=option["value"], timeout=10_000)
                chosen[f["label"] or f["name"]] = option["text"]
        groups: dict[str, list[dict[str, Any]]] = {}
        for f in snap["fields"]:
            if f["form"] == form and f["type"] == "radio":
                groups.setdefault(f["name"], []).append(f)
        for name, radios in groups.items():
            if any(r["checked"] for r in radios):
                continue
            radio = next((r for r in radios if not r["disabled"] and not self.patterns.search("unavailable", r["label"])), None)
            if radio:
                await self.press(page, radio["selector"], on_checkout=False, choose=True)
                chosen[name] = radio["label"] or radio.get("value", "")
        # swatches: role=radio buttons in the form with none selected
        swatches = [c for c in snap["controls"] if c["form"] == form and c["role"] == "radio" and c["visible"]]
        if swatches and not any(c["checked"] == "true" for c in swatches):
            swatch = next((c for c in swatches if not c["disabled"]
                           and not self.patterns.search("unavailable", c["text"] + " " + c["aria"])), None)
            if swatch:
                await self.press(page, swatch["selector"], on_checkout=False)
                chosen["swatch"] = swatch["aria"] or swatch["text"]
        return chosen

    async def open_cart(self, page: Page) -> str:
        snap = await self.snapshot(page)
        candidates: list[str] = []
        if _is_cart_url(page.url, self.patterns) and not self.patterns.search("cart_empty", " ".join(snap["lines"])):
            candidates.append(page.url)
        candidates += [d.url for d in self.ctx.evidence.site.discovered if d.kind == "cart"]
        candidates += cart_links(snap, self.patterns)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        candidates += [urljoin(origin, p) for p in ("/cart", "/basket/", "/cart/", "/basket")]
        tried: list[str] = []
        for url in dict.fromkeys(candidates):
            if url != page.url:
                try:
                    status = await self.goto(page, url)
                except PlaywrightError:
                    continue
                if status is not None and status >= 400:
                    tried.append(f"{url} ({status})")
                    continue
            snap = await self.snapshot(page)
            text = " ".join(snap["lines"])
            has_product = bool(self.product_name) and self.product_name.lower()[:40] in text.lower()
            has_checkout = find_checkout_control(snap, self.patterns) is not None
            if self.patterns.search("cart_empty", text) and not has_product:
                tried.append(f"{url} (empty)")
                continue
            if not (has_product or has_checkout):
                tried.append(f"{url} (no cart)")
                continue
            self.record.data["cart_url"] = page.url
            await self.step(page, "cart", "open the cart", snap, extra={"has_product": has_product})
            return page.url
        raise Stop("at the cart stage: the cart with the added product was not found (tried " + ", ".join(tried[:5]) + ")")

    async def check_saved_cart(self, page: Page, cart_url: str) -> None:
        """Does the cart survive a reload and a new tab (same browser context)?"""
        result: dict[str, bool | None] = {"reload": None, "new_tab": None}
        try:
            await page.reload(wait_until="load", timeout=NAV_TIMEOUT_MS)
            result["reload"] = self._cart_has_product(await self.snapshot(page))
            tab = await self.ctx.context.new_page()
            try:
                await self.goto(tab, cart_url)
                result["new_tab"] = self._cart_has_product(await self.snapshot(tab))
            finally:
                await tab.close()
        except PlaywrightError as exc:
            result["error"] = str(exc).split("\n")[0][:200]  # type: ignore[assignment]
        self.record.data["cart_persists"] = result

    def _cart_has_product(self, snap: dict[str, Any]) -> bool:
        text = " ".join(snap["lines"]).lower()
        if self.product_name:
            return self.product_name.lower()[:40] in text
        return not self.patterns.search("cart_empty", text)

    async def checkout(self, page: Page) -> None:
        snap = await self.snapshot(page)
        control = find_checkout_control(snap, self.patterns)
        if control is None:
            raise Stop(f"at the cart stage: no checkout button or link on {page.url}")
        await self.press(page, control["selector"], on_checkout=False)
        previous: tuple[str, str, int] | None = None
        seen_entry = False
        for _ in range(MAX_CHECKOUT_PAGES):
            snap = await self.snapshot(page)
            stage = classify(snap, page.url, self.patterns, seen_entry=seen_entry)
            signature = (page.url, stage, sum(1 for f in snap["fields"] if f["filled"]))
            if previous is not None and previous[:2] == signature[:2]:
                errors = _errors(snap, self.patterns)
                raise Stop(f"at the {stage} stage: the page did not move on ({page.url})"
                           + (f": {'; '.join(errors[:3])}" if errors else ""))
            previous = signature
            if stage == "checkout-entry":
                seen_entry = True
                await self.entry(page, snap)
            elif stage == "checkout-address":
                await self.address(page, snap)
            elif stage == "checkout-shipping":
                await self.shipping(page, snap)
            elif stage == "checkout-payment":
                await self.payment(page, snap)
            else:
                self.guard.final_step = True
                await self.step(page, "checkout-review", "reached the review step; stopped (never submitted)", snap,
                                path_form=-2)
                self.record.completed = True
                return
        raise Stop(f"in the checkout: the review step was not reached after {MAX_CHECKOUT_PAGES} pages")

    async def entry(self, page: Page, snap: dict[str, Any]) -> None:
        """The account choice: find the guest path and take it, or stop at a login wall."""
        guest = guest_path(snap, page.url, self.patterns)
        self.record.data["guest"] = guest
        form = guest["control"]["form"] if guest.get("control") and guest["mode"] == "choice-form" else -2
        await self.step(page, "checkout-entry", "checkout: choose how to continue", snap, path_form=form,
                        extra={"guest": guest})
        if guest["account_required"]:
            raise Stop(f"at the checkout-entry stage: an account is required ({guest['evidence']}) at {page.url}")
        control = guest.get("control")
        if guest["mode"] in ("choice-link",) and control:
            await self.press(page, control["selector"], on_checkout=True)
            return
        # a form: pick the guest radio, give the email, continue
        target_form = control["form"] if control else _email_form(snap)
        if control and control.get("kind") == "radio" and not control.get("checked"):
            await self.press(page, control["selector"], on_checkout=True, choose=True)
        for f in snap["fields"]:
            if f["form"] == target_form and field_purpose(f["autocomplete"], f["name"], f["id"], f["label"]) == "email" \
                    and f["type"] != "password" and not f["filled"]:
                await self.guard.fill(page.locator(f["selector"]).first, IDENTITY["email"])
        submit = find_continue(snap, target_form, self.patterns)
        if submit is None:
            raise Stop(f"at the checkout-entry stage: no way to continue as a guest on {page.url}")
        await self.press(page, submit["selector"], on_checkout=True)

    async def address(self, page: Page, snap: dict[str, Any]) -> None:
        form = path_form(snap, self.patterns)
        country = await self.fill_country(page, snap, form)
        if country is not None:
            snap = await self.snapshot(page)
            form = path_form(snap, self.patterns)
        step = await self.step(page, "checkout-address", "fill a synthetic identity and address", snap, path_form=form)
        values = ADDRESSES[country or "US"]
        filled: list[str] = []
        purposes_done: set[str] = set()
        for f in snap["fields"]:
            if f["form"] != form or f["disabled"] or f["filled"]:
                continue
            purpose = field_purpose(f["autocomplete"], f["name"], f["id"], f["label"], f["placeholder"])
            optional = "optional" in (f["label"] or "").lower() or (purpose in OPTIONAL_PURPOSES and not f["required"])
            if f["tag"] == "select":
                if purpose == "country":
                    continue
                if f["required"] or purpose == "address-level1":
                    option = _pick_option(f, values.get(purpose or "", ""), self.patterns)
                    if option is not None:
                        await page.locator(f["selector"]).first.select_option(value=option["value"], timeout=10_000)
                        filled.append(f["name"])
                continue
            if f["type"] in ("checkbox", "radio"):
                if f["required"] and not f["checked"]:
                    await self.press(page, f["selector"], on_checkout=True, choose=True)
                    filled.append(f["name"])
                continue
            if f["type"] not in TEXT_TYPES or optional:
                continue
            if purpose in ("card", "password") or card_field({**f, "aria-label": None, "frame": "main"}):
                continue
            value = IDENTITY.get(purpose or "") or values.get(purpose or "")
            if not f["required"] and (value is None or purpose in purposes_done):
                continue
            if value is None:
                value = "Test"
            await self.guard.fill(page.locator(f["selector"]).first, value)
            purposes_done.add(purpose or "")
            filled.append(f["name"] or f["id"])
        step.data["filled"] = filled
        submit = find_continue(snap, form, self.patterns)
        if submit is None:
            raise Stop(f"at the checkout-address stage: no button to continue on {page.url}")
        await self.press(page, submit["selector"], on_checkout=True)

    async def fill_country(self, page: Page, snap: dict[str, Any], form: int) -> str | None:
        """Keep a selected country we have an address for; else choose the US or the UK."""
        for f in snap["fields"]:
            if f["form"] != form or f["tag"] != "select":
                continue
            if field_purpose(f["autocomplete"], f["name"], f["id"], f["label"]) != "country":
                continue
            selected = (f.get("selected") or "").strip().lower()
            for code, pattern in COUNTRY_NAMES.items():
                if re.search(pattern, selected, re.IGNORECASE):
                    return code
            for code, pattern in COUNTRY_NAMES.items():
                option = next((o for o in f.get("options", []) if not o["disabled"] and o["value"]
                               and (re.search(pattern, o["text"], re.IGNORECASE) or o["value"].upper() == code)), None)
                if option:
                    await page.locator(f["selector"]).first.select_option(value=option["value"], timeout=10_000)
                    return code
            return None
        return None

    async def shipping(self, page: Page, snap: dict[str, Any]) -> None:
        form = path_form(snap, self.patterns)
        await self.step(page, "checkout-shipping", "choose the first shipping method", snap, path_form=form)
        radios = [f for f in snap["fields"] if f["type"] == "radio" and not f["disabled"]
                  and (f["form"] == form or form == -1)]
        if radios and not any(r["checked"] for r in radios):
            await self.press(page, radios[0]["selector"], on_checkout=True, choose=True)
        submit = find_continue(snap, form, self.patterns)
        if submit is None:
            raise Stop(f"at the checkout-shipping stage: no button to continue on {page.url}")
        await self.press(page, submit["selector"], on_checkout=True)

    async def payment(self, page: Page, snap: dict[str, Any]) -> None:
        form = path_form(snap, self.patterns)
        await self.step(page, "checkout-payment", "read the payment options (no card data typed)", snap, path_form=form)
        submit = find_continue(snap, form, self.patterns, review_only=True)
        if submit is None:
            raise Stop(f"at the checkout-payment stage: going on would need card data or pay ({page.url}); "
                       "the walker never types card data")
        await self.press(page, submit["selector"], on_checkout=True)


# --- the journey ---------------------------------------------------------------------------------


async def walk(ctx: JourneyContext) -> JourneyEvidence:
    """Walk product → cart → checkout → review in ``ctx``'s own context; never places an order."""
    record = ctx.record
    record.name = "checkout"
    walker = Walker(ctx)
    await walker.guard.install(ctx.context)
    try:
        await walker.run()
    except Stop as exc:
        record.stopped_reason = str(exc)
    except UnsafeAction as exc:
        record.stopped_reason = f"the safety guard stopped the journey: {exc}"
    finally:
        summarise(record, walker)
    return record


def summarise(record: JourneyEvidence, walker: Walker) -> None:
    """Journey-level facts the checks read, derived from the steps."""
    record.data["duration_s"] = walker.elapsed()
    if "guest" not in record.data and any(s.stage == "checkout-address" for s in record.steps):
        address = next(s for s in record.steps if s.stage == "checkout-address")
        record.data["guest"] = {"url": address.url, "offered": True, "account_required": False, "mode": "no-login-step",
                                "first_choice": True, "above_fold": True, "hidden": False, "control": None,
                                "evidence": "the checkout opens on the address form, with no sign-in step"}
    record.data["guard"] = {"refused": list(walker.guard.refused)}
    record.data["stages"] = [s.stage for s in record.steps if s.ok]
    first = first_shipping_stage(record.steps)
    record.data["shipping_first_stage"] = first["stage"] if first else None
    record.data["shipping_first"] = first
    record.data["total_before_payment"] = total_before_payment(record.steps)
    record.data["payment_methods"] = payment_summary(record.steps)
    record.data["checkout_steps"] = checkout_step_count(record.steps)


# --- pure helpers (unit-tested without a browser) -------------------------------------------------


def pick_products(pages: list[PageEvidence], viewport: str, patterns: CheckoutPatterns) -> list[PageEvidence]:
    """Loaded product pages, in-stock first (structured data, then text); known sold-out ones left out."""
    own = [p for p in pages if p.kind == "product" and p.loaded and p.viewport == viewport]
    pool = own or [p for p in pages if p.kind == "product" and p.loaded]
    if not pool:  # discovery classed no page as a product: take unclassified pages with an add-to-cart control
        pool = [p for p in pages if p.kind == "other" and p.loaded and p.viewport == viewport
                and any(patterns.search("add_to_cart", e.text) for e in p.interactive)]
    ranked: list[tuple[int, int, PageEvidence]] = []
    for index, page in enumerate(pool):
        availability = _availability(page.structured_data)
        if availability == "out":
            continue
        if availability == "in":
            rank = 0
        else:
            head = "\n".join(page.text.split("\n")[:80])
            add = any(patterns.search("add_to_cart", e.text) for e in page.interactive)
            if patterns.search("unavailable", head) and not add:
                continue
            rank = 1 if add else 2
        ranked.append((rank, index, page))
    return [p for _, _, p in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _availability(structured: list[dict[str, Any]]) -> str | None:
    """'in', 'out' or None from schema.org Product offers."""
    found: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            value = node.get("availability")
            if isinstance(value, str):
                found.append(value.rsplit("/", 1)[-1].lower())
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(structured)
    if any(v in ("instock", "limitedavailability", "onlineonly", "preorder", "backorder") for v in found):
        return "in"
    if found and all(v in ("outofstock", "soldout", "discontinued") for v in found):
        return "out"
    return None


def _product_name(source: PageEvidence, snap: dict[str, Any]) -> str:
    for block in source.structured_data:
        if isinstance(block, dict) and "Product" in str(block.get("@type", "")) and isinstance(block.get("name"), str):
            return str(block["name"]).strip()
    heads = snap.get("headings") or []
    return heads[0] if heads else (source.meta.title or "")


def _label(control: dict[str, Any]) -> str:
    return " ".join(x for x in (control.get("text"), control.get("value"), control.get("aria"), control.get("title")) if x)


def find_add_to_cart(snap: dict[str, Any], patterns: CheckoutPatterns, *, include_disabled: bool = False
                     ) -> dict[str, Any] | None:
    """The product's add-to-cart control: by its words, preferring one that submits a cart form."""
    scored: list[tuple[int, int, dict[str, Any]]] = []
    for c in snap["controls"]:
        if not c["visible"] or (c["disabled"] and not include_disabled) or c["in_header"]:
            continue
        label = _label(c)
        if patterns.search("add_to_cart", label):
            score = 0
        elif patterns.search("buy_now", label):
            score = 2
        else:
            continue
        if not c["form"] >= 0:
            score += 1
        if c["action"] and re.search(r"cart|basket|bag|add", c["action"], re.IGNORECASE):
            score -= 1
        scored.append((score, c["order"], c))
    return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def find_checkout_control(snap: dict[str, Any], patterns: CheckoutPatterns) -> dict[str, Any] | None:
    """The cart's checkout button or link (not an express-payment button)."""
    best: tuple[int, int, dict[str, Any]] | None = None
    for c in snap["controls"]:
        if not c["visible"] or c["disabled"]:
            continue
        label = _label(c)
        if not patterns.search("checkout", label) or patterns.search("dangerous", label):
            continue
        if re.search(r"pay\s?pal|apple|google|shop\s?pay|amazon|klarna", label, re.IGNORECASE):
            continue
        score = 0 if not c["in_header"] else 2
        if c["href"] and not re.search(r"check\s?-?out", c["href"], re.IGNORECASE):
            score += 1
        if best is None or (score, -_area(c)) < (best[0], -_area(best[2])):
            best = (score, c["order"], c)
    return best[2] if best else None


def _area(c: dict[str, Any]) -> float:
    box = c.get("box") or {}
    return float(box.get("width", 0)) * float(box.get("height", 0))


def cart_links(snap: dict[str, Any], patterns: CheckoutPatterns) -> list[str]:
    """URLs of links to the cart, by their words or their path."""
    urls: list[str] = []
    for c in snap["controls"]:
        href = c.get("href") or ""
        if not href.startswith("http"):
            continue
        by_path = patterns.search("cart_path", urlsplit(href).path)
        by_words = patterns.search("cart_link", _label(c)) and not patterns.search("add_to_cart", _label(c))
        if (by_path or by_words) and "checkout" not in href.lower():
            urls.append(href.split("#")[0])
    return urls


def _is_cart_url(url: str, patterns: CheckoutPatterns) -> bool:
    return bool(patterns.search("cart_path", urlsplit(url).path))


def _field_record(f: dict[str, Any], path_form: int | None) -> dict[str, Any]:
    """A field as the evidence keeps it; ``path``: the shopper fills it to go on."""
    if path_form is None or path_form == -2:
        path = False
    else:
        path = f["form"] == path_form
    record = {k: f.get(k) for k in ("tag", "type", "name", "id", "label", "required", "autocomplete", "inputmode",
                                    "selector", "box", "form")}
    record["label"] = re.sub(r"\s*\*\s*$", "", str(f.get("label") or ""))
    record["path"] = path and not f["disabled"] and f["type"] != "password"  # a guest never types a password
    record["purpose"] = field_purpose(f["autocomplete"], f["name"], f["id"], f["label"], f.get("placeholder"))
    return record


def cost_lines(rows: list[dict[str, Any]], patterns: CheckoutPatterns) -> list[dict[str, Any]]:
    """Cost rows with one label and one amount: subtotal, shipping, tax, total, discount."""
    lines: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        text = row["text"]
        amounts = re.findall(patterns.money, text, re.IGNORECASE)
        deferred = bool(patterns.search("shipping_deferred", text)) or bool(re.search(r"\bcalculated\b|\btbd\b", text, re.IGNORECASE))
        free = bool(patterns.search("free", text))
        if len(amounts) > 1 or (not amounts and not free and not deferred):
            continue
        label = re.sub(patterns.money, "", text, flags=re.IGNORECASE).strip(" :–-")
        if len(label) > 60:
            continue
        kind = None
        for name in ("subtotal", "shipping", "tax", "discount", "total"):
            if patterns.search(name, label):
                kind = name
                break
        if kind is None:
            continue
        amount = amounts[0].strip() if amounts else ("free" if free and not deferred else "calculated later")
        if (kind, amount) in seen:
            continue
        seen.add((kind, amount))
        lines.append({"kind": kind, "label": label[:60], "amount": amount, "deferred": deferred and not amounts,
                      "selector": row["selector"], "box": row["box"]})
    return lines


def shipping_mentions(lines: list[str], rows: list[dict[str, Any]], patterns: CheckoutPatterns) -> dict[str, Any]:
    """Shipping costs, free-shipping thresholds, an estimator and deferrals seen in a page's text."""
    found: dict[str, Any] = {"costs": [], "thresholds": [], "estimator": [], "deferred": []}
    lines = [line for line in lines if line and len(line) <= 200]
    for i, line in enumerate(lines):
        if patterns.search("estimator", line) and len(line) < 80:
            found["estimator"].append(line)
        if patterns.search("free_threshold", line) and patterns.search("shipping", line):
            found["thresholds"].append(line)
            continue
        if not patterns.search("shipping", line):
            continue
        has_money = bool(patterns.search("money", line))
        if patterns.search("shipping_deferred", line) and not has_money:
            found["deferred"].append(line)
            continue
        if has_money or patterns.search("free", line):
            if not has_money and patterns.search("not_shipping", line) and not re.search(
                    r"free\s+(?:standard\s+|express\s+|uk\s+|us\s+)?(?:shipping|delivery|postage)", line, re.IGNORECASE):
                continue
            found["costs"].append(line)
            continue
        # a label on its own line, its amount on the next (dt/dd, table cells)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if len(line) <= 40 and len(following) <= 30 and money_in(following, patterns) and not patterns.search(
                "shipping_deferred", following) and not re.search(r"\bcalculated\b", following, re.IGNORECASE):
            found["costs"].append(f"{line} {following}")
        elif len(line) <= 40 and re.search(r"\bcalculated\b|\bat checkout\b", following, re.IGNORECASE):
            found["deferred"].append(f"{line} {following}")
    for row in cost_lines(rows, patterns):
        if row["kind"] == "shipping" and not row["deferred"]:
            text = f"{row['label']} {row['amount']}"
            if text not in found["costs"]:
                found["costs"].append(text)
    for key in found:
        found[key] = list(dict.fromkeys(found[key]))[:8]
    found["shown"] = bool(found["costs"] or found["thresholds"] or found["estimator"])
    return found


def _merge_shipping(into: dict[str, Any], other: dict[str, Any]) -> None:
    for key in ("costs", "thresholds", "estimator", "deferred"):
        into.setdefault(key, [])
        into[key] = list(dict.fromkeys(into[key] + other.get(key, [])))[:8]
    into["shown"] = bool(into["costs"] or into["thresholds"] or into["estimator"])


def _texts_that_matter(snap: dict[str, Any], patterns: CheckoutPatterns) -> dict[str, list[str]]:
    interesting = [line for line in snap["lines"] if len(line) <= 160 and any(
        patterns.search(name, line) for name in ("guest", "login", "register", "shipping_deferred", "free_threshold"))]
    return {"headings": snap["headings"][:10], "alerts": snap["alerts"][:5], "lines": interesting[:15]}


def _errors(snap: dict[str, Any], patterns: CheckoutPatterns) -> list[str]:
    errors = [a for a in snap["alerts"] if a]
    errors += [line for line in snap["lines"] if len(line) < 160 and patterns.search("field_error", line)]
    return list(dict.fromkeys(errors))[:5]


def detect_payments(snap: dict[str, Any], requests: list[str] | None = None) -> list[dict[str, str]]:
    """Payment methods a page shows: words, logos (alt, file names), iframes, scripts and requests."""
    found: dict[str, dict[str, str]] = {}
    texts = [line for line in snap["lines"] if len(line) <= 80]  # labels and short lines, not running prose
    texts += [_label(c) for c in snap["controls"] if c["visible"]]
    texts += [f["label"] for f in snap["fields"] if f["type"] == "radio"]
    assets = [(i["alt"] + " " + i["title"], i["src"]) for i in snap["images"]]
    hosts = [(u, urlsplit(u).hostname or "") for u in snap["iframes"] + snap["scripts"] + snap["resources"]
             + list(requests or [])]
    card_autocomplete = [f for f in snap["fields"] if (f.get("autocomplete") or "").startswith("cc-")]
    for method in PAYMENT_METHODS:
        # a word of its own, not part of a package or file name ("django-oscar-paypal", "paypal.js")
        text_re = re.compile(r"(?<![-_./\w])(?:" + method.text + r")(?![-_./]\w)", re.IGNORECASE)
        asset_re = re.compile(method.asset, re.IGNORECASE)
        host_re = re.compile(method.hosts, re.IGNORECASE)
        hit: dict[str, str] | None = None
        for words in texts:
            if words and text_re.search(words):
                hit = {"how": "text", "trace": words[:100]}
                break
        if hit is None:
            for alt, src in assets:
                if alt and text_re.search(alt):
                    hit = {"how": "image alt", "trace": alt[:100]}
                    break
                name = urlsplit(src).path.rsplit("/", 1)[-1] if src else ""
                if name and asset_re.search(name):
                    hit = {"how": "image file", "trace": name[:100]}
                    break
        if hit is None:
            for url, host in hosts:
                if host and method.hosts != "^$" and host_re.search(host):
                    hit = {"how": "script or iframe host", "trace": url[:120]}
                    break
        if hit is None and method.family == "cards" and card_autocomplete:
            hit = {"how": "card fields", "trace": card_autocomplete[0]["selector"]}
        if hit:
            found[method.name] = {"method": method.name, "family": method.family, **hit}
    return list(found.values())


def classify(snap: dict[str, Any], url: str, patterns: CheckoutPatterns, *, seen_entry: bool = False) -> str:
    """Which checkout stage a page is at, from its fields, controls, headings and URL."""
    fields = [f for f in snap["fields"] if not f["disabled"]]
    purposes = [field_purpose(f["autocomplete"], f["name"], f["id"], f["label"], f.get("placeholder")) for f in fields]
    empty = [p for p, f in zip(purposes, fields, strict=True) if not f["filled"]]
    password = any(f["type"] == "password" for f in fields)
    address = {"address-line1", "postal-code", "address-level2"} & set(empty)
    path = urlsplit(url).path.lower()
    heads = " ".join(snap["headings"])
    dangerous_button = any(c["visible"] and not c["disabled"] and patterns.search("dangerous", _label(c))
                           for c in snap["controls"])
    if password and not address:
        return "checkout-entry"
    if patterns.search("account_path", path) and not address:
        return "checkout-entry"
    if address:
        return "checkout-address"
    shipping_radios = [f for f in fields if f["type"] == "radio" and (
        patterns.search("shipping", f["name"] + " " + f["label"]) or money_in(f["label"], patterns))
        and not patterns.search("payment_step", f["name"])]
    card = "card" in purposes or any(patterns.search("card_field", f["name"] + " " + f["id"]) for f in fields)
    if dangerous_button and not card and not shipping_radios:
        return "checkout-review"  # a place-order button: the last step, whatever its summary's headings say
    if card or (patterns.search("payment_step", heads) and not dangerous_button) or (
            re.search(r"/payment", path) and not dangerous_button):
        return "checkout-payment"
    if shipping_radios or patterns.search("shipping_step", heads) or re.search(r"/(?:shipping|delivery)[-_]?method", path):
        return "checkout-shipping"
    if dangerous_button or patterns.search("review_step", heads) or re.search(r"/(?:review|preview|confirm)", path):
        return "checkout-review"
    if not seen_entry and (any(p == "email" for p in empty) or any(
            c["visible"] and patterns.search("guest", _label(c)) for c in snap["controls"])):
        return "checkout-entry"
    if re.search(r"/shipping|/delivery", path):
        return "checkout-shipping"
    return "checkout-review" if seen_entry else "checkout-entry"


def guest_path(snap: dict[str, Any], url: str, patterns: CheckoutPatterns) -> dict[str, Any]:
    """Is there a guest path at the checkout entry, and how prominent is it?"""
    height = snap["viewport"]["height"]
    fields = [f for f in snap["fields"] if not f["disabled"]]
    passwords = [f for f in fields if f["type"] == "password"]
    login_controls = [c for c in snap["controls"] if c["visible"] and not c["in_header"] and (
        patterns.search("login", _label(c)) or patterns.search("register", _label(c)))]
    guest_controls: list[dict[str, Any]] = []
    for f in fields:
        if f["type"] == "radio" and patterns.search("guest", f["label"]):
            guest_controls.append({**f, "kind": "radio", "text": f["label"], "visible": True})
    for c in snap["controls"]:
        if patterns.search("guest", _label(c)) and not patterns.search("login", _label(c)):
            guest_controls.append({**c, "kind": "link" if c["tag"] == "a" or not c["submits"] else "button"})
    visible_guest = [g for g in guest_controls if g.get("visible", True)]
    auth_order = [x["order"] for x in passwords + login_controls if x.get("order", -1) >= 0]
    result: dict[str, Any] = {"url": url, "offered": False, "account_required": False, "mode": "none",
                              "first_choice": None, "above_fold": None, "preselected": None, "hidden": False,
                              "control": None, "login_controls": [_brief(c) for c in login_controls[:4]],
                              "password_fields": len(passwords), "evidence": ""}
    if visible_guest:
        control = min(visible_guest, key=lambda g: g["order"])
        first = not auth_order or control["order"] < min(auth_order)
        box = control.get("box") or {}
        result.update(
            offered=True, mode="choice-form" if control["kind"] == "radio" or control.get("submits") else "choice-link",
            first_choice=first, above_fold=(box.get("y", 0) + min(box.get("height", 0), 60)) <= height,
            preselected=bool(control.get("checked")) if control["kind"] == "radio" else None,
            control=_brief(control), evidence=control.get("text") or control.get("label") or "")
        result["control"].update(kind=control["kind"], checked=control.get("checked"), form=control["form"],
                                 submits=control.get("submits", False))
        if control["kind"] == "button":
            result["mode"] = "choice-link"
        return result
    if guest_controls:
        control = guest_controls[0]
        result.update(offered=True, hidden=True, mode="choice-link", first_choice=False, above_fold=False,
                      control=_brief(control), evidence=control.get("text") or "")
        result["control"].update(kind=control["kind"], form=control["form"], submits=control.get("submits", False))
        return result
    emails = [f for f in fields if not f["filled"] and f["type"] != "password"
              and field_purpose(f["autocomplete"], f["name"], f["id"], f["label"]) == "email"]
    if not passwords and emails:
        email = emails[0]
        box = email.get("box") or {}
        result.update(offered=True, mode="email-first", first_choice=True,
                      above_fold=(box.get("y", 0) + min(box.get("height", 0), 60)) <= height,
                      control={**_brief(email), "kind": "email", "form": email["form"]},
                      evidence="the checkout starts with an email field and no password")
        return result
    what = []
    if passwords:
        what.append(f"{len(passwords)} password field{'s' if len(passwords) > 1 else ''}")
    if login_controls:
        what.append("sign-in/registration: " + ", ".join(sorted({_label(c)[:30] for c in login_controls})[:3]))
    result.update(account_required=bool(passwords or login_controls or patterns.search(
        "account_path", urlsplit(url).path)), evidence="; ".join(what) or "a sign-in page")
    return result


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    return {"selector": c.get("selector"), "text": (_label(c) or c.get("label") or "")[:80], "box": c.get("box"),
            "tag": c.get("tag"), "order": c.get("order")}


def _email_form(snap: dict[str, Any]) -> int:
    for f in snap["fields"]:
        if f["type"] != "password" and field_purpose(f["autocomplete"], f["name"], f["id"], f["label"]) == "email":
            return int(f["form"])
    return -1


def path_form(snap: dict[str, Any], patterns: CheckoutPatterns) -> int:
    """The form the shopper fills to go on: most visible fields, not search, sign-in or newsletter forms."""
    counts: dict[int, int] = {}
    forms = snap.get("forms", [])
    for f in snap["fields"]:
        if f["disabled"] or f["type"] == "search":
            continue
        index = f["form"]
        if 0 <= index < len(forms):
            meta = forms[index]
            words = f"{meta['action']} {meta['role']} {meta['id']} {meta['cls']}"
            if re.search(r"search|newsletter|subscribe|login|signin|sign-in", words, re.IGNORECASE):
                continue
        counts[index] = counts.get(index, 0) + (2 if f["type"] not in ("checkbox", "radio") else 1)
    if not counts:
        return -1
    return max(counts, key=lambda k: (counts[k], -k))


def find_continue(snap: dict[str, Any], form: int, patterns: CheckoutPatterns, *, review_only: bool = False
                  ) -> dict[str, Any] | None:
    """The control that moves to the next step: in the form first, by its words; never one that pays."""
    options: list[tuple[int, int, dict[str, Any]]] = []
    for c in snap["controls"]:
        if not c["visible"] or c["disabled"]:
            continue
        label = _label(c)
        if patterns.search("dangerous", label) or patterns.search("dangerous_in_checkout", label):
            continue
        moves = patterns.search("continue_step", label) or patterns.search("checkout", label)
        backs = patterns.search("back_or_edit", label) and not moves
        if backs or c["in_header"] or c["in_footer"]:
            continue
        if review_only and not moves:
            continue
        in_form = c["form"] == form and form >= 0
        if moves and in_form:
            rank = 0
        elif in_form and c["submits"]:
            rank = 1
        elif moves:
            rank = 2
        else:
            continue
        options.append((rank, c["order"], c))
    if not options:
        return None
    return min(options, key=lambda o: (o[0], o[1]))[2]


def _pick_option(f: dict[str, Any], wanted: str, patterns: CheckoutPatterns) -> dict[str, Any] | None:
    options: list[dict[str, Any]] = [o for o in f.get("options", []) if o["value"] and not o["disabled"]
                                     and not patterns.search("option_placeholder", o["text"])]
    if wanted:
        for o in options:
            if o["value"].lower() == wanted.lower() or o["text"].lower() == wanted.lower():
                return o
    return options[0] if options else None


def stage_index(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else len(STAGES)


def first_shipping_stage(steps: list[JourneyStep]) -> dict[str, Any] | None:
    """The first step showing a shipping cost, estimator or free-shipping threshold."""
    for step in sorted((s for s in steps if s.ok or s.stage == "product"), key=lambda s: stage_index(s.stage)):
        shipping = step.data.get("shipping") or {}
        if shipping.get("shown"):
            what = (shipping.get("costs") or shipping.get("thresholds") or shipping.get("estimator") or [""])[0]
            kind = "cost" if shipping.get("costs") else ("threshold" if shipping.get("thresholds") else "estimator")
            return {"stage": step.stage, "url": step.url, "text": what, "kind": kind}
    return None


def total_before_payment(steps: list[JourneyStep]) -> bool | None:
    """Is a total including shipping shown before the payment step? None: the journey never got that far."""
    shipping_known = False
    reached_payment = False
    for step in sorted(steps, key=lambda s: stage_index(s.stage)):
        if stage_index(step.stage) >= stage_index("checkout-payment"):
            reached_payment = True
            break
        lines = step.data.get("cost_lines") or []
        if any(line["kind"] == "shipping" and not line.get("deferred") for line in lines) or (
                step.data.get("shipping") or {}).get("costs"):
            shipping_known = True
        if shipping_known and any(line["kind"] == "total" and not line.get("deferred")
                                  and not re.search(r"estimated", line["label"], re.IGNORECASE) for line in lines):
            return True
    return False if reached_payment else None


def payment_summary(steps: list[JourneyStep]) -> dict[str, dict[str, Any]]:
    """Payment methods seen on the cart and checkout steps: family, stages, first trace."""
    summary: dict[str, dict[str, Any]] = {}
    for step in steps:
        if step.stage == "product":
            continue
        for hit in step.data.get("payments") or []:
            entry = summary.setdefault(hit["method"], {"family": hit["family"], "stages": [], "how": hit["how"],
                                                       "trace": hit["trace"], "url": step.url})
            if step.stage not in entry["stages"]:
                entry["stages"].append(step.stage)
    return summary


def checkout_step_count(steps: list[JourneyStep]) -> int:
    """Checkout pages after the cart up to and including the review (Baymard counts them so)."""
    return len({(s.stage, s.url) for s in steps if s.stage.startswith("checkout-")})


# --- waiting without sleeping ------------------------------------------------------------------------


class _pending_requests:
    """Watches, while a click is handled, the requests it sets off (form posts, fetch, XHR, documents)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.open: set[Any] = set()
        self.finished = asyncio.Event()

    def _start(self, request: Any) -> None:
        if request.method != "GET" or request.resource_type in ("fetch", "xhr", "document"):
            self.open.add(request)

    def _end(self, request: Any) -> None:
        if request in self.open:
            self.open.discard(request)
            self.finished.set()

    async def __aenter__(self) -> Self:
        self.page.on("request", self._start)
        self.page.on("requestfinished", self._end)
        self.page.on("requestfailed", self._end)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.page.remove_listener("request", self._start)
        self.page.remove_listener("requestfinished", self._end)
        self.page.remove_listener("requestfailed", self._end)


async def _settle(page: Page, navigated: asyncio.Future[str], pending: _pending_requests) -> None:
    """After a click: wait for the navigation or the requests it set off, each wait bounded.

    Waits for the first of (a main-frame navigation, a watched request finishing), then
    for the page's load or for the other watched requests; a click that sets off nothing
    costs at most ``SETTLE_TIMEOUT_MS``.
    """
    deadline = asyncio.get_running_loop().time() + SETTLE_TIMEOUT_MS / 1000
    finished = asyncio.ensure_future(pending.finished.wait())
    try:
        first: set[asyncio.Future[Any]] = {navigated, finished}
        await asyncio.wait(first, timeout=SETTLE_TIMEOUT_MS / 1000, return_when=asyncio.FIRST_COMPLETED)
    finally:
        finished.cancel()
    while pending.open and not navigated.done():
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            break
        pending.finished.clear()
        waiter = asyncio.ensure_future(pending.finished.wait())
        try:
            either: set[asyncio.Future[Any]] = {navigated, waiter}
            await asyncio.wait(either, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
    if navigated.done():
        try:
            await page.wait_for_load_state("load", timeout=NAV_TIMEOUT_MS)
        except PlaywrightTimeout:
            pass


_SELECTOR_JS = r"""
  const simple = /^[a-zA-Z_][\w-]*$/;
  const sel = (el) => {
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      if (node.id && simple.test(node.id) && document.querySelectorAll('#' + node.id).length === 1) { parts.unshift('#' + node.id); break; }
      let part = node.tagName.toLowerCase();
      const name = node.getAttribute('name');
      if (name && /^[\w\[\]-]+$/.test(name) && ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(node.tagName)) part += `[name="${name}"]`;
      const classes = [...node.classList].filter((c) => simple.test(c)).slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.tagName === node.tagName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
      if (node.tagName === 'BODY') break;
      node = parent;
    }
    return parts.join(' > ');
  };
"""
"""Names an element the way a store's developer finds it again: an id, else a short path."""

OVERLAYS_JS = r"""() => {
  const vw = innerWidth, vh = innerHeight;
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const shown = (el) => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && parseFloat(cs.opacity) > 0.01
      && r.bottom > 0 && r.top < vh; };
  /*SELECTOR*/
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const cs = getComputedStyle(el);
    const modal = el.matches('[role=dialog], [role=alertdialog], [aria-modal=true], dialog[open]');
    if (!modal && cs.position !== 'fixed') continue;
    if (!shown(el) || el.closest('header, nav')) continue;
    const r = el.getBoundingClientRect();
    if (!modal && r.width * r.height < vw * vh * 0.08) continue;
    const buttons = [...el.querySelectorAll('button, a, [role=button], input[type=button], input[type=submit]')].filter(shown)
      .map((b) => ({ label: clean(b.innerText || b.value || '') + ' ' + clean(b.getAttribute('aria-label') || b.getAttribute('title') || ''),
                     selector: sel(b) }));
    if (buttons.length && !out.some((o) => o.buttons[0].selector === buttons[0].selector)) {
      out.push({ buttons, modal, area: r.width * r.height });
    }
    if (out.length >= 6) break;
  }
  return out.sort((a, b) => (b.modal - a.modal) || (b.area - a.area));
}"""
"""Visible cookie banners, dialogs and fixed pop-ups, with their buttons' labels."""

SNAPSHOT_JS = r"""// What the checkout journey reads from a page at each step (one evaluate per step):
// form fields, controls, cost rows, text lines, headings, alerts and payment traces.
// Boxes are CSS pixels relative to the document's top-left corner.
() => {
  const vw = window.innerWidth, vh = window.innerHeight, sx = window.scrollX, sy = window.scrollY;
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const rendered = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const visible = (el) => rendered(el) && parseFloat(getComputedStyle(el).opacity) > 0.01
    && (!el.checkVisibility || el.checkVisibility({ contentVisibilityAuto: true }));
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.left + sx, y: r.top + sy, width: r.width, height: r.height }; };
  /*SELECTOR*/
  const order = new Map();
  let i = 0;
  for (const el of (document.body || document.documentElement).querySelectorAll('*')) order.set(el, i++);
  const forms = [...document.forms];
  const formOf = (el) => { const f = el.form || el.closest('form'); return f ? forms.indexOf(f) : -1; };
  const labelOf = (el) => {
    const parts = [];
    if (el.labels) for (const l of el.labels) parts.push(l.innerText);
    const by = el.getAttribute('aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) { const t = document.getElementById(id); if (t) parts.push(t.innerText); }
    if (!parts.length && el.getAttribute('aria-label')) parts.push(el.getAttribute('aria-label'));
    if (!parts.length && el.placeholder) parts.push(el.placeholder);
    if (!parts.length && el.title) parts.push(el.title);
    return clean(parts.join(' ')).slice(0, 120);
  };

  // --- form fields ---------------------------------------------------------------
  const skipTypes = new Set(['hidden', 'submit', 'button', 'image', 'reset']);
  const fields = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = el.tagName === 'INPUT' ? (el.getAttribute('type') || 'text').toLowerCase() : el.tagName.toLowerCase();
    if (skipTypes.has(type)) continue;
    let shown = visible(el);
    const choice = type === 'radio' || type === 'checkbox';
    if (!shown && choice && el.labels) shown = [...el.labels].some(visible);  // custom-styled radios
    if (!shown && el.tagName === 'SELECT') shown = rendered(el);
    if (!shown) continue;
    const label = labelOf(el);
    const f = {
      tag: el.tagName.toLowerCase(), type, name: el.getAttribute('name') || '', id: el.id || '',
      label, required: el.required || el.getAttribute('aria-required') === 'true' || /\*\s*$/.test(label),
      autocomplete: el.getAttribute('autocomplete'), inputmode: el.getAttribute('inputmode'),
      placeholder: el.getAttribute('placeholder'), selector: sel(el), box: box(el), form: formOf(el),
      order: order.get(el) ?? -1, disabled: el.disabled, checked: choice ? el.checked : null,
      filled: choice ? el.checked : (el.tagName === 'SELECT' ? !!el.value : (el.value || '').length > 0),
    };
    if (el.tagName === 'SELECT') {
      f.options = [...el.options].slice(0, 80).map((o) => ({ value: o.value, text: clean(o.text).slice(0, 60), disabled: o.disabled }));
      f.selected = el.selectedIndex >= 0 && el.options[el.selectedIndex] ? clean(el.options[el.selectedIndex].text).slice(0, 60) : '';
    }
    if (choice) f.value = (el.value || '').slice(0, 60);
    fields.push(f);
  }

  // --- controls (buttons, links, swatches) ---------------------------------------------
  const controls = [];
  for (const el of document.querySelectorAll('a[href], button, input[type=submit], input[type=button], input[type=image], [role=button], [role=radio], [role=option], summary')) {
    const shown = visible(el);
    const text = clean(el.innerText || '').slice(0, 120);
    const aria = clean(el.getAttribute('aria-label')).slice(0, 120);
    const value = el.tagName === 'INPUT' ? clean(el.value).slice(0, 120) : '';
    const title = clean(el.getAttribute('title')).slice(0, 120);
    if (!shown && !/guest|without\s+(an\s+)?account|check\s?-?out/i.test(text + ' ' + aria + ' ' + value)) continue;
    if (!text && !aria && !value && !title && el.tagName !== 'A') continue;
    if (controls.length >= 600) break;
    const type = (el.getAttribute('type') || '').toLowerCase();
    const tag = el.tagName.toLowerCase();
    const form = el.form || el.closest('form');
    const submits = (tag === 'button' && (type === '' || type === 'submit') && !!form) || (tag === 'input' && (type === 'submit' || type === 'image'));
    const cs = getComputedStyle(el);
    controls.push({
      tag, type, text, aria, value, title, href: tag === 'a' ? el.href : null, visible: shown,
      disabled: el.disabled === true || el.getAttribute('aria-disabled') === 'true', role: el.getAttribute('role'),
      checked: el.getAttribute('aria-checked') || el.getAttribute('aria-pressed') || el.getAttribute('aria-selected'),
      cls: (typeof el.className === 'string' ? el.className : '').slice(0, 120), selector: sel(el), box: box(el),
      form: formOf(el), submits, action: submits && form ? form.action : null,
      method: submits && form ? (form.getAttribute('method') || 'get').toUpperCase() : null,
      order: order.get(el) ?? -1, background: cs.backgroundColor,
      in_header: !!el.closest('header, nav, [role=banner], [role=navigation]'), in_footer: !!el.closest('footer, [role=contentinfo]'),
    });
  }

  // --- cost rows: the smallest element holding a label and an amount ----------------------
  const costs = [];
  const seenCost = new Set();
  const amountish = /\d|free|calculated|tbd|—/i;
  for (const el of document.querySelectorAll('tr, dt, li, p, div, span, td, th')) {
    if (costs.length >= 80) break;
    if (!visible(el)) continue;
    let text;
    if (el.tagName === 'DT') {
      const dd = el.nextElementSibling;
      text = clean(el.innerText) + ' ' + (dd && dd.tagName === 'DD' ? clean(dd.innerText) : '');
    } else {
      text = clean(el.innerText);
      if (el.tagName !== 'TR' && [...el.children].some((c) => clean(c.innerText) === text)) continue;
    }
    if (!text || text.length > 90 || !amountish.test(text) || !/[a-z]/i.test(text)) continue;
    if (el.closest('dd') || el.closest('tr') && el.tagName !== 'TR' || el.closest('dt') && el.tagName !== 'DT') continue;
    if (seenCost.has(text)) continue;
    seenCost.add(text);
    costs.push({ text, selector: sel(el), box: box(el), order: order.get(el) ?? -1 });
  }

  // --- text, headings, alerts ----------------------------------------------------------
  const body = document.body ? document.body.innerText : '';
  const lines = body.split('\n').map(clean).filter((l) => l).slice(0, 1500).map((l) => l.slice(0, 300));
  const texts = (q, n) => [...document.querySelectorAll(q)].filter(visible).map((e) => clean(e.innerText).slice(0, 200)).filter((t) => t).slice(0, n);
  const headings = texts('h1, h2, h3, legend', 25);
  const alerts = texts('[role=alert], [role=status], .alert, .error, .errors, .errorlist, .messages, .notice, .invalid-feedback, [aria-live]', 15);

  // --- payment traces -----------------------------------------------------------------
  const images = [...document.querySelectorAll('img, svg[aria-label], [role=img]')].slice(0, 400).map((el) => ({
    alt: clean(el.getAttribute('alt') || el.getAttribute('aria-label') || '').slice(0, 80),
    src: (el.currentSrc || el.getAttribute('src') || '').slice(0, 300), title: clean(el.getAttribute('title')).slice(0, 80),
    visible: visible(el), selector: sel(el),
  }));
  const iframes = [...document.querySelectorAll('iframe')].map((f) => (f.src || '').slice(0, 300)).filter((s) => s);
  const scripts = [...document.querySelectorAll('script[src]')].map((s) => s.src.slice(0, 300));
  const resources = performance.getEntriesByType('resource').slice(0, 400).map((e) => e.name.slice(0, 300));
  const product = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent.slice(0, 20000));

  return {
    url: location.href, title: document.title, lang: document.documentElement.lang || null,
    viewport: { width: vw, height: vh }, fields, controls, costs, lines, headings, alerts, images, iframes, scripts,
    resources, jsonld: product, forms: forms.map((f) => ({ action: f.action, method: (f.getAttribute('method') || 'get').toUpperCase(), role: f.getAttribute('role') || '', id: f.id || '', cls: (typeof f.className === 'string' ? f.className : '').slice(0, 80) })),
  };
}
"""
"""Reads one page for a step: fields, controls, cost rows, text lines, headings, alerts, payment traces."""

OVERLAYS_JS = OVERLAYS_JS.replace("/*SELECTOR*/", _SELECTOR_JS.strip())
SNAPSHOT_JS = SNAPSHOT_JS.replace("/*SELECTOR*/", _SELECTOR_JS.strip())
