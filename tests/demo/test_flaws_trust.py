"""The trust switches added for the accessibility, support-channels and policy-pages checks: what is served."""

from __future__ import annotations

import re

from uxaudit.demo.flaws import PROFILES


def test_profiles_of_the_trust_switches() -> None:
    good, average, poor = PROFILES["good"], PROFILES["average"], PROFILES["poor"]
    assert (good.accessibility_flaws, good.contact_channels, good.live_chat, good.returns_window) == (
        False, "full", True, True)
    assert (average.accessibility_flaws, average.contact_channels, average.live_chat, average.returns_window) == (
        False, "full", False, True)
    assert (poor.accessibility_flaws, poor.contact_channels, poor.live_chat, poor.returns_window) == (
        True, "form_only", False, False)


def test_accessibility_flaws(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good", newsletter_popup=True)
    _, bad = make_store("good", newsletter_popup=True, accessibility_flaws=True)
    for client, flawed in ((good, False), (bad, True)):
        home = client.get("/").text
        product = client.get("/products/shirt-dress").text
        media = re.findall(r'<img src="/media/[a-z0-9-]+-\d-(?:400|720)\.jpg"[^>]*>', home + product)
        assert media
        assert all(("alt=" not in tag) is flawed for tag in media)
        assert ('<label class="visually-hidden" for="site-search">' in home) is not flawed
        assert ('<label for="newsletter-email">' in home) is not flawed
        assert ('aria-label="Account"' in home) is not flawed
        assert ('class="card-brand"' in home and "color:#aaa;font-size:12px" in home) is flawed
    assert '<input id="newsletter-email"' in bad.get("/").text  # the field is still there, just unnamed


def test_contact_channels_form_only(make_store) -> None:  # type: ignore[no-untyped-def]
    _, full = make_store("good")
    _, form = make_store("good", contact_channels="form_only")
    assert 'href="tel:' in full.get("/").text and 'href="mailto:' in full.get("/pages/contact").text
    paths = ("/", "/products/shirt-dress", "/pages/contact", "/pages/privacy", "/pages/faq", "/search?q=zzzz")
    for path in paths:
        html = form.get(path).text
        assert "tel:" not in html and "mailto:" not in html, path
        assert "555-0147" not in html and not re.search(r"[\w.]+@example\.com", html), path
    contact = form.get("/pages/contact").text
    assert '<form action="/pages/contact" method="post">' in contact and "<textarea" in contact
    assert 'href="/pages/faq"' in form.get("/").text


def test_live_chat(make_store) -> None:  # type: ignore[no-untyped-def]
    store, chat = make_store("good")
    _, none = make_store("good", live_chat=False)
    html = chat.get("/").text
    assert f'"http://localhost:{store.port}/3p/live-chat.js"' in html
    script = chat.get(f"http://localhost:{store.port}/3p/live-chat.js")
    assert script.status == 200 and script.headers["Content-Type"].startswith("text/javascript")
    js = script.text
    assert "position:fixed;right:20px;bottom:20px" in js and "border-radius:50%" in js
    assert '"aria-label","Chat with us"' in js and "collect" not in js  # a widget, not a beacon
    assert "live-chat.js" not in none.get("/").text
    assert "live-chat.js" not in make_store("average")[1].get("/").text


def test_returns_window(make_store) -> None:  # type: ignore[no-untyped-def]
    _, good = make_store("good")
    _, bad = make_store("good", returns_window=False)
    returns = good.get("/pages/returns").text
    assert "You have 30 days from delivery" in returns and "Free 30-day returns" in returns
    returns = bad.get("/pages/returns").text
    assert "at our discretion" in returns
    main = returns.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert not re.search(r"\d+[\s-]*(working |business )?(day|week|month)", main, re.IGNORECASE)
    assert "Free 30-day returns" not in returns  # the USP strip does not state it on this page
    assert "Free 30-day returns" in bad.get("/").text  # the strip stays elsewhere
