"""Request handling of the demo store: routing, page views and responses.

:class:`Shop` is independent of the HTTP server: it turns a :class:`Request` into a
:class:`Response`, so many stores can share one process.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import assets, images, seo
from .catalogue import (
    CATEGORIES,
    CATEGORY_BY_SLUG,
    FREE_SHIPPING_OVER_CENTS,
    HELP_PAGE_BY_SLUG,
    PRODUCT_BY_SLUG,
    featured,
    format_price,
    products_in,
)
from .checkout import (
    OPTIONAL_ADDRESS2,
    SHIPPING_BY_CODE,
    SHIPPING_METHODS,
    address_fields,
    card_fields,
    payment_methods,
    shipping_cents,
)
from .flaws import Flaws
from .search import search_pages, search_products, suggest
from .state import LineKey, Session, StoreState

SHOP_NAME = "Fernwood"
HTML = "text/html; charset=utf-8"

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    keep_trailing_newline=True,
)
_env.globals["price"] = format_price


@dataclass
class Request:
    """What a view needs to know about one HTTP request."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    cookies: dict[str, str]
    state: StoreState
    _session: tuple[str, Session, bool] | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = self.state.session(self.cookies.get(StoreState.COOKIE))
        return self._session[1]

    @property
    def new_session_token(self) -> str | None:
        """The token to set as a cookie if this request created a session."""
        if self._session is not None and self._session[2]:
            return self._session[0]
        return None


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = HTML
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    html: bool = False


def redirect(location: str, status: int = 303) -> Response:
    return Response(status, b"", "text/plain; charset=utf-8", {"Location": location})


def _delivery_date(today: dt.date | None = None, working_days: int = 3) -> str:
    day = today or dt.date.today()
    left = working_days
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return f"{day:%A}, {day.day} {day:%B}"


_PAYMENT_LOGOS_FULL = ("visa", "mastercard", "amex", "paypal", "apple-pay", "google-pay", "klarna")
_PAYMENT_LOGOS_CARDS = ("visa", "mastercard")


