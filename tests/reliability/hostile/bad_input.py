"""Bad input: what a store's start page or a later page can answer instead of a store page.

Start pages (each a whole 'store'): bot walls (``/bad/wall/*``), a redirect to another site
(``/bad/offsite``), a redirect loop, an HTTP 500, non-HTML answers (``/bad/file/*``), a
page that never finishes loading (``/bad/hang/*``) and endless pages (``/bad/endless/*``).

Later pages: ``/bad/shop/<case>/`` is a tiny store (home → one category → two product
cards) whose first product misbehaves as ``<case>`` says while the second is a plain
product page, so a test can see the bad page recorded and the rest still judged.
``/bad/contact`` is a normal store page whose contact form loads reCAPTCHA: not a wall.

Off-site redirects need the other site's address: a test sets ``store.state["elsewhere"]``
to the ``elsewhere`` fixture's URL.
"""

from __future__ import annotations

import json
import time

from tests.reliability.hostile import Reply, Request, page, route

RETRY_AFTER_S = 120
HANG_S = 20.0
"""How long a hanging route keeps its connection open: longer than the tests' page timeout."""
HUGE_ITEMS = 20_000
"""Product cards in /bad/endless/huge: about 4 MB of HTML, 100,000 elements."""

_NAV = ("<header><nav><a href='{root}'>Home</a> <a href='{root}category/all'>All products</a> "
        "<a href='{root}category/sale'>Sale</a></nav></header>")
_FOOTER = ("<footer><a href='{root}shipping'>Shipping</a> <a href='{root}returns'>Returns</a> "
           "<a href='{root}contact'>Contact us</a></footer>")
_PRODUCT_JSONLD = ('<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Product", '
                   '"name": "{name}", "sku": "{sku}", "offers": {{"@type": "Offer", "price": "24.00", '
                   '"priceCurrency": "EUR", "availability": "https://schema.org/InStock"}}}}</script>')


def _store_page(root: str, title: str, main: str, head: str = "") -> str:
    """A page of a small but ordinary store: header navigation, content, footer."""
    return page(title, _NAV.format(root=root) + f"<main>{main}</main>" + _FOOTER.format(root=root), head)


def _product(root: str, name: str, sku: str) -> str:
    description = ("A sturdy everyday mug in glazed stoneware, 350 ml, dishwasher safe. "
                   "Material: stoneware. Dimensions: 9 x 8 cm. ") * 3
    return _store_page(
        root, f"{name} | Hostile store",
        f"<h1>{name}</h1><p class=price>€24.00</p><p>{description}</p>"
        "<button type=button>Add to cart</button>",
        head=_PRODUCT_JSONLD.format(name=name, sku=sku))


def _wall_429(request: Request) -> Reply:
    return Reply(429, page("429 Too Many Requests", "<h1>Too Many Requests</h1>"),
                 headers={"Retry-After": str(RETRY_AFTER_S)})


def _captcha(request: Request) -> Reply:
    """A captcha interstitial served with 200: a widget and a sentence, nothing else."""
    return Reply(200, page(
        "Security check",
        "<h1>Please verify you are a human</h1><p>Complete the check below to continue.</p>"
        "<form method=post><div class='g-recaptcha' data-sitekey='6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI'></div>"
        "<button>Continue</button></form>",
        head="<script src='/bad/assets/recaptcha.js' async defer></script>"))


# --- start pages -------------------------------------------------------------------------------

@route("/bad/wall/429")
def wall_429(request: Request) -> Reply:
    return _wall_429(request)


@route("/bad/wall/cloudflare")
def wall_cloudflare(request: Request) -> Reply:
    """Cloudflare's 'managed challenge' interstitial, as it looks to a headless browser."""
    body = ("<div class='main-wrapper' role='main'><div class='main-content'>"
            "<h1 class='zone-name-title h1'>shop.example</h1>"
            "<h2 class='h2' id='challenge-running'>Checking if the site connection is secure</h2>"
            "<noscript><div id='challenge-error-title'>Enable JavaScript and cookies to continue</div></noscript>"
            "<div id='challenge-body-text' class='core-msg spacer'>shop.example needs to review the security "
            "of your connection before proceeding.</div></div></div>"
            "<script>(function(){window._cf_chl_opt={cvId: '3', cType: 'managed', cRay: '8a1b2c3d4e5f'};})();"
            "</script>")
    return Reply(403, page("Just a moment...", body), headers={"cf-mitigated": "challenge", "Server": "cloudflare"})


