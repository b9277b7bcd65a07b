"""Policy and help links of one load, with where on the page they sit.

Every link whose text or address speaks of shipping, returns, privacy, terms, contact or
help is recorded with its region: 'footer' (``<footer>``, ``role=contentinfo`` or a box
named like a footer), 'nav' (header or navigation), 'bottom' (the last fifth of the page,
the footer of a shop without footer markup) or 'main'. Links hidden in a collapsed menu
or footer accordion are kept (``visible`` false): they are still one tap away.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

from ._dom import script

MAX_LINKS = 80

LINKS_JS = script(r"""
  const HINT = /ship|deliver|return|refund|exchange|privacy|cookie|terms|condition|legal|imprint|impressum|contact|customer.?service|faq|help|support/i;
  const out = [];
  for (const a of document.querySelectorAll('a[href]')) {
    if (out.length >= args.max) break;
    const href = a.href;
    if (!/^https?:/.test(href)) continue;
    const text = label(a);
    if (!HINT.test(text) && !HINT.test(new URL(href).pathname)) continue;
    out.push(element(a, { href, region: region(a) }));
  }
  return { links: out };
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(LINKS_JS, {"max": MAX_LINKS})
    return result
