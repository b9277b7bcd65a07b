"""Walk the Oscar test shop in Chromium like a shopper and print what each page shows (JSON).

    .venv/bin/python tests/stores/oscar/walk_facts.py [--place-order] > facts.json

The measurements behind FACTS.md. Not a test: it only observes. With --place-order it
also places one guest order (in its own temporary workdir) to record the last steps.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import extruct
from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from tests.stores.oscar_store import OscarStore

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

FIELDS_JS = """(sel) => Array.from(document.querySelectorAll(sel + ' input, ' + sel + ' select, ' + sel + ' textarea'))
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .map(e => ({name: e.name, tag: e.tagName.toLowerCase(), type: e.type, required: e.required,
              autocomplete: e.getAttribute('autocomplete'), id: e.id,
              label: (document.querySelector('label[for="' + e.id + '"]') || {}).innerText || null}))"""


def structured(page: Page) -> dict:
    data = extruct.extract(page.content(), base_url=page.url, syntaxes=["json-ld", "microdata", "opengraph", "rdfa"],
                           uniform=True)
    return {k: v for k, v in data.items() if v}


def meta_viewport(page: Page) -> str | None:
    el = page.query_selector('meta[name="viewport"]')
    return el.get_attribute("content") if el else None


def texts(page: Page, selector: str) -> list[str]:
    return [" ".join(e.inner_text().split()) for e in page.query_selector_all(selector)]


def product_facts(page: Page, base: str, path: str) -> dict:
    response = page.goto(base + path.lstrip("/"))
    return {
        "url": page.url,
        "status": response.status if response else None,
        "title": page.title(),
        "h1": texts(page, "h1"),
        "price": texts(page, ".product_main .price_color"),
        "availability": texts(page, ".product_main .availability"),
        "add_to_basket_buttons": texts(page, "#add_to_basket_form button[type=submit]"),
        "add_to_basket_form_fields": page.evaluate(FIELDS_JS, "#add_to_basket_form"),
        "alert_form": bool(page.query_selector("#alert_form, form[action*='alert']")),
        "gallery_main_images": len(page.query_selector_all("#product_gallery .carousel-item img")),
        "gallery_thumbnails": len(page.query_selector_all("#product_gallery .carousel-indicators img")),
        "all_imgs_in_gallery": len(page.query_selector_all("#product_gallery img")),
        "main_image_alt": [e.get_attribute("alt") for e in page.query_selector_all("#product_gallery img")][:1],
        "main_image_natural_size": page.evaluate(
            "() => { const i = document.querySelector('#product_gallery .carousel-item img');"
            " return i ? [i.naturalWidth, i.naturalHeight] : null }"),
        "meta_description": page.evaluate(
            "() => (document.querySelector('meta[name=description]') || {}).content"),
        "description": texts(page, "#product_description + p"),
        "variants_heading": texts(page, ".product_main h2"),
        "variant_links": texts(page, ".product_main a[href*='/catalogue/']"),
        "product_info_table": texts(page, "table.table-striped tr"),
        "reviews": texts(page, ".review-list > li")[:3],
        "rating_stars": [e.get_attribute("class") for e in page.query_selector_all(".product_main .star-rating")],
        "shipping_mentions": [t for t in texts(page, "body") if "shipping" in t.lower() or "delivery" in t.lower()],
        "viewport": meta_viewport(page),
        "structured_data": structured(page),
        "itemtypes": [e.get_attribute("itemtype") for e in page.query_selector_all("[itemtype]")],
    }


def walk(store: OscarStore, place_order: bool) -> dict:
    facts: dict = {}
    products = {p["title"]: p for p in store.products()}
    t0 = time.monotonic()
    anon = store.start(anon_checkout=True)
    login_only = store.start(anon_checkout=False)
    facts["start_seconds_two_servers"] = round(time.monotonic() - t0, 2)
    facts["base_urls"] = {"anon": anon, "login_only": login_only}

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked: list[str] = []

        def route(r):
            if r.request.url.startswith("http://127.0.0.1:"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()

        # home
        response = page.goto(anon)
        facts["home"] = {
            "url": page.url, "status": response.status, "title": page.title(), "viewport": meta_viewport(page),
            "h1": texts(page, "h1"), "nav_links": texts(page, "#navbar a, .navbar a")[:30],
            "product_pods": len(page.query_selector_all("article.product_pod")),
            "category_links": [a.get_attribute("href") for a in page.query_selector_all("a[href*='/catalogue/category/']")],
            "search_form": page.evaluate(FIELDS_JS, "form[action*='search']"),
            "structured_data": structured(page),
        }

        # categories
        facts["categories"] = {}
        for crumbs in sorted({p["category"] for p in products.values()}) + ["Clothing"]:
            if crumbs == "Clothing":
                link = page.query_selector("a[href*='/catalogue/category/clothing']")
                path = link.get_attribute("href") if link else None
                page.goto(anon.rstrip("/") + path) if path else None
            else:
                cat_url = next(p["category_url"] for p in products.values() if p["category"] == crumbs)
                response = page.goto(anon.rstrip("/") + cat_url)
            facts["categories"][crumbs] = {
                "url": page.url, "h1": texts(page, "h1"),
                "pods": texts(page, "article.product_pod h3"),
                "pod_prices": texts(page, "article.product_pod .price_color"),
                "pod_availability": texts(page, "article.product_pod .availability"),
                "pod_add_buttons": texts(page, "article.product_pod form button"),
                "result_count_text": [t.split(" Sort by")[0] for t in texts(page, "form[method=get]") if "result" in t][:1],
            }
        page.goto(anon + "catalogue/")
        facts["all_products"] = {"url": page.url, "pods": len(page.query_selector_all("article.product_pod")),
                                 "pagination": texts(page, "ul.pager, ul.pagination")}

        # product pages
        facts["product_pages"] = {
            title: product_facts(page, anon, products[title]["url"])
            for title in ["Oxford Cotton Shirt", "Floral Midi Dress", "Black Slip Dress", "Organic Cotton T-Shirt"]
        }
        child = products["Organic Cotton T-Shirt"]["variants"][0]
        facts["product_pages"]["child " + child["title"]] = product_facts(page, anon, child["url"])

        # add to basket from the product page
        shirt = products["Oxford Cotton Shirt"]
        page.goto(anon.rstrip("/") + shirt["url"])
        with page.expect_navigation():
            page.click("#add_to_basket_form button[type=submit]")
        facts["after_add"] = {"url": page.url, "messages": texts(page, ".alert")[:3],
                              "basket_mini": texts(page, ".basket-mini")}
        response = page.goto(anon + "basket/")
        facts["basket"] = {
            "url": page.url, "status": response.status, "lines": texts(page, "#basket_formset .basket-items"),
            "totals": texts(page, "#basket_totals tr"),
            "voucher_form_present": bool(page.query_selector("#voucher_form")),
            "voucher_form_visible": page.is_visible("#voucher_form") if page.query_selector("#voucher_form") else None,
            "voucher_toggle": texts(page, "#voucher_form_link a, a[href='#voucher']"),
            "quantity_inputs": page.evaluate(FIELDS_JS, "#basket_formset"),
            "checkout_links": [(a.inner_text().strip(), a.get_attribute("href"))
                               for a in page.query_selector_all("a[href*='checkout']")],
        }
        facts["order_count_after_basket"] = store.order_count()

        # checkout gateway with anon on
        response = page.goto(anon + "checkout/")
        facts["checkout_anon"] = {
            "url": page.url, "status": response.status, "h1": texts(page, "h1"),
            "form_text": texts(page, "form")[:3],
            "radios": [{"value": e.get_attribute("value"), "checked": e.is_checked(),
                        "label": page.evaluate("(e) => e.closest('label') ? e.closest('label').innerText : "
                                               "(document.querySelector('label[for=\"'+e.id+'\"]')||{}).innerText", e)}
                       for e in page.query_selector_all("input[type=radio]")],
            "fields": page.evaluate(FIELDS_JS, "form"),
            "buttons": texts(page, "form button"),
        }
        facts["order_count_after_checkout_gateway"] = store.order_count()

        # Cookies are per host, not per port: a second server in the same browser context
        # would see this session (and basket). Use a separate context for it.
        other = browser.new_context()
        other.route("**/*", route)
        page2 = other.new_page()
        response = page2.goto(login_only + "checkout/")
        facts["checkout_login_only_empty_basket"] = {"url": page2.url, "status": response.status,
                                                     "messages": texts(page2, ".alert")[:3]}
        page2.goto(login_only.rstrip("/") + shirt["url"])
        with page2.expect_navigation():
            page2.click("#add_to_basket_form button[type=submit]")
        page2.goto(login_only + "basket/")
        facts["basket_login_only"] = {"totals": texts(page2, "#basket_totals tr")}
        page2.click("#voucher_form_link a")
        facts["voucher"] = {"form_visible_after_click": page2.is_visible("#voucher_form"),
                            "fields": page2.evaluate(FIELDS_JS, "#voucher_form")}
        page2.fill("#voucher_form input[name=code]", "WELCOME10")
        with page2.expect_navigation():
            page2.click("#voucher_form button[type=submit]")
        facts["voucher"].update(url=page2.url, messages=texts(page2, ".alert")[:3],
                                totals=texts(page2, "#basket_totals tr"))
        page = page2
        response = page.goto(login_only + "checkout/")
        facts["checkout_login_only"] = {
            "url": page.url, "status": response.status, "h1": texts(page, "h1"),
            "redirect_chain": [r.url for r in _chain(response)],
            "fields": page.evaluate(FIELDS_JS, "form"), "messages": texts(page, ".alert")[:3],
            "headings": texts(page, "h2"),
        }
        page = context.pages[0]

        # guest through to the shipping address
        page.goto(anon + "checkout/")
        page.fill("#id_username", "guest@example.com")
        with page.expect_navigation():
            page.click("form#login_form button[type=submit], form button[type=submit]")
        facts["shipping_address"] = {
            "url": page.url, "h1": texts(page, "h1"),
            "fields": page.evaluate(FIELDS_JS, "form#new_shipping_address, form"),
            "country_options": texts(page, "select[name=country] option"),
            "buttons": texts(page, "form button"),
            "totals": texts(page, "#basket_totals tr, .basket-totals tr, table tr")[:12],
        }
        page.fill("#id_first_name", "Sam")
        page.fill("#id_last_name", "Shopper")
        page.fill("#id_line1", "1 High Street")
        page.fill("#id_line4", "London")
        page.fill("#id_postcode", "SW1A 1AA")
        if page.query_selector("select#id_country"):
            page.select_option("select#id_country", "GB")
        if page.query_selector("#id_phone_number"):
            page.fill("#id_phone_number", "+44 20 7946 0000")
        with page.expect_navigation():
            page.click("form#new_shipping_address button[type=submit], form button[type=submit]")
        facts["shipping_method"] = {
            "url": page.url, "h1": texts(page, "h1"),
            "methods": texts(page, "h4"),
            "method_rows": texts(page, ".basket-items .row"),
            "checkout_steps": texts(page, ".checkout-progress, ol.progress, .nav-checkout")[:1],
            "buttons": texts(page, "form button"),
        }
        with page.expect_navigation():
            page.click("form button[type=submit]")
        facts["payment"] = {"url": page.url, "h1": texts(page, "h1"), "body": [t[:400] for t in texts(page, "body")]}
        link = page.query_selector("a[href*='preview']")
        if link:
            with page.expect_navigation():
                link.click()
        facts["preview"] = {"url": page.url, "h1": texts(page, "h1"),
                            "totals": texts(page, "#basket_totals tr, table tr")[:15],
                            "buttons": texts(page, "form button, #place-order")}
        if place_order:
            with page.expect_navigation():
                page.click("#place-order")
            facts["thank_you"] = {"url": page.url, "h1": texts(page, "h1"), "order_count": store.order_count()}
        else:
            facts["order_count_at_preview"] = store.order_count()

        # search
        facts["search"] = {}
        for q in ["Oxford Cotton Shirt", "Oxfrd Cotton Shirt", "Shirt", "Shirts", "Shrt", "Dress", "Dres", "Drezs",
                  "linen", "TL-SH-001", "zzzz"]:
            response = page.goto(anon + "search/?q=" + q)
            facts["search"][q] = {"url": page.url, "status": response.status,
                                  "results": texts(page, "article.product_pod h3"),
                                  "summary": texts(page, ".page-header, form.form-horizontal")[:2],
                                  "found_text": [t.split(" Sort by")[0] for t in texts(page, "form[method=get]") if "result" in t][:1]}

        for path in ["robots.txt", "sitemap.xml", "no-such-page/"]:
            response = page.goto(anon + path)
            facts[path] = {"status": response.status, "title": page.title()}
        facts["blocked_offsite_requests"] = sorted(set(blocked))
        browser.close()
    return facts


def _chain(response):
    chain = []
    request = response.request
    while request:
        chain.insert(0, request)
        request = request.redirected_from
    return chain


def main() -> None:
    place_order = "--place-order" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        store = OscarStore(Path(tmp))
        t0 = time.monotonic()
        store.prepare()
        prepare_s = round(time.monotonic() - t0, 2)
        try:
            facts = walk(store, place_order)
        finally:
            store.stop()
        facts["prepare_seconds"] = prepare_s
    json.dump(facts, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
