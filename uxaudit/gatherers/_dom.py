"""JavaScript shared by the trust gatherers: naming, measuring and reading elements the same way.

``script(body)`` wraps a gatherer's in-page code as ``(args) => { PRELUDE; body }``. The
prelude uses the selector helper that observe.js installs before the page's own scripts, so
findings name elements exactly as the rest of the audit does, with a plain fallback when
the helper is missing (a page that replaced ``window.__uxaudit``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

PRELUDE = r"""
  const u = window.__uxaudit;
  const sel = (el) => {
    if (u && u.selector) { try { return u.selector(el); } catch (e) { /* fall through */ } }
    if (!el || el.nodeType !== 1) return null;
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && n !== document.documentElement; n = n.parentElement) {
      if (n.id) { parts.unshift('#' + CSS.escape(n.id)); break; }
      const p = n.parentElement;
      const same = p ? [...p.children].filter((c) => c.tagName === n.tagName) : [];
      parts.unshift(n.tagName.toLowerCase() + (same.length > 1 ? `:nth-of-type(${same.indexOf(n) + 1})` : ''));
    }
    return parts.join(' > ');
  };
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY),
             width: Math.round(r.width), height: Math.round(r.height) };
  };
  const visible = (el) => {
    if (!el || !el.getBoundingClientRect) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.display === 'none' || cs.visibility === 'hidden' || parseFloat(cs.opacity) < 0.05) return false;
    }
    return true;
  };
  const clean = (s, n) => String(s || '').replace(/\s+/g, ' ').trim().slice(0, n || 120);
  const label = (el) => clean(el.innerText || el.value || el.getAttribute('aria-label') || el.getAttribute('title')
    || (el.querySelector && el.querySelector('img[alt]') ? el.querySelector('img[alt]').alt : ''), 80);
  const docHeight = Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const FOOTERISH = /(^|[\s_-])(site-?)?footer([\s_-]|$)|colophon|bottom-?bar/i;
  const region = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const tag = n.tagName;
      const role = (n.getAttribute('role') || '').toLowerCase();
      if (tag === 'FOOTER' || role === 'contentinfo') return 'footer';
      if (tag === 'HEADER' || tag === 'NAV' || role === 'banner' || role === 'navigation') return 'nav';
      const name = (typeof n.className === 'string' ? n.className : '') + ' ' + (n.id || '');
      if (FOOTERISH.test(name)) return 'footer';
    }
    const r = el.getBoundingClientRect();
    if (r.height > 0 && docHeight > 0 && r.top + scrollY > docHeight * 0.8) return 'bottom';
    return 'main';
  };
  const element = (el, extra) => Object.assign(
    { selector: sel(el), tag: el.tagName.toLowerCase(), text: label(el), box: box(el), visible: visible(el) },
    extra || {});
"""


def script(body: str) -> str:
    """A function expression for ``page.evaluate(script, args)``: the prelude, then ``body``."""
    return "(args) => {\n" + PRELUDE + "\n" + body + "\n}"


def host_of(url: str) -> str:
    """The lower-cased host name of a URL ('' when it has none)."""
    return (urlsplit(url).hostname or "").lower()


def site_of(url: str) -> str:
    """The host without a leading 'www.': www and bare domains are one party (as gather.py counts)."""
    host = host_of(url)
    return host.removeprefix("www.")
