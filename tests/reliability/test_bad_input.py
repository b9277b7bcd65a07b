"""Bad input (issue 7, item 1): one clear line and a documented exit code when the start URL
is bad; a recorded problem, and the rest of the audit judged, when a later page is.

The browser tests audit the hostile store (tests/reliability/hostile/bad_input.py) with a
small crawl, so each takes seconds; the recognition rules are pure functions tested first.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import audit_store
from tests.reliability.hostile import HostileStore
from uxaudit.bundle import Audit
from uxaudit.cli import main
from uxaudit.gather import LIMITS
from uxaudit.screening import Answer, bot_wall, not_html, off_site, retry_after_s

SMALL: dict[str, Any] = {"max_categories": 1, "max_products": 1, "viewports": ("desktop",), "journeys": (),
                         "policy_pages": False, "throttle": False}
SMALL_FLAGS = ("--viewport", "desktop", "--max-categories", "1", "--max-products", "1", "--no-throttle", "--quiet")


# --- recognising a bot wall (pure) ---------------------------------------------------------------

CONTACT_PAGE = Answer(
    status=200, headers={"content-type": "text/html"}, title="Contact us | Shop",
    text="Contact us\nQuestions about an order? Our team answers within one working day. " * 4,
    html="<form><input name=name><input type=email name=email><textarea></textarea>"
         "<div class='g-recaptcha' data-sitekey='x'></div><button>Send</button></form>"
         "<script src='https://www.google.com/recaptcha/api.js'></script>",
    links=6, fields=3)


@pytest.mark.parametrize(("answer", "detail"), [
    (Answer(429, {"retry-after": "120"}), "HTTP 429, Retry-After 120 s"),
    (Answer(429, {}, "Too Many Requests", "Too Many Requests"), "HTTP 429"),
    (Answer(403, {"retry-after": "30"}, "Forbidden", "Forbidden"), "HTTP 403, Retry-After 30 s"),
    (Answer(403, {"cf-mitigated": "challenge"}, "Just a moment...", "", "<div id=challenge-stage></div>"),
     "HTTP 403, a Cloudflare challenge page"),
    (Answer(503, {}, "Just a moment...", "Checking your browser before accessing shop.example.",
            "<script>window._cf_chl_opt={cType: 'managed'}</script>"), "HTTP 503, a Cloudflare challenge page"),
    (Answer(403, {}, "shop.example", "Please enable JS and disable any ad blocker",
            "<script src='https://ct.captcha-delivery.com/c.js'></script>", links=0), "HTTP 403, a DataDome captcha page"),
    (Answer(200, {}, "Security check", "Please verify you are a human\nContinue",
            "<div class='g-recaptcha'></div>", links=0, fields=0), "HTTP 200, a captcha page"),
    (Answer(200, {}, "", "", "<div class=\"h-captcha\" data-sitekey=\"x\"></div>", links=0), "HTTP 200, a captcha page"),
    (Answer(200, {}, "Are you a robot?", "We have detected unusual traffic from your network.", links=1),
     "HTTP 200, a bot check page"),
    (Answer(403, {}, "Access Denied", "You don't have permission to access this page. Reference #18.2c"),
     "HTTP 403, an access-denied page"),
])
def test_bot_walls_are_recognised(answer: Answer, detail: str) -> None:
    assert bot_wall(answer) == detail


@pytest.mark.parametrize("answer", [
    pytest.param(CONTACT_PAGE, id="contact form with reCAPTCHA"),
    pytest.param(Answer(200, {}, "Mug | Shop", "Stoneware mug. " * 200 + "Checkout is a security check-free zone",
                        "<div class='g-recaptcha'></div>", links=40), id="long page with a widget and a phrase"),
    pytest.param(Answer(200, {}, "Login", "Log in to your account",
                        "<input type=email><input type=password><div class='cf-turnstile'></div>", links=3, fields=2),
                 id="login form with Turnstile"),
    pytest.param(Answer(200, {}, "Shop", "Welcome " * 50,
                        "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>", links=30),
                 id="Cloudflare bot-management script on an ordinary page"),
    pytest.param(Answer(403, {}, "403 Forbidden", "403 Forbidden\nnginx"), id="plain 403"),
    pytest.param(Answer(503, {"retry-after": "3600"}, "Down for maintenance", "We'll be back soon."),
                 id="maintenance 503 with Retry-After"),
    pytest.param(Answer(200, {}, "Access denied", "Access denied: log in to see wholesale prices.", links=2),
                 id="access denied with 200"),
    pytest.param(Answer(404, {}, "Not found", "Not found"), id="404"),
])
def test_ordinary_pages_are_not_walls(answer: Answer) -> None:
    assert bot_wall(answer) is None


def test_retry_after_takes_seconds_or_a_date() -> None:
    now = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert retry_after_s("120") == 120
    assert retry_after_s("Sat, 01 Mar 2025 12:02:00 GMT", now) == 120
    assert retry_after_s("Sat, 01 Mar 2025 11:00:00 GMT", now) == 0
    assert retry_after_s("soon") is None and retry_after_s(None) is None


def test_files_and_other_sites_are_not_store_pages() -> None:
    assert not_html(200, "application/pdf") == "not an HTML page (application/pdf)"
    assert not_html(200, "application/json; charset=utf-8") == "not an HTML page (application/json)"
    assert not_html(200, "text/html; charset=utf-8") is None
    assert not_html(200, "application/xhtml+xml") is None
    assert not_html(200, None) is None  # browsers sniff it: taken as HTML
    assert not_html(404, "application/json") is None  # an HTTP error says more than its type
    assert off_site("https://shop.example/p/1", "https://www.shop.example/p/1") is None
    assert off_site("http://shop.example/", "https://shop.example/") is None
    assert off_site("https://shop.example/p/1", "https://marketplace.example/item/9") == \
        "redirected to another site (https://marketplace.example/item/9)"


# --- usage errors and config files (no browser) ---------------------------------------------------

def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_malformed_url_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err = _run(capsys, "audit", "http://", "--out", str(tmp_path), "--quiet")
    assert (code, err) == (2, "uxaudit: error: malformed URL 'http://': no host name\n")


def test_broken_or_missing_config_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    broken = tmp_path / "ci.toml"
    broken.write_text('url = "http://127.0.0.1:9/"\n[budgets.scores\noverall = 80\n')
    code, err = _run(capsys, "gate", "--config", str(broken))
    assert (code, err) == (2, (f"uxaudit: error: {broken}: not valid TOML: Expected ']' at the end of a table "
                              "declaration (at line 2, column 16)\n"))
    code, err = _run(capsys, "gate", "--config", str(tmp_path / "missing.toml"))
    assert (code, err) == (2, f"uxaudit: error: no config file at {tmp_path / 'missing.toml'}\n")
    code, err = _run(capsys, "gate", "--config", str(tmp_path))
    assert code == 2 and err.startswith(f"uxaudit: error: cannot read {tmp_path}: ") and err.count("\n") == 1


# --- the start URL: one line, exit 3, nothing written ------------------------------------------

@pytest.fixture
def stores(hostile: HostileStore, elsewhere: HostileStore) -> tuple[HostileStore, HostileStore]:
    hostile.state["elsewhere"] = elsewhere.url
    return hostile, elsewhere


START_PAGES = [
    ("/bad/wall/429", "cannot audit {url}: blocked by the store's bot protection (HTTP 429, Retry-After 120 s)"),
    ("/bad/wall/cloudflare", ("cannot audit {url}: blocked by the store's bot protection "
                             "(HTTP 403, a Cloudflare challenge page)")),
    ("/bad/wall/captcha", "cannot audit {url}: blocked by the store's bot protection (HTTP 200, a captcha page)"),
    ("/bad/offsite", ("cannot audit {url}: it redirected to another site ({elsewhere}/bad/landing); "
                     "audit that URL instead if it is the store")),
    ("/bad/file/pdf", "cannot audit {url}: it is not an HTML page (application/pdf)"),
    ("/bad/file/json", "cannot audit {url}: it is not an HTML page (application/json)"),
    ("/bad/file/png", "cannot audit {url}: it is not an HTML page (image/png)"),
    ("/bad/loop", "cannot load {url}: redirect loop"),
    ("/bad/500", "cannot audit {url}: the page answered HTTP 500"),
    ("https://", "cannot load {url}: TLS error"),
    ("http://shop.invalid/", "cannot load {url}: host not found"),
]


@pytest.mark.parametrize(("path", "message"), START_PAGES, ids=[p for p, _ in START_PAGES])
@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_bad_start_page_is_one_line_and_exit_3(path: str, message: str, stores: tuple[HostileStore, HostileStore],
                                                 capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    hostile, elsewhere = stores
    if path == "https://":
        url = hostile.url.replace("http://", "https://") + "/"  # TLS spoken to a plain-HTTP server
    elif path.startswith("http"):
        url = path
    else:
        url = hostile.url + path
    code, err = _run(capsys, "audit", url, "--out", str(tmp_path), *SMALL_FLAGS)
    assert (code, err) == (3, "uxaudit: error: " + message.format(url=url, elsewhere=elsewhere.url) + "\n")
    assert not (tmp_path / "audit.json").exists()


# --- a later page: recorded as a problem, not judged, and the rest goes on ----------------------

LATER_PAGES = {
    "wall": ("blocked", "blocked by the store's bot protection (HTTP 429, Retry-After 120 s)"),
    "captcha": ("blocked", "blocked by the store's bot protection (HTTP 200, a captcha page)"),
    "offsite": ("off-site", "redirected to another site ({elsewhere}/bad/landing)"),
    "pdf": ("not-html", "not an HTML page (application/pdf)"),
    "json": ("not-html", "not an HTML page (application/json)"),
}


def _judged_product_pages(audit: Audit) -> list[str]:
    return [p.final_url for p in audit.evidence.pages if p.kind == "product" and p.loaded]


@pytest.mark.parametrize(("case", "expected"), LATER_PAGES.items(), ids=list(LATER_PAGES))
@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_bad_later_page_is_a_problem_and_the_rest_is_judged(
        case: str, expected: tuple[str, str], stores: tuple[HostileStore, HostileStore], tmp_path: Path) -> None:
    hostile, elsewhere = stores
    root = f"{hostile.url}/bad/shop/{case}/"
    # The wall store's footer 'Returns' link is walled too: policy-pages must not call it broken.
    audit = audit_store(root, tmp_path, **{**SMALL, "policy_pages": case == "wall"})
    not_judged, reason = expected[0], expected[1].format(elsewhere=elsewhere.url)

    bad = next(p for p in audit.evidence.pages if p.url == root + "product/first")
    assert (bad.not_judged, bad.error, bad.loaded) == (not_judged, reason, False)
    problems = [(p.stage, p.url, p.viewport, p.reason) for p in audit.evidence.problems]
    assert ("gather", root + "product/first", "desktop", reason) in problems
    # The rest of the audit went on: the home, the category and the second product were judged.
    assert {p.kind for p in audit.evidence.pages if p.loaded} >= {"home", "category", "product"}
    assert _judged_product_pages(audit) == [root + "product/second"]
    product_page = next(r for r in audit.judgement.checks if r.id == "product-page" and r.viewport == "desktop")
    assert product_page.status in ("pass", "warn", "fail") and product_page.details
    # ... and nothing judged the bad page as the store's UX.
    bad_urls = {bad.url, bad.final_url}
    for result in audit.judgement.checks:
        assert not [f for f in result.findings if f.url in bad_urls or reason in f.message], result.id
    if case == "wall":
        returns = next(p for p in audit.evidence.pages if p.policy == "returns")
        assert returns.not_judged == "blocked"
        policy = next(r for r in audit.judgement.checks if r.id == "policy-pages" and r.viewport == "desktop")
        assert not [f for f in policy.findings if "429" in (f.value or "") or "blocked" in f.message]


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_store_page_with_recaptcha_on_its_form_is_audited(stores: tuple[HostileStore, HostileStore],
                                                            tmp_path: Path) -> None:
    hostile, _ = stores
    audit = audit_store(hostile.url + "/bad/contact", tmp_path, **SMALL)
    home = audit.evidence.pages[0]
    assert (home.kind, home.loaded, home.not_judged) == ("home", True, None)
    assert "g-recaptcha" in home.html
    assert not [p for p in audit.evidence.problems if "blocked" in p.reason]
    assert len(_judged_product_pages(audit)) == 1


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_redirect_to_the_www_host_is_the_same_store(hostile: HostileStore, tmp_path: Path) -> None:
    port = hostile.url.rsplit(":", 1)[1]
    audit = audit_store(f"http://localhost:{port}/bad/to-www", tmp_path, **SMALL)  # Chromium resolves *.localhost
    home = audit.evidence.pages[0]
    assert (home.final_url, home.loaded) == (f"http://www.localhost:{port}/bad/shop/plain/", True)
    assert len(_judged_product_pages(audit)) == 1 and not audit.evidence.problems


# --- pages that never finish, and endless pages ---------------------------------------------------

@pytest.mark.parametrize("path", ["/bad/hang/subresource", "/bad/hang/body"])
@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_page_that_never_finishes_is_gathered_with_a_warning(path: str, hostile: HostileStore,
                                                               tmp_path: Path) -> None:
    clock = time.perf_counter()
    audit = audit_store(hostile.url + path, tmp_path, **SMALL, page_timeout_s=5)
    elapsed = time.perf_counter() - clock
    home = audit.evidence.pages[0]
    warning = "the load event did not fire within 5 s; evidence was gathered from what had rendered by then"
    assert (home.loaded, home.warnings) == (True, [warning])
    assert ("gather", home.url, warning) in [(p.stage, p.url, p.reason) for p in audit.evidence.problems]
    assert home.meta.title and home.screenshot is not None
    assert len(_judged_product_pages(audit)) == 1  # discovery went on from what had rendered
    assert elapsed < 60, elapsed


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_an_endless_page_is_bounded(hostile: HostileStore, tmp_path: Path) -> None:
    clock = time.perf_counter()
    audit = audit_store(hostile.url + "/bad/endless/scroll", tmp_path, **SMALL)
    elapsed = time.perf_counter() - clock
    home = audit.evidence.pages[0]
    growing = [w for w in home.warnings if w.startswith("the page kept adding content (")]
    assert home.loaded and len(growing) == 1, home.warnings
    assert growing[0].endswith(" elements in 6 s after it loaded); evidence was gathered as it stood")
    # How far it grows before it is read depends on the machine's speed: on a fast one it also
    # outgrows the evidence caps, which is said too. Nothing else may be wrong with it.
    assert all(w in growing or w.startswith("the page is very large (") for w in home.warnings), home.warnings
    assert len(home.html) <= LIMITS["maxHtml"] and len(home.text) <= LIMITS["maxText"]
    assert len(home.interactive) <= LIMITS["maxElements"]
    assert len(_judged_product_pages(audit)) == 1
    assert elapsed < 90, elapsed


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_a_huge_page_is_cut_to_the_caps(hostile: HostileStore, tmp_path: Path) -> None:
    clock = time.perf_counter()
    audit = audit_store(hostile.url + "/bad/endless/huge", tmp_path, **SMALL)
    elapsed = time.perf_counter() - clock
    home = audit.evidence.pages[0]
    assert home.loaded and len(home.warnings) == 1
    assert home.warnings[0].startswith("the page is very large (4.")
    assert home.warnings[0].endswith("elements); the evidence keeps its first 1.5 M characters of HTML "
                                     "and 200,000 of text")
    assert (len(home.html), len(home.text)) == (LIMITS["maxHtml"], LIMITS["maxText"])
    assert len(_judged_product_pages(audit)) == 1
    assert elapsed < 120, elapsed


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-bad-input")
def test_an_endless_html_stream_is_cut(hostile: HostileStore, tmp_path: Path) -> None:
    from uxaudit.gather import MAX_DOCUMENT_BYTES

    clock = time.perf_counter()
    audit = audit_store(hostile.url + "/bad/endless/stream", tmp_path, **SMALL, page_timeout_s=5)
    elapsed = time.perf_counter() - clock
    home = audit.evidence.pages[0]
    cut = (f"the page's HTML went on past {MAX_DOCUMENT_BYTES / 1e6:g} MB; loading was stopped there and "
           "evidence was gathered from that part")
    assert home.loaded and cut in home.warnings
    assert len(home.html) <= LIMITS["maxHtml"] and len(home.interactive) <= LIMITS["maxElements"]
    assert len(_judged_product_pages(audit)) == 1
    assert elapsed < 90, elapsed
