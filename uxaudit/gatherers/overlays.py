"""Overlays covering the page on arrival: newsletter and promotion pop-ups, geo modals, cookie walls.

Read before anyone touches the page (page gathering never dismisses them, so the consent
banner and the screenshot are what a shopper meets first; the journeys close them as a
shopper would). Records each visible modal dialog, and each fixed-position layer covering at
least ``MIN_COVER`` of the viewport, with the share of the viewport it covers, a guess at
what it is from its text, and whether it offers a close button. Judging is the checks' job.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

from ._dom import script

MIN_COVER = 0.3
"""A fixed layer covering less than this share of the viewport (a bar, a chat button) is not an overlay."""
MAX_OVERLAYS = 5

OVERLAYS_JS = script(r"""
  const vw = innerWidth, vh = innerHeight;
  const KINDS = [
    ['consent', /cookie|consent|gdpr|tracking|privacy/i],
    ['geo', /countr|region|location|ship(ping)? to|deliver(y|ing)? to|currency|abroad|international|your store/i],
    ['newsletter', /newsletter|subscribe|sign ?up|e-?mail|inbox/i],
    ['promotion', /% ?off|discount|coupon|offer|sale|deal|free shipping/i],
    ['age', /\bage\b|years old|\b18\b|\b21\b/i],
  ];
  const CLOSE = /^\s*(×|✕|✖|x)\s*$|close|dismiss|no,? thanks|not now|maybe later|skip|continue|stay|reject|decline/i;
  const cover = (el) => {
    const r = el.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    return (w * h) / (vw * vh);
  };
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (found.length >= args.max) break;
    if (found.some((f) => f.el.contains(el))) continue;
    const modal = el.matches('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]');
    const fixed = getComputedStyle(el).position === 'fixed';
    if (!modal && !fixed) continue;
    if (!visible(el) || el.closest('header, nav, footer')) continue;
    const share = cover(el);
    if (share < (modal ? 0.05 : args.minCover)) continue;
    found.push({ el, share });
  }
  return found.map(({ el, share }) => {
    const text = clean(el.innerText, 300);
    const kind = (KINDS.find(([, re]) => re.test(text)) || ['other'])[0];
    const buttons = [...el.querySelectorAll('button, a, [role=button], input[type=button], input[type=submit]')]
      .filter(visible);
    const close = buttons.find((b) => CLOSE.test(label(b)));
    return element(el, { kind, cover: Math.round(share * 100) / 100, text,
                         close: close ? label(close) || 'close' : null });
  });
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    overlays: list[dict[str, Any]] = await page.evaluate(OVERLAYS_JS, {"max": MAX_OVERLAYS, "minCover": MIN_COVER})
    return {"overlays": overlays}