class Shop:
    """The pages of one demo store with one set of flaws."""

    def __init__(self, flaws: Flaws, state: StoreState, port: int, profile: str) -> None:
        self.flaws = flaws
        self.state = state
        self.port = port
        self.profile = profile
        self.base = f"http://127.0.0.1:{port}/"
        self.third_party = f"http://localhost:{port}"
        R = Callable[[Request, re.Match[str]], Response]
        self.routes: list[tuple[str, re.Pattern[str], R]] = [
            ("GET", re.compile(r"/"), self.home),
            ("GET", re.compile(r"/collections/([a-z0-9-]+)"), self.collection),
            ("GET", re.compile(r"/products/([a-z0-9-]+)"), self.product),
            ("GET", re.compile(r"/search"), self.search),
            ("GET", re.compile(r"/search/suggest"), self.search_suggest),
            ("GET", re.compile(r"/cart"), self.cart),
            ("POST", re.compile(r"/cart/add"), self.cart_add),
            ("POST", re.compile(r"/cart/update"), self.cart_update),
            ("GET", re.compile(r"/checkout"), self.checkout_entry),
            ("GET", re.compile(r"/checkout/information"), self.checkout_information),
            ("POST", re.compile(r"/checkout/information"), self.checkout_information_post),
            ("GET", re.compile(r"/checkout/shipping"), self.checkout_shipping),
            ("POST", re.compile(r"/checkout/shipping"), self.checkout_shipping_post),
            ("GET", re.compile(r"/checkout/payment"), self.checkout_payment),
            ("POST", re.compile(r"/checkout/payment"), self.checkout_payment_post),
            ("GET", re.compile(r"/checkout/review"), self.checkout_review),
            ("POST", re.compile(r"/checkout/place-order"), self.place_order),
            ("GET", re.compile(r"/checkout/thank-you/(\d+)"), self.thank_you),
            ("GET", re.compile(r"/account/login"), self.account),
            ("POST", re.compile(r"/account/(login|register)"), self.account_post),
            ("GET", re.compile(r"/pages/([a-z-]+)"), self.help_page),
            ("POST", re.compile(r"/pages/contact"), self.contact_post),
            ("POST", re.compile(r"/newsletter"), self.newsletter_post),
            ("GET", re.compile(r"/media/([a-z0-9.-]+)"), self.media),
            ("GET", re.compile(r"/assets/payments/([a-z-]+)\.svg"), self.payment_logo),
            ("GET", re.compile(r"/assets/(vendor-bundle\.js|theme-legacy\.css)"), self.flaw_asset),
            ("GET", re.compile(r"/(3p|t)/([a-z-]+\.js)"), self.third_party_script),
            ("GET", re.compile(r"/(3p|t)/collect"), self.pixel),
            ("GET", re.compile(r"/robots\.txt"), self.robots),
            ("GET", re.compile(r"/sitemap\.xml"), self.sitemap),
            ("GET", re.compile(r"/favicon\.ico"), self.favicon),
            ("GET", re.compile(r"/__demo/state"), self.demo_state),
        ]

    # -- plumbing -------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """Route one request; unknown paths get the 404 page, wrong methods a 405."""
        allowed = []
        for method, pattern, view in self.routes:
            match = pattern.fullmatch(request.path)
            if match:
                if method == request.method:
                    return view(request, match)
                allowed.append(method)
        if allowed:
            return Response(405, b"Method not allowed", "text/plain; charset=utf-8",
                            {"Allow": ", ".join(sorted(set(allowed)))})
        return self.not_found(request)

    def render(self, request: Request, template: str, status: int = 200, **context: Any) -> Response:
        f = self.flaws
        img_dims = not (f.heavy_images or f.layout_shift)
        consent = request.cookies.get("cookie_consent")
        ctx: dict[str, Any] = {
            "f": f,
            "shop": SHOP_NAME,
            "categories": CATEGORIES,
            "cart_count": request.session.item_count,
            "q": "",
            "tp": self.third_party,
            "consent": consent,
            "show_cookie_banner": f.cookie_banner != "none" and consent is None,
            "show_newsletter": f.newsletter_popup and "newsletter_dismissed" not in request.cookies
            and not context.get("checkout_layout"),
            "img_dims": img_dims,
            "img": lambda name: f"/media/{name}",
            "json_ld": [],
            "canonical": self.base + request.path.lstrip("/"),
            "payment_logos": [(k, images.LOGO_NAMES[k]) for k in
                              (_PAYMENT_LOGOS_FULL if f.payment_options == "full" else _PAYMENT_LOGOS_CARDS)],
            "template_name": template.removesuffix(".html"),
            "description": None,
            "checkout_layout": False,
        }
        ctx.update(context)
        body = _env.get_template(template).render(ctx).encode()
        private = request.path.startswith(("/cart", "/checkout", "/account"))
        headers = {"Cache-Control": "private, no-store" if private else "no-cache"}
        return Response(status, body, HTML, headers, html=True)

    def not_found(self, request: Request) -> Response:
        return self.render(request, "not_found.html", 404, title="Page not found", canonical=None)

    # -- catalogue pages ------------------------------------------------------------------------

    def home(self, request: Request, m: re.Match[str]) -> Response:
        return self.render(request, "home.html", title="Everyday clothing, sneakers and homeware",
                           products=featured(), json_ld=seo.home_json_ld(SHOP_NAME, self.flaws, self.base))

    def collection(self, request: Request, m: re.Match[str]) -> Response:
        category = CATEGORY_BY_SLUG.get(m.group(1))
        if category is None:
            return self.not_found(request)
        return self.render(request, "collection.html", title=category.name, category=category,
                           products=products_in(category.slug), description=category.blurb)

    def product(self, request: Request, m: re.Match[str]) -> Response:
        product = PRODUCT_BY_SLUG.get(m.group(1))
        if product is None:
            return self.not_found(request)
        thin = self.flaws.thin_product_pages
        default_size = next((s for s in product.sizes if product.size_available(s)), "")
        related = [p for p in products_in(product.category) if p.slug != product.slug][:4]
        return self.render(
            request, "product.html", title=product.name, p=product, thin=thin,
            category=CATEGORY_BY_SLUG[product.category],
            gallery=[1] if thin else list(range(1, images.GALLERY_COUNT + 1)),
            views=["front", "back", "detail", "on model", "in scale"],
            default_size=default_size, delivery_date=_delivery_date(), related=related,
            description=product.description,
            json_ld=seo.product_json_ld(product, self.flaws, self.base),
        )

    # -- search ---------------------------------------------------------------------------------

    def search(self, request: Request, m: re.Match[str]) -> Response:
        query = request.query.get("q", "").strip()[:200]
        products = search_products(query, self.flaws.search_mode) if query else []
        pages = search_pages(query) if query and self.flaws.search_mode == "smart" else []
        dead_end = query and not products and not pages and self.flaws.zero_results == "dead_end"
        return self.render(request, "search.html", title=f"Search: {query}" if query else "Search",
                           query=query, q="" if dead_end else query, products=products, pages_found=pages,
                           canonical=None)

    def search_suggest(self, request: Request, m: re.Match[str]) -> Response:
        if not self.flaws.autocomplete:
            return self.not_found(request)
        query = request.query.get("q", "")[:100]
        found = suggest(query, self.flaws.search_mode)
        data = {
            "query": query,
            "products": [{"name": p.name, "url": f"/products/{p.slug}", "price": p.price,
                          "image": f"/media/{p.slug}-1-{images.CARD_SIZE}.jpg"} for p in found],
        }
        return Response(200, json.dumps(data).encode(), "application/json",
                        {"Cache-Control": "public, max-age=60"})

    # -- cart -----------------------------------------------------------------------------------

    def _totals(self, session: Session) -> dict[str, Any]:
        subtotal = session.subtotal_cents
        shipping = session.standard_shipping_cents()
        include_shipping = self.flaws.shipping_costs != "address"
        return {"subtotal": subtotal, "shipping": shipping,
                "total": subtotal + (shipping if include_shipping else 0)}

    def cart(self, request: Request, m: re.Match[str]) -> Response:
        session = request.session
        messages = {"added": "Added to your cart.", "unavailable": "Sorry, that item is not available."}
        return self.render(request, "cart.html", title="Your cart", lines=session.lines(),
                           message=messages.get(request.query.get("status", "")),
                           shipping_methods=SHIPPING_METHODS, free_over=FREE_SHIPPING_OVER_CENTS,
                           **self._totals(session))

    def cart_add(self, request: Request, m: re.Match[str]) -> Response:
        form = request.form
        product = PRODUCT_BY_SLUG.get(form.get("product", ""))
        if product is None:
            return redirect("/cart?status=unavailable")
        size = form.get("size", "")
        colour = form.get("colour", "")
        try:
            quantity = max(1, min(10, int(form.get("quantity", "1") or 1)))
        except ValueError:
            quantity = 1
        if product.sizes and not size:
            size = next((s for s in product.sizes if product.size_available(s)), "")
        if colour and colour not in product.colours:
            colour = ""
        if not colour and product.colours:
            colour = product.colours[0]
        ok = product.in_stock and (not product.sizes or (size in product.sizes and product.size_available(size)))
        if not ok:
            return redirect(f"/products/{product.slug}?status=unavailable")
        request.session.add(LineKey(product.slug, size, colour), quantity)
        return redirect("/cart?status=added")

    def cart_update(self, request: Request, m: re.Match[str]) -> Response:
        try:
            quantity = int(request.form.get("quantity", "0") or 0)
        except ValueError:
            quantity = 0
        request.session.set_quantity(request.form.get("line", ""), quantity)
        return redirect("/cart")

    # -- checkout -------------------------------------------------------------------------------

    def _checkout(self, request: Request, template: str, step: str, **context: Any) -> Response:
        return self.render(request, template, title="Checkout", step=step, checkout_layout=True,
                           canonical=None, **context)

    def _gate(self, request: Request, needs: str = "") -> Response | None:
        """Redirect when the checkout cannot be at this step yet."""
        session = request.session
        if not session.cart:
            return redirect("/cart")
        if self.flaws.guest_checkout == "absent" and not session.logged_in:
            return redirect("/checkout")
        if needs in ("information", "shipping", "payment") and not session.information:
            return redirect("/checkout/information")
        if needs in ("shipping", "payment") and not session.shipping_method:
            return redirect("/checkout/shipping")
        if needs == "payment" and not session.payment_method:
            return redirect("/checkout/payment")
        return None

    def checkout_entry(self, request: Request, m: re.Match[str]) -> Response:
        if not request.session.cart:
            return redirect("/cart")
        if request.session.logged_in:
            return redirect("/checkout/information")
        return self._checkout(request, "checkout_entry.html", "information", next_url="/checkout/information")

    def checkout_information(self, request: Request, m: re.Match[str], errors: dict[str, str] | None = None,
                             values: dict[str, str] | None = None) -> Response:
        gate = self._gate(request)
        if gate:
            return gate
        session = request.session
        prefill = dict(session.information)
        if session.account_email and "email" not in prefill:
            prefill["email"] = session.account_email
        return self._checkout(
            request, "checkout_information.html", "information",
            fields=address_fields(self.flaws.checkout_fields), address2=OPTIONAL_ADDRESS2,
            attrs=self.flaws.autocomplete_attrs, values=values if values is not None else prefill,
            errors=errors or {},
        )

    def checkout_information_post(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request)
        if gate:
            return gate
        fields = [*address_fields(self.flaws.checkout_fields), OPTIONAL_ADDRESS2]
        values = {f.name: request.form.get(f.name, "").strip()[:200] for f in fields}
        errors = {f.name: f"Enter your {f.label.lower()}." for f in fields if f.required and not values[f.name]}
        email = values.get("email", "")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            errors["email"] = "Enter a valid email address, like name@example.com."
        if "email_confirm" in values and values["email_confirm"] and values["email_confirm"] != email:
            errors["email_confirm"] = "The email addresses do not match."
        if errors:
            return self.checkout_information(request, m, errors=errors, values=values)
        request.session.information = values
        return redirect("/checkout/shipping")

    def _address(self, session: Session) -> str:
        info = session.information
        name = info.get("full_name") or " ".join(x for x in (info.get("first_name"), info.get("last_name")) if x)
        parts = [name, info.get("address1", ""), info.get("city", ""), info.get("postcode", ""),
                 info.get("country", "")]
        return ", ".join(p for p in parts if p)

    def checkout_shipping(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request, "information")
        if gate:
            return gate
        session = request.session
        subtotal = session.subtotal_cents
        methods = [{"code": x.code, "name": x.name, "eta": x.eta,
                    "cost": shipping_cents(x.code, subtotal, FREE_SHIPPING_OVER_CENTS)} for x in SHIPPING_METHODS]
        return self._checkout(request, "checkout_shipping.html", "shipping", methods=methods,
                              selected=session.shipping_method or "standard", address=self._address(session))

    def checkout_shipping_post(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request, "information")
        if gate:
            return gate
        code = request.form.get("shipping_method", "standard")
        request.session.shipping_method = code if code in SHIPPING_BY_CODE else "standard"
        return redirect("/checkout/payment")

    def checkout_payment(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request, "shipping")
        if gate:
            return gate
        return self._checkout(request, "checkout_payment.html", "payment",
                              methods=payment_methods(self.flaws.payment_options),
                              card_fields=card_fields(self.flaws.checkout_fields),
                              attrs=self.flaws.autocomplete_attrs, logo_names=images.LOGO_NAMES)

    def checkout_payment_post(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request, "shipping")
        if gate:
            return gate
        # Card numbers are never read, stored or processed: only the chosen method is kept.
        codes = {code for code, _, _ in payment_methods(self.flaws.payment_options)}
        method = request.form.get("payment_method", "card")
        request.session.payment_method = method if method in codes else "card"
        return redirect("/checkout/review")

    def checkout_review(self, request: Request, m: re.Match[str]) -> Response:
        gate = self._gate(request, "payment")
        if gate:
            return gate
        session = request.session
        subtotal = session.subtotal_cents
        shipping = shipping_cents(session.shipping_method, subtotal, FREE_SHIPPING_OVER_CENTS)
        labels = {code: label for code, label, _ in payment_methods(self.flaws.payment_options)}
        return self._checkout(request, "checkout_review.html", "review", lines=session.lines(),
                              subtotal=subtotal, shipping=shipping, total=subtotal + shipping,
                              method=SHIPPING_BY_CODE[session.shipping_method], address=self._address(session),
                              payment_label=labels.get(session.payment_method, "Card"))

    def place_order(self, request: Request, m: re.Match[str]) -> Response:
        session = request.session
        if not session.cart:
            return redirect("/cart")
        number = self.state.place_order()
        session.clear_checkout()
        return redirect(f"/checkout/thank-you/{number}")

    def thank_you(self, request: Request, m: re.Match[str]) -> Response:
        return self.render(request, "thank_you.html", title="Thank you", order_number=m.group(1),
                           checkout_layout=True, canonical=None)

    # -- account --------------------------------------------------------------------------------

    def account(self, request: Request, m: re.Match[str]) -> Response:
        session = request.session
        return self.render(request, "account_login.html", title="Sign in", logged_in=session.logged_in,
                           account_email=session.account_email, next_url=request.query.get("next", "/"),
                           canonical=None)

    def account_post(self, request: Request, m: re.Match[str]) -> Response:
        form = request.form
        email = form.get("email", "").strip()
        password = form.get("password", "")
        next_url = form.get("next", "/")
        if not next_url.startswith("/") or next_url.startswith("//"):
            next_url = "/"
        if not email or not password or (m.group(1) == "register" and password != form.get("password_confirm")):
            return self.render(request, "account_login.html", 200, title="Sign in", logged_in=False,
                               next_url=next_url, login_error="Check your email and password.", canonical=None)
        request.session.logged_in = True
        request.session.account_email = email[:200]
        return redirect(next_url)

    # -- help pages -----------------------------------------------------------------------------

    def help_page(self, request: Request, m: re.Match[str]) -> Response:
        page = HELP_PAGE_BY_SLUG.get(m.group(1))
        if page is None:
            return self.not_found(request)
        summary = page.summary
        if page.slug == "returns" and not self.flaws.returns_window:
            summary = "How to return an item, and how refunds work."
        elif page.slug == "contact" and self.flaws.contact_channels != "full":
            summary = "Send us a message: we answer within one working day."
        return self.render(request, f"page_{page.slug}.html", title=page.title, description=summary,
                           shipping_methods=SHIPPING_METHODS, sent=request.query.get("sent") == "1")

    def contact_post(self, request: Request, m: re.Match[str]) -> Response:
        return redirect("/pages/contact?sent=1")

    def newsletter_post(self, request: Request, m: re.Match[str]) -> Response:
        response = redirect("/")
        response.headers["Set-Cookie"] = "newsletter_dismissed=1; Path=/; Max-Age=31536000; SameSite=Lax"
        return response

    # -- static and generated files -------------------------------------------------------------

    def media(self, request: Request, m: re.Match[str]) -> Response:
        name = m.group(1)
        data = images.heavy(name) if self.flaws.heavy_images else images.optimised(name)
        if data is None:
            return self.not_found(request)
        return Response(200, data, "image/jpeg", {"Cache-Control": "public, max-age=86400"})

    def payment_logo(self, request: Request, m: re.Match[str]) -> Response:
        data = images.logo_svg(m.group(1))
        if data is None:
            return self.not_found(request)
        return Response(200, data, "image/svg+xml", {"Cache-Control": "public, max-age=86400"})

    def flaw_asset(self, request: Request, m: re.Match[str]) -> Response:
        if not self.flaws.render_blocking:
            return self.not_found(request)
        if m.group(1).endswith(".js"):
            return Response(200, assets.vendor_bundle_js(), "text/javascript; charset=utf-8",
                            {"Cache-Control": "no-cache"}, delay_s=assets.VENDOR_DELAY_S)
        return Response(200, assets.legacy_css(), "text/css; charset=utf-8", {"Cache-Control": "no-cache"})

    def third_party_script(self, request: Request, m: re.Match[str]) -> Response:
        data = assets.live_chat_js() if m.group(2) == "live-chat.js" else assets.third_party_js(m.group(2))
        if data is None:
            return self.not_found(request)
        return Response(200, data, "text/javascript; charset=utf-8", {"Cache-Control": "no-cache"})

    def pixel(self, request: Request, m: re.Match[str]) -> Response:
        return Response(200, assets.PIXEL_GIF, "image/gif", {"Cache-Control": "no-store"})

    def robots(self, request: Request, m: re.Match[str]) -> Response:
        return Response(200, seo.robots_txt(self.base).encode(), "text/plain; charset=utf-8",
                        {"Cache-Control": "public, max-age=3600"})

    def sitemap(self, request: Request, m: re.Match[str]) -> Response:
        return Response(200, seo.sitemap_xml(self.base).encode(), "application/xml; charset=utf-8",
                        {"Cache-Control": "public, max-age=3600"})

    def favicon(self, request: Request, m: re.Match[str]) -> Response:
        return Response(200, images.favicon(), "image/x-icon", {"Cache-Control": "public, max-age=86400"})

    def demo_state(self, request: Request, m: re.Match[str]) -> Response:
        data = {"orders_placed": self.state.orders_placed, "profile": self.profile, "flaws": self.flaws.as_dict()}
        return Response(200, json.dumps(data).encode(), "application/json", {"Cache-Control": "no-store"})

