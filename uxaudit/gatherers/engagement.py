"""Engagement features of one load: the headings and labelled blocks that name them, and sign-up forms.

Records the page's headings and the blocks whose names speak of recommendations,
recently viewed items, reviews, newsletters or loyalty rewards, with their boxes, plus
forms that take only an email address. The check matches the texts; presence only.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from uxaudit.gatherers import GatherContext

from ._dom import script

MAX_ITEMS = 60

ENGAGEMENT_JS = script(r"""
  const NAMED = /recommend|related|also.?(like|bought|viewed)|similar|recent|review|rating|newsletter|subscribe|signup|sign-up|loyal|reward|points|vip|member/i;
  const blocks = [];
  const seen = new Set();
  const add = (el, how) => {
    if (blocks.length >= args.max || seen.has(el)) return;
    seen.add(el);
    blocks.push(element(el, { how, text: clean(el.innerText || el.getAttribute('aria-label') || '', 100) }));
  };
  const HEAD = /recommend|like|also|similar|related|recent|viewed|history|review|rating|newsletter|subscri|sign.?up|offers|inbox|loyal|reward|points|vip|member|club|look|pairs|together/i;
  document.querySelectorAll('h1, h2, h3, h4, h5, [role=heading], legend')
    .forEach((el) => { if (HEAD.test(el.innerText || '')) add(el, 'heading'); });
  for (const el of document.querySelectorAll('section, aside, div, form, a')) {
    if (blocks.length >= args.max) break;
    const name = (typeof el.className === 'string' ? el.className : '') + ' ' + (el.id || '') + ' ' + (el.getAttribute('aria-label') || '');
    if (el.tagName === 'A') { if (NAMED.test(el.innerText || '')) add(el, 'link'); continue; }
    if (NAMED.test(name)) add(el, 'named');
  }
  const signups = [];
  for (const f of document.querySelectorAll('form')) {
    const inputs = [...f.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]), textarea, select')];
    const email = inputs.filter((e) => e.type === 'email' || /e-?mail/i.test(e.name || e.id || ''));
    if (!email.length || inputs.length > 3 || inputs.some((e) => e.type === 'password' || e.tagName === 'TEXTAREA')) continue;
    let around = '';
    for (let n = f; n && around.length < 40 && n !== document.body; n = n.parentElement) around = n.innerText || '';
    signups.push(element(f, { text: clean(around, 200), fields: inputs.length,
      in_dialog: !!f.closest('dialog, [role=dialog], [aria-modal=true], .modal') }));
  }
  return { blocks, signups: signups.slice(0, 10) };
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    result: dict[str, Any] = await page.evaluate(ENGAGEMENT_JS, {"max": MAX_ITEMS})
    result["scripts"] = sorted({str(r.get("url", ""))[:300] for r in ctx.requests
                                if r.get("type") == "Script" and str(r.get("url", "")).startswith("http")})[:60]
    return result
