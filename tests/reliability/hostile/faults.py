"""Faults during an audit: small shops whose one bad category page misbehaves in the browser.

Every case is a shop of its own under ``/faults/<case>/``: a home page whose navigation links
two categories, ``bad`` (the fault) then ``good``, each showing one product card. An audit
with one category and one product therefore meets the fault, moves on to the good category
and still reaches the product, so a test can assert both the fault's record and that
nothing else was lost.

Cases: ``dialogs`` (an alert, a confirm and a prompt on load), ``beforeunload``, ``popup``, ``overlay`` (a geo
modal covering the page), ``renderer-crash`` (the page's renderer process is killed while a
slow image loads), ``browser-crash`` (the whole browser process is killed when the page is
asked for), ``slow`` (every category and product page takes ``SLOW_S`` to answer: time to
interrupt an audit), ``stall`` (they take ``STALL_S``: longer than an audit-wide timeout) and
``plain`` (no fault).
"""

from __future__ import annotations

import os
import signal
import time

import psutil

from tests.reliability.hostile import Reply, Request, page, route

SLOW_S = 2.0
STALL_S = 30.0
DIALOG_MESSAGE = "Welcome! This store works best in Internet Explorer 6. " + "Really. " * 40

_FAULTS: dict[str, str] = {
    "dialogs": (f"<script>alert({DIALOG_MESSAGE!r});"
                " if (confirm('Switch to our app?')) { document.title = 'confirmed'; }"
                " if (prompt('Your postcode?', '12345') !== null) { document.title = 'answered'; }</script>"),
    # Chromium asks before unload only once the page has had a user gesture; the test clicks.
    "beforeunload": ("<script>addEventListener('beforeunload', (e) => { e.preventDefault();"
                     " e.returnValue = 'Changes you made may not be saved.'; });</script>"),
    "popup": "<script>window.open('/faults/popup/ad', '_blank');</script>",
    "overlay": ("<div id=geo role=dialog aria-modal=true style='position:fixed;inset:0;background:rgba(0,0,0,.8);"
                "color:#fff;z-index:99;display:flex;align-items:center;justify-content:center'>"
                "<div><p>You seem to be visiting from abroad. Choose your country to see local prices.</p>"
                "<button>Stay on the US store</button> <button aria-label=Close>×</button></div></div>"),
    "renderer-crash": "<img src='/faults/renderer-crash/kill.png' alt='a very slow image'>",
}


def _nav(case: str) -> str:
    return (f"<header><nav><a href='/faults/{case}/'>Home</a> <a href='/faults/{case}/category/bad'>Bad</a> "
            f"<a href='/faults/{case}/category/good'>Good</a></nav></header>")


def _card(case: str) -> str:
    return (f"<ul><li class=card><a href='/faults/{case}/product/1'>Sturdy mug</a> "
            "<span class=price>$12.00</span></li></ul>")


@route("/faults/*")
def shop(request: Request) -> Reply | None:
    parts = request.path.strip("/").split("/")
    case = parts[1] if len(parts) > 1 else ""
    rest = parts[2:]
    if case == "renderer-crash" and rest == ["kill.png"]:
        _kill_chromium(renderers=True)
        time.sleep(5)
        return Reply(404, b"", content_type="image/png")
    if case == "popup" and rest == ["ad"]:
        return Reply(body=page("Special offer", "<h1>50% off, today only</h1>"))
    if case in ("slow", "stall") and rest:
        time.sleep(SLOW_S if case == "slow" else STALL_S)
    if not rest:
        return Reply(body=page(f"Faults: {case}", _nav(case) + f"<main><h1>The {case} shop</h1></main>"))
    if rest[0] == "category" and len(rest) == 2:
        fault = _FAULTS.get(case, "") if rest[1] == "bad" else ""
        if rest[1] == "bad" and case == "browser-crash":
            request.store.state.setdefault("killed_browsers", []).extend(_kill_chromium(renderers=False))
        return Reply(body=page(f"{rest[1].title()} category", _nav(case) + f"<main><h1>{rest[1]} things</h1>"
                               + _card(case) + "</main>" + fault))
    if rest == ["product", "1"]:
        data = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",'
                ' "name": "Sturdy mug", "offers": {"@type": "Offer", "price": "12.00", "priceCurrency": "USD"}}'
                "</script>")
        return Reply(body=page("Sturdy mug", _nav(case) + "<main><h1>Sturdy mug</h1><p>$12.00</p>"
                               "<button>Add to cart</button></main>", head=data))
    return Reply(404, page("Not found", "<h1>Not found</h1>"))


def _kill_chromium(renderers: bool) -> list[int]:
    """Kill this process's Chromium: its renderer processes, or the browser process itself.

    The store runs inside the test process, whose Playwright driver launched the browser, so
    the browser is among our own descendants; no other process is touched. Returns the ids of
    the killed processes and of their descendants (which should go away with them).
    """
    killed: list[int] = []
    for proc in psutil.Process(os.getpid()).children(recursive=True):
        try:
            if "chrom" not in proc.name().lower():
                continue
            args = proc.cmdline()
        except psutil.Error:
            continue
        is_renderer = "--type=renderer" in args
        is_browser = not any(a.startswith("--type=") for a in args)
        if (renderers and is_renderer) or (not renderers and is_browser):
            try:
                tree = [proc.pid] + [p.pid for p in proc.children(recursive=True)]
                proc.send_signal(signal.SIGKILL)
                killed.extend(tree)
            except psutil.Error:
                pass
    return killed
