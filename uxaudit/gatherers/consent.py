"""Cookie-consent evidence of one load: the banner's first layer, cookies and third-party requests.

Read before anyone consents: the audit never clicks a banner, so everything here is what a
shopper meets on arrival. The banner is found by the roots of widespread consent tools
(``vendors.CONSENT_SELECTORS``) or by a visible fixed/sticky box whose name and text speak
of cookies or consent; its buttons are measured (size, colours, font) for the check to
compare accept with reject. Cookies come from the context after the load; requests from
this load's network log. Classifying trackers is the check's job.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from uxaudit.access import parse_cookie
from uxaudit.gatherers import GatherContext

from ._dom import script, site_of
from .vendors import CONSENT_FRAME_HOSTS, CONSENT_SELECTORS

MAX_COOKIES = 100
MAX_REQUESTS = 150
MAX_URL = 300

BANNER_JS = script(r"""
  const NAME = /cookie|consent|gdpr|ccpa|\bcmp\b|privacy[-_ ]?(banner|notice|bar|popup)/i;
  const TEXT = /cookie|consent|tracking|personal data|privacy|datenschutz|rgpd/i;
  const roots = [];
  const push = (el, how) => { if (el && !roots.some((r) => r.el === el || r.el.contains(el))) roots.push({ el, how }); };
  for (const s of args.selectors) { try { document.querySelectorAll(s).forEach((el) => push(el, 'known')); } catch (e) {} }
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('div, section, aside, dialog, form, [role=dialog], [role=region], [role=alertdialog]')) {
      all.push(el);
    }
  };
  walk(document);
  document.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) walk(el.shadowRoot); });
  for (const el of all) {
    const name = (typeof el.className === 'string' ? el.className : '') + ' ' + (el.id || '') + ' '
      + (el.getAttribute('aria-label') || '');
    if (!NAME.test(name)) continue;
    const text = el.innerText || '';
    if (!TEXT.test(text) || text.length > 4000) continue;
    push(el, 'name');
  }
  const shown = roots.filter((r) => visible(r.el) && (r.el.innerText || '').trim().length > 0);
  if (!shown.length) return { banner: null, candidates: roots.length };
  // The outermost visible root with buttons is the banner.
  shown.sort((a, b) => (a.how === 'known' ? 0 : 1) - (b.how === 'known' ? 0 : 1));
  const root = shown.find((r) => r.el.querySelector('button, a, [role=button], input[type=button], input[type=submit]')) || shown[0];
  const bannerEl = root.el;
  const rgba = (c) => { const m = String(c).match(/[\d.]+/g) || []; return m.map(Number); };
  const bgOf = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement || (n.getRootNode && n.getRootNode().host)) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const style = (el) => {
    const cs = getComputedStyle(el);
    const bw = parseFloat(cs.borderTopWidth) || 0;
    return {
      background: bgOf(el), color: rgba(cs.color).slice(0, 3), own_background: rgba(cs.backgroundColor),
      font_px: parseFloat(cs.fontSize) || 0, font_weight: parseInt(cs.fontWeight, 10) || 400,
      border_px: cs.borderTopStyle === 'none' ? 0 : bw, underline: /underline/.test(cs.textDecorationLine),
    };
  };
  const controls = [];
  for (const el of bannerEl.querySelectorAll('button, a[href], a[role=button], [role=button], input[type=button], input[type=submit]')) {
    if (controls.length >= 20) break;
    controls.push(element(el, Object.assign({ href: el.getAttribute('href') }, style(el))));
  }
  const boxes = [];
  for (const el of bannerEl.querySelectorAll('input[type=checkbox], [role=switch], [role=checkbox]')) {
    if (boxes.length >= 30) break;
    const checked = el.tagName === 'INPUT' ? el.checked : el.getAttribute('aria-checked') === 'true';
    const disabled = el.disabled || el.getAttribute('aria-disabled') === 'true';
    const lab = (el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute('aria-label')
      || (el.closest('label') && el.closest('label').innerText) || (el.parentElement && el.parentElement.innerText) || '';
    boxes.push(element(el, { checked, disabled, label: clean(lab, 100) }));
  }
  return {
    banner: element(bannerEl, { how: root.how, text: clean(bannerEl.innerText, 600), background: bgOf(bannerEl),
                                position: getComputedStyle(bannerEl).position, controls, checkboxes: boxes }),
    candidates: roots.length,
  };
""")


async def gather(page: Page, ctx: GatherContext) -> dict[str, Any]:
    found = await page.evaluate(BANNER_JS, {"selectors": list(CONSENT_SELECTORS)})
    if found.get("banner") is None:
        found = await _banner_in_frames(page) or found
    supplied = {parse_cookie(cookie)[0] for cookie in ctx.settings.cookies}
    cookies = [c for c in await ctx.context.cookies() if c.get("name") not in supplied]  # --cookie: ours, not the store's
    site = site_of(page.url)
    requests = []
    seen: set[str] = set()
    for entry in ctx.requests:
        url = str(entry.get("url", ""))
        if not url.startswith(("http://", "https://")) or site_of(url) == site or url in seen:
            continue
        seen.add(url)
        requests.append({"url": url[:MAX_URL], "type": entry.get("type", "Other")})
    return {
        "banner": found.get("banner"),
        "cookies": [_cookie(dict(c), site) for c in cookies[:MAX_COOKIES]],
        "third_party_requests": requests[:MAX_REQUESTS],
    }


def _cookie(cookie: dict[str, Any], site: str) -> dict[str, Any]:
    domain = str(cookie.get("domain", "")).lstrip(".").lower()
    return {"name": str(cookie.get("name", "")), "domain": domain,
            "session": float(cookie.get("expires", -1)) < 0,
            "first_party": site == domain or site.endswith("." + domain)}


async def _banner_in_frames(page: Page) -> dict[str, Any] | None:
    """A consent tool drawing its banner in an iframe (Sourcepoint, TrustArc): read that frame."""
    for frame in page.frames[1:]:
        if not any(host in frame.url for host in CONSENT_FRAME_HOSTS):
            continue
        try:
            found: dict[str, Any] = await frame.evaluate(BANNER_JS, {"selectors": ["body"]})
        except PlaywrightError:
            continue
        if found.get("banner"):
            found["banner"]["how"] = "frame"
            return found
    return None
