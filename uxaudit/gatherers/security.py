"""Security evidence of one load: the page's scheme, plain-HTTP subresources, sensitive fields and trust cues.

Mixed content is read from this load's requests (every ``http://`` request an ``https://``
page made, blocked or not). Sensitive fields are password inputs and card inputs (by
``autocomplete="cc-*"`` or a card-like name), with the scheme their form posts to; payment
frames (a provider's own HTTPS iframe) are listed apart. Trust cues are short texts and
images that reassure about payment safety (secure checkout, encryption, payment logos,
guarantees, review badges).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

from ._dom import script

MAX_ITEMS = 20

SECURITY_JS = script(r"""
  const CARD = /card.?(number|num|no)|cc.?(num|number|no)|cardnumber|\bpan\b|cvc|cvv|csc|security.?code|expir/i;
  const fields = [];
  for (const el of document.querySelectorAll('input:not([type=hidden])')) {
    if (fields.length >= args.max) break;
    const ac = (el.getAttribute('autocomplete') || '').toLowerCase();
    const name = (el.name || '') + ' ' + (el.id || '');
    const kind = el.type === 'password' ? 'password' : (/\bcc-/.test(ac) || CARD.test(name)) ? 'card' : null;
    if (!kind) continue;
    const form = el.form;
    fields.push(element(el, { kind, name: clean(el.name || el.id, 60), autocomplete: ac,
                              action: form ? form.action : null }));
  }
  const frames = [...document.querySelectorAll('iframe[src]')].map((f) => f.src).filter((s) => /^https?:/.test(s)).slice(0, args.max);
  const CUE = /secure (checkout|payment|shopping|transaction)|ssl|encrypt|\u{1F512}|money.?back|guarantee|buyer protection|safe (checkout|shopping|payment)|trusted shops|norton|mcafee|trustpilot|verified by visa|3-?d secure/iu;
  const cues = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n && cues.length < args.max; n = walker.nextNode()) {
    const t = n.textContent;
    if (!t || t.length > 400 || !CUE.test(t)) continue;
    const el = n.parentElement;
    if (!el || seen.has(el) || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(el.tagName)) continue;
    seen.add(el);
    cues.push(element(el, { text: clean(t, 120), kind: 'text' }));
  }
  const LOGO = /visa|master.?card|amex|american express|paypal|apple.?pay|google.?pay|klarna|afterpay|maestro|discover|norton|mcafee|trustpilot|trusted.?shops|secure|ssl/i;
  for (const img of document.querySelectorAll('img, svg[aria-label], [role=img][aria-label]')) {
    if (cues.length >= args.max * 2) break;
    const name = img.tagName === 'IMG' ? (img.alt || '') + ' ' + (img.getAttribute('src') || '').split('/').pop()
      : (img.getAttribute('aria-label') || '');
    if (!LOGO.test(name)) continue;
    cues.push(element(img, { text: clean(name, 80), kind: 'image' }));
  }
  return { fields, frames, cues };
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(SECURITY_JS, {"max": MAX_ITEMS})
    scheme = urlsplit(page.url).scheme
    insecure = []
    if scheme == "https":
        insecure = sorted({str(r.get("url", ""))[:300] for r in ctx.requests
                           if str(r.get("url", "")).startswith("http://")})[:MAX_ITEMS]
    result.update(scheme=scheme, insecure_requests=insecure,
                  insecure_types={u: next((str(r.get("type", "Other")) for r in ctx.requests if r.get("url") == u), "Other")
                                  for u in insecure})
    return result
