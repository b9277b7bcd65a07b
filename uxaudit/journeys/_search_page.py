"""In-page scripts of the search journey: find the search box, watch for suggestions, read results.

The scripts only look; every text pattern comes from Python (``search_patterns``), so
judging a page's words stays in one place. Elements are named by a CSS path that is
unique in the page, so a finding can point at them.
"""

from __future__ import annotations

_COMMON = r"""
const cssPath = (el) => {
  const unique = (sel) => { try { return document.querySelectorAll(sel).length === 1; } catch (e) { return false; } };
  if (el.id && unique('#' + CSS.escape(el.id))) return '#' + CSS.escape(el.id);
  const parts = [];
  let node = el;
  while (node && node.nodeType === 1 && node !== document.documentElement) {
    if (node.id && unique('#' + CSS.escape(node.id))) { parts.unshift('#' + CSS.escape(node.id)); break; }
    let part = node.tagName.toLowerCase();
    const parent = node.parentElement;
    if (parent) {
      const same = Array.from(parent.children).filter((s) => s.tagName === node.tagName);
      if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(node) + 1) + ')';
    }
    parts.unshift(part);
    node = parent;
  }
  return parts.join(' > ');
};
const visible = (el) => {
  if (!el || !el.getClientRects().length) return false;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
    if (n.hidden) return false;
  }
  const r = el.getBoundingClientRect();
  return r.width >= 2 && r.height >= 2;
};
const box = (el) => {
  const r = el.getBoundingClientRect();
  return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
};
const inHeader = (el) => {
  if (el.closest('header, [role=banner], #header, .header, .site-header, .navbar, nav')) return true;
  const r = el.getBoundingClientRect();
  return r.top + scrollY < 160;
};
const chrome = (el) => !!el.closest('header, footer, nav, [role=banner], [role=contentinfo], [role=navigation]');
const describe = (el) => [el.type, el.name, el.id, el.className && el.className.baseVal === undefined ? el.className : '',
  el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('role'),
  el.form ? (el.form.getAttribute('action') || '') + ' ' + (el.form.getAttribute('role') || '') + ' ' +
    (el.form.id || '') + ' ' + (typeof el.form.className === 'string' ? el.form.className : '') : '',
  el.closest('[role=search]') ? 'search' : ''].filter(Boolean).join(' ');
"""

FIND_JS = "(args) => {" + _COMMON + r"""
  const hint = new RegExp(args.fieldHint, 'i');
  const openerHint = new RegExp(args.openerHint, 'i');
  const menuHint = new RegExp(args.menuHint, 'i');
  const menus = [];
  const textTypes = new Set(['search', 'text', '']);
  const fields = [];
  let hidden = 0;
  for (const el of document.querySelectorAll('input, [role=searchbox], [role=combobox]')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.tagName === 'INPUT' && !textTypes.has(type)) continue;
    const isSearch = type === 'search' || el.getAttribute('role') === 'searchbox' || hint.test(describe(el));
    if (!isSearch) continue;
    if (!visible(el) || el.disabled || el.readOnly) { hidden += 1; continue; }
    const r = el.getBoundingClientRect();
    fields.push({selector: cssPath(el), box: box(el), inHeader: inHeader(el), chrome: chrome(el),
                 inFirstViewport: r.top >= 0 && r.top + scrollY < innerHeight && r.bottom > 0,
                 typeSearch: type === 'search', tag: el.tagName.toLowerCase(),
                 attributes: {type: type, name: el.name || '', placeholder: el.getAttribute('placeholder') || '',
                              'aria-label': el.getAttribute('aria-label') || ''},
                 hasForm: !!el.form, submit: el.form ? (() => {
                   const b = el.form.querySelector('button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]');
                   return b && visible(b) ? cssPath(b) : null; })() : null});
  }
  const openers = [];
  for (const el of document.querySelectorAll('button, a, summary, [role=button], label')) {
    if (!visible(el)) continue;
    const label = [el.getAttribute('aria-label'), el.getAttribute('title'), el.id,
                   typeof el.className === 'string' ? el.className : '', (el.innerText || '').slice(0, 40),
                   el.getAttribute('data-action') || '', el.getAttribute('aria-controls') || '',
                   el.tagName === 'A' ? (el.getAttribute('href') || '') : ''].join(' ');
    if (el.closest('footer, [role=contentinfo]')) continue;
    if (!openerHint.test(label)) {
      if (menuHint.test(label) && el.tagName !== 'A' && inHeader(el)) menus.push({selector: cssPath(el), box: box(el)});
      continue;
    }
    const type = (el.getAttribute('type') || '').toLowerCase();
    const form = el.closest('form');
    if (el.tagName === 'BUTTON' && type !== 'button' && form) {
      // A submit button opens nothing unless its form is a search form whose field is hidden.
      const field = form.querySelector('input[type=search], input[name=q], input[name=s], [role=searchbox]');
      if (!field || visible(field)) continue;
    }
    const r = el.getBoundingClientRect();
    openers.push({selector: cssPath(el), box: box(el), inHeader: inHeader(el),
                  inFirstViewport: r.top >= 0 && r.top + scrollY < innerHeight,
                  tag: el.tagName.toLowerCase(), href: el.tagName === 'A' ? el.href : null,
                  label: (el.getAttribute('aria-label') || el.getAttribute('title') || el.innerText || '').trim().slice(0, 60)});
  }
  return {fields, openers, menus, hidden, url: location.href};
}"""