@route("/bad/wall/captcha")
def wall_captcha(request: Request) -> Reply:
    return _captcha(request)


@route("/bad/assets/recaptcha.js")
def recaptcha_script(request: Request) -> Reply:
    """A stand-in for the captcha vendor's script: the tests must not leave the machine."""
    return Reply(body="window.grecaptcha = {ready: function (f) { f(); }};", content_type="text/javascript")


@route("/bad/contact")
def contact_with_recaptcha(request: Request) -> Reply:
    """An ordinary store page whose contact form is protected by reCAPTCHA: not a bot wall."""
    root = "/bad/shop/plain/"
    return Reply(body=_store_page(
        root, "Contact us | Hostile store",
        "<h1>Contact us</h1><p>Questions about an order, a return or a product? Our team answers within one "
        "working day, Monday to Friday from 9:00 to 17:00. You can also call us on +33 1 23 45 67 89.</p>"
        "<form method=post action='/bad/contact'><label>Name <input name=name autocomplete=name></label>"
        "<label>Email <input type=email name=email autocomplete=email></label>"
        "<label>Message <textarea name=message></textarea></label>"
        "<div class='g-recaptcha' data-sitekey='6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI'></div>"
        "<button>Send</button></form>",
        head="<script src='/bad/assets/recaptcha.js' async defer></script>"))


@route("/bad/offsite")
def offsite(request: Request) -> Reply:
    return Reply(302, headers={"Location": request.store.state["elsewhere"] + "/bad/landing"})


@route("/bad/landing")
def landing(request: Request) -> Reply:
    """Where off-site redirects land: on 'another site', a page that looks like a product."""
    return Reply(body=_product("/bad/shop/plain/", "Somebody else's mug", "ELSEWHERE-1"))


@route("/bad/to-www")
def to_www(request: Request) -> Reply:
    """A redirect to the www variant of the same host (the request came to 'localhost')."""
    host = request.headers.get("Host", "")
    return Reply(301, headers={"Location": f"http://www.{host}/bad/shop/plain/"})


@route("/bad/loop")
def loop(request: Request) -> Reply:
    return Reply(302, headers={"Location": "/bad/loop"})


@route("/bad/500")
def server_error(request: Request) -> Reply:
    return Reply(500, page("Internal Server Error", "<h1>Internal Server Error</h1>"))


_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
FILES: dict[str, tuple[str, bytes]] = {
    "pdf": ("application/pdf", _PDF),
    "json": ("application/json", json.dumps({"products": [{"id": 1, "name": "Mug"}]}).encode()),
    "png": ("image/png", _PNG),
}


@route("/bad/file/*")
def file(request: Request) -> Reply:
    kind = request.path.rsplit("/", 1)[-1]
    content_type, body = FILES[kind]
    return Reply(body=body, content_type=content_type)


def _hang(request: Request, head: bytes, total: int | None = None) -> None:
    """Send the status line, headers and ``head`` of the body, then hold the connection open."""
    handler = request.handler
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(total if total is not None else len(head)))
    handler.end_headers()
    handler.wfile.write(head)
    handler.wfile.flush()
    deadline = time.monotonic() + HANG_S
    while time.monotonic() < deadline:
        time.sleep(0.2)
    handler.close_connection = True


@route("/bad/hang/subresource")
def hang_subresource(request: Request) -> Reply:
    """The whole HTML arrives at once; one image on it never finishes."""
    root = "/bad/shop/plain/"
    return Reply(body=_store_page(root, "Still loading | Hostile store",
                                  "<h1>New arrivals</h1><p>Our spring collection is here.</p>"
                                  "<img src='/bad/hang/image.jpg' alt='Spring collection' width=400 height=300>"))


@route("/bad/hang/image.jpg")
def hang_image(request: Request) -> None:
    _hang(request, b"\xff\xd8\xff", total=100_000)


@route("/bad/hang/body")
def hang_body(request: Request) -> None:
    """The first half of the HTML arrives; the rest never does (Content-Length promises more)."""
    root = "/bad/shop/plain/"
    html = _store_page(root, "Half a page | Hostile store", "<h1>Half a page</h1><p>The top of the page.</p>")
    head = html.split("</main>")[0].encode()
    _hang(request, head, total=len(html.encode()) + 10_000)


