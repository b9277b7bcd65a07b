"""Support channels visible from one load: phone and email links, forms, chat widgets, help links.

Records facts only: ``tel:`` and ``mailto:`` links, every form's make-up (a textarea, an
email field, its heading and button), chat-widget traces (DOM roots, window globals,
scripts of this load) and links to contact, FAQ or help pages. The check decides what
counts as a contact form or a live chat, with the lists in ``vendors``.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

from ._dom import script
from .vendors import CHAT_GLOBALS, CHAT_SELECTORS

MAX_ITEMS = 20

SUPPORT_JS = script(r"""
  const take = (list) => list.slice(0, args.max);
  const links = (prefix) => take([...document.querySelectorAll(`a[href^="${prefix}" i]`)]
    .map((a) => element(a, { href: a.getAttribute('href').slice(0, 200), region: region(a) })));
  const HELP = /contact|customer.?service|get in touch|faq|help|support|chat with|live chat/i;
  const help = take([...document.querySelectorAll('a[href]')]
    .filter((a) => /^https?:/.test(a.href) && (HELP.test(label(a)) || HELP.test(new URL(a.href).pathname)))
    .map((a) => element(a, { href: a.href, region: region(a) })));
  const forms = take([...document.querySelectorAll('form')].map((f) => {
    const fields = [...f.querySelectorAll('input:not([type=hidden]), textarea, select')];
    let heading = '';
    for (let n = f; n && !heading && n !== document.body; n = n.parentElement) {
      const h = n.querySelector('h1, h2, h3, h4, legend');
      if (h) heading = clean(h.innerText, 80);
    }
    const submit = f.querySelector('button[type=submit], button:not([type]), input[type=submit]');
    return element(f, {
      text: '', action: f.getAttribute('action') || '', method: (f.getAttribute('method') || 'get').toLowerCase(),
      textarea: fields.some((e) => e.tagName === 'TEXTAREA'),
      email: fields.some((e) => e.type === 'email' || /e-?mail/i.test(e.name || e.id || '')),
      password: fields.some((e) => e.type === 'password'),
      search: fields.some((e) => e.type === 'search') || /search/i.test(f.getAttribute('action') || '') || f.getAttribute('role') === 'search',
      fields: fields.length, heading, submit: submit ? label(submit) : '',
      names: fields.map((e) => e.name || e.id || e.type).slice(0, 12),
    });
  }));
  const chat_dom = [];
  for (const [selector, vendor] of Object.entries(args.chatSelectors)) {
    let el = null;
    try { el = document.querySelector(selector); } catch (e) {}
    if (el) chat_dom.push(element(el, { vendor }));
  }
  // Generic: a fixed launcher (or frame) named like a chat, as unknown widgets draw them.
  for (const el of document.querySelectorAll('iframe, div, button, a, aside')) {
    if (chat_dom.length >= 5) break;
    const name = (typeof el.className === 'string' ? el.className : '') + ' ' + (el.id || '') + ' '
      + (el.getAttribute('title') || '') + ' ' + (el.getAttribute('aria-label') || '');
    if (!/(live.?chat|chat.?widget|chat.?launcher|messenger|webchat|\bchat\b)/i.test(name)) continue;
    const pos = getComputedStyle(el).position;
    if (pos !== 'fixed' && !(el.parentElement && getComputedStyle(el.parentElement).position === 'fixed')) continue;
    if (!visible(el)) continue;
    chat_dom.push(element(el, { vendor: 'a chat widget' }));
  }
  const chat_globals = Object.keys(args.chatGlobals).filter((g) => { try { return window[g] != null; } catch (e) { return false; } });
  return { tel: links('tel:'), mailto: links('mailto:'), forms, help_links: help, chat_dom, chat_globals };
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(SUPPORT_JS, {
        "max": MAX_ITEMS, "chatSelectors": CHAT_SELECTORS, "chatGlobals": CHAT_GLOBALS})
    result["scripts"] = sorted({str(r.get("url", ""))[:300] for r in ctx.requests
                                if r.get("type") == "Script" and str(r.get("url", "")).startswith("http")})[:60]
    return result