VISIBLE_FIELD_JS = "(args) => {" + _COMMON + r"""
  const hint = new RegExp(args.fieldHint, 'i');
  return Array.from(document.querySelectorAll('input, [role=searchbox], [role=combobox]')).some((el) => {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.tagName === 'INPUT' && !['search', 'text', ''].includes(type)) return false;
    return (type === 'search' || el.getAttribute('role') === 'searchbox' || hint.test(describe(el))) && visible(el);
  });
}"""

SNAPSHOT_JS = "(selector) => {" + _COMMON + r"""
  const seen = new WeakSet();
  for (const el of document.querySelectorAll('a, li, [role=option]')) if (visible(el)) seen.add(el);
  window.__uxauditSeen = seen;
  return true;
}"""

SUGGESTIONS_JS = "(args) => {" + _COMMON + r"""
  const field = document.querySelector(args.selector);
  const seen = window.__uxauditSeen || new WeakSet();
  const prefix = args.prefix.toLowerCase();
  const fr = field ? field.getBoundingClientRect() : {left: 0, right: innerWidth, bottom: 0};
  const out = [];
  const push = (el) => {
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 100);
    if (!text || out.some((o) => o.text === text)) return;
    const a = el.tagName === 'A' ? el : el.querySelector('a');
    out.push({text, href: a ? a.href : null, selector: cssPath(el)});
  };
  for (const el of document.querySelectorAll('[role=option]')) if (visible(el)) push(el);
  if (!out.length) {
    for (const el of document.querySelectorAll('a, li')) {
      if (seen.has(el) || !visible(el) || (field && el.contains(field))) continue;
      const r = el.getBoundingClientRect();
      const near = r.top >= fr.bottom - 4 && r.top <= fr.bottom + 700 && r.right >= fr.left - 300 && r.left <= fr.right + 300;
      const text = (el.innerText || '').toLowerCase();
      if (near && text.includes(prefix)) push(el);
    }
  }
  const expanded = field && field.getAttribute('aria-expanded') === 'true';
  return {suggestions: out.slice(0, 10), expanded};
}"""