@route("/bad/endless/scroll")
def endless_scroll(request: Request) -> Reply:
    """Infinite scroll gone wrong: it fetches and appends another batch of cards forever."""
    root = "/bad/shop/plain/"
    script = ("<script>let n = 0; const grid = document.getElementById('grid');"
              "async function more() { const r = await fetch('/bad/endless/more?page=' + (++n));"
              " grid.insertAdjacentHTML('beforeend', await r.text()); setTimeout(more, 50); }"
              "more(); addEventListener('scroll', () => more());</script>")
    return Reply(body=_store_page(root, "All products | Hostile store",
                                  "<h1>All products</h1><div id=grid></div>" + script))


@route("/bad/endless/more")
def endless_more(request: Request) -> Reply:
    cards = "".join(f"<div class=card><a href='/bad/shop/plain/product/p{i}'>Mug {i}</a> <span>€24.00</span>"
                    f"<button>Add to cart</button></div>" for i in range(100))
    return Reply(body=cards)


@route("/bad/endless/huge")
def endless_huge(request: Request) -> Reply:
    """About 4 MB of HTML: one category page listing tens of thousands of products."""
    cached = request.store.state.get("huge")
    if cached is None:
        cards = "".join(f"<div class=card><a href='/bad/shop/plain/product/p{i}'>Stoneware mug number {i}</a>"
                        f" <span class=price>€{i % 90 + 10}.00</span> <button>Add to cart</button>"
                        f"<p>Glazed stoneware, 350 ml, dishwasher safe.</p></div>" for i in range(HUGE_ITEMS))
        cached = request.store.state["huge"] = _store_page("/bad/shop/plain/", "Everything | Hostile store",
                                                           "<h1>Everything</h1>" + cards).encode()
    return Reply(body=cached)


# --- later pages: a tiny store whose first product misbehaves ----------------------------------

SHOP_CASES = ("plain", "wall", "captcha", "offsite", "pdf", "json")


@route("/bad/shop/*")
def shop(request: Request) -> Reply:
    parts = request.path.split("/")  # ['', 'bad', 'shop', case, ...rest]
    case = parts[3]
    rest = "/".join(parts[4:])
    root = f"/bad/shop/{case}/"
    if case not in SHOP_CASES:
        return Reply(404, page("Not found", "<h1>Not found</h1>"))
    if rest == "":
        return Reply(body=_store_page(root, "Hostile store", "<h1>Welcome</h1><p>Mugs, bowls and plates made "
                                      "in small batches. Free delivery over €50.</p>"))
    if rest.startswith("category/"):
        cards = "".join(f"<div class=card><a href='{root}product/{slug}'>{name}</a> <span>€24.00</span></div>"
                        for slug, name in (("first", "First mug"), ("second", "Second mug")))
        return Reply(body=_store_page(root, "All products | Hostile store", f"<h1>All products</h1>{cards}"))
    if rest == "product/first":
        if case == "wall":
            return _wall_429(request)
        if case == "captcha":
            return _captcha(request)
        if case == "offsite":
            return Reply(302, headers={"Location": request.store.state["elsewhere"] + "/bad/landing"})
        if case in FILES:
            content_type, body = FILES[case]
            return Reply(body=body, content_type=content_type)
        return Reply(body=_product(root, "First mug", "MUG-1"))
    if rest == "product/second":
        return Reply(body=_product(root, "Second mug", "MUG-2"))
    if rest == "returns" and case == "wall":
        return _wall_429(request)
    if rest in ("shipping", "returns", "contact"):
        return Reply(body=_store_page(root, f"{rest.title()} | Hostile store",
                                      f"<h1>{rest.title()}</h1><p>Returns are free within 30 days of delivery. "
                                      "Orders ship within two working days.</p>"))
    return Reply(404, page("Not found", "<h1>Not found</h1>"))


@route("/bad/endless/stream")
def endless_stream(request: Request) -> None:
    """HTML that never ends: product cards streamed (chunked) for as long as the browser reads them."""
    handler = request.handler
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    top = _store_page("/bad/shop/plain/", "Everything, forever | Hostile store", "<h1>Everything</h1>")
    chunks = [top.split("</main>")[0].encode()]
    card = ("<div class=card><a href='/bad/shop/plain/product/p{i}'>Mug {i}</a> <span>€24.00</span></div>")
    deadline = time.monotonic() + HANG_S
    i = 0
    try:
        while time.monotonic() < deadline:
            chunk = chunks.pop() if chunks else "".join(card.format(i=i + n) for n in range(500)).encode()
            i += 500
            handler.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            handler.wfile.flush()
            time.sleep(0.005)
    except (ConnectionError, TimeoutError):
        pass
    handler.close_connection = True