READ_JS = "(args) => {" + _COMMON + r"""
  const priceRe = new RegExp(args.price);
  const crumbRe = new RegExp(args.breadcrumb, 'i');
  const main = document.querySelector('main, [role=main]') || document.body;
  const links = [];
  const cardOf = (a) => {
    let node = a;
    for (let i = 0; i < 4; i++) {
      node = node.parentElement;
      if (!node || node === main) return null;
      const text = node.innerText || '';
      if (text.length > 400) return null;
      if (priceRe.test(text)) {
        const hrefs = new Set(Array.from(node.querySelectorAll('a[href]')).map((x) => x.href));
        return hrefs.size <= 3 ? node : null;
      }
    }
    return null;
  };
  for (const a of main.querySelectorAll('a[href]')) {
    if (!visible(a) && !(a.querySelector('img') && a.getClientRects().length)) continue;
    const card = cardOf(a);
    let title = '';
    if (card) {
      const h = card.querySelector('h1, h2, h3, h4, h5, [itemprop=name], .title, .name, .product-title, .product-name');
      title = h ? (h.getAttribute('title') || h.innerText || '') : '';
    }
    const img = a.querySelector('img');
    links.push({href: a.href, text: (a.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 120),
                title: (a.getAttribute('title') || title || '').trim().replace(/\s+/g, ' ').slice(0, 120),
                alt: img ? (img.getAttribute('alt') || '').trim().slice(0, 120) : '',
                card: !!card, chrome: chrome(a) && main === document.body, inNav: !!a.closest('nav, [role=navigation]'),
                inForm: !!a.closest('form, [role=listbox], [role=combobox]'),
                breadcrumb: !!a.closest('[aria-label*=readcrumb], [class*=readcrumb], [id*=readcrumb]') ||
                            crumbRe.test(a.closest('ol, ul, nav') ? (a.closest('ol, ul, nav').className || '') + ' ' + (a.closest('ol, ul, nav').getAttribute('aria-label') || '') : ''),
                pagination: !!a.closest('[class*=paginat], [aria-label*=aginat], .pager')});
  }
  let text = '';
  const walker = (root) => {
    const parts = [];
    for (const child of root.children) {
      if (child.matches('header, footer, [role=banner], [role=contentinfo], script, style, noscript')) continue;
      if (main === document.body && child.matches('nav, [role=navigation]')) continue;
      parts.push(child.innerText || '');
    }
    return parts.join('\n');
  };
  text = walker(main).slice(0, 30000);
  const values = Array.from(document.querySelectorAll('input, [role=searchbox], [role=combobox]'))
    .filter((el) => ['search', 'text', ''].includes((el.getAttribute('type') || '').toLowerCase()) || el.tagName !== 'INPUT')
    .map((el) => ({value: el.value !== undefined ? el.value : (el.textContent || ''), visible: visible(el),
                   selector: cssPath(el)}))
    .filter((v) => v.value);
  const h1 = document.querySelector('h1');
  return {url: location.href, title: document.title, h1: h1 ? h1.innerText.trim().slice(0, 200) : '',
          text, links, values, lang: document.documentElement.lang || ''};
}"""

OBSTACLES_JS = "(args) => {" + _COMMON + r"""
  // Pop-ups a shopper closes before doing anything: modal dialogs, and cookie banners' reject button.
  const dismiss = new RegExp(args.dismiss, 'i');
  const reject = new RegExp(args.reject, 'i');
  const label = (b) => [b.getAttribute('aria-label'), b.getAttribute('title'), b.innerText || b.value || ''].join(' ').trim();
  const out = [];
  const modals = Array.from(document.querySelectorAll('[role=dialog], [role=alertdialog], [aria-modal=true], dialog[open]'))
    .filter(visible);
  for (const modal of modals) {
    if (modal.querySelector('input[type=search], [role=searchbox]')) continue;
    const buttons = Array.from(modal.querySelectorAll('button, [role=button], a[href="#"], a:not([href])')).filter(visible);
    const close = buttons.find((b) => dismiss.test(label(b)));
    if (close) out.push({selector: cssPath(close), label: label(close).slice(0, 40), kind: 'dialog'});
  }
  for (const banner of document.querySelectorAll('[id*=cookie i], [class*=cookie i], [aria-label*=cookie i], [id*=consent i], [class*=consent i]')) {
    if (!visible(banner)) continue;
    const buttons = Array.from(banner.querySelectorAll('button, [role=button]')).filter(visible);
    const no = buttons.find((b) => reject.test(label(b)));
    if (no) { out.push({selector: cssPath(no), label: label(no).slice(0, 40), kind: 'cookies'}); break; }
  }
  return out;
}"""
