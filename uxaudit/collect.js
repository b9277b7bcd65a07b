// Evaluated once a page has settled: reads everything the checks need from this load,
// so that no check ever has to drive the browser. Returns plain JSON.
(limits) => {
  const s = window.__uxaudit || { shifts: [], longTasks: [], selector: () => null };
  const sel = s.selector;
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const sx = window.scrollX;
  const sy = window.scrollY;
  const box = (r) => ({ x: r.left + sx, y: r.top + sy, width: r.width, height: r.height });

  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    // checkVisibility also sees content hidden by a closed <details> or content-visibility.
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none' && parseFloat(cs.opacity) > 0.01;
  };

  // --- timings ---------------------------------------------------------------
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const fcp = paint ? paint.startTime : s.fcp;
  // CLS: the largest session window (gap < 1 s, window < 5 s), as web-vitals computes it.
  let cls = 0, windowSum = 0, windowStart = 0, last = -Infinity;
  const shiftSources = new Set();
  for (const shift of s.shifts) {
    if (shift.start - last > 1000 || shift.start - windowStart > 5000) { windowSum = 0; windowStart = shift.start; }
    windowSum += shift.value; last = shift.start;
    cls = Math.max(cls, windowSum);
    if (shift.value > 0.001) shift.sources.forEach((src) => shiftSources.add(src));
  }
  // TBT: long-task time beyond 50 ms after first contentful paint.
  const tbt = s.longTasks
    .filter((t) => fcp == null || t.start + t.duration > fcp)
    .reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  const timings = {
    ttfb_ms: nav ? nav.responseStart : null,
    fcp_ms: fcp == null ? null : fcp,
    lcp_ms: s.lcp,
    cls: Math.round(cls * 10000) / 10000,
    tbt_ms: tbt,
    dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
    load_ms: nav ? nav.loadEventEnd : null,
    lcp_element: s.lcpElement,
    layout_shift_sources: [...shiftSources].slice(0, 10),
  };
  const blocking = performance.getEntriesByType('resource')
    .filter((e) => e.renderBlockingStatus === 'blocking')
    .map((e) => e.name);

  if (limits.timingsOnly) return { timings, blocking };

  // --- interactive elements -------------------------------------------------
  const ATTRS = ['type', 'name', 'id', 'autocomplete', 'aria-label', 'inputmode', 'placeholder', 'required', 'value', 'title', 'alt'];
  const inSentence = (el) => {
    if (el.tagName !== 'A') return false;
    const parent = el.parentElement;
    if (!parent || !['P', 'LI', 'SPAN', 'TD', 'DD', 'LABEL'].includes(parent.tagName)) return false;
    const own = (el.innerText || '').trim().length;
    const around = (parent.innerText || '').trim().length;
    return around > own + 20;
  };
  const interactive = [];
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=menuitem]');
  for (const el of targets) {
    if (interactive.length >= limits.maxElements) break;
    if (!visible(el)) continue;
    const attributes = {};
    for (const name of ATTRS) if (el.hasAttribute(name)) attributes[name] = String(el.getAttribute(name)).slice(0, 120);
    const img = el.querySelector && el.querySelector('img[alt]');
    if (img && !attributes.alt) attributes.alt = img.getAttribute('alt').slice(0, 120);
    const label = el.labels && el.labels.length ? el.labels[0].innerText : null;
    if (label) attributes.label = label.trim().slice(0, 120);
    interactive.push({
      selector: sel(el), tag: el.tagName.toLowerCase(),
      text: (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 80),
      role: el.getAttribute('role'), href: el.tagName === 'A' ? el.href : null,
      box: box(el.getBoundingClientRect()), attributes, in_text: inSentence(el),
    });
  }

  // --- text and font sizes --------------------------------------------------
  const byPx = {};
  const runs = new Map();
  let totalChars = 0;
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  const seenParents = new Map();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = node.textContent.replace(/\s+/g, '').length;
    if (!chars) continue;
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(parent.tagName)) continue;
    let ok = seenParents.get(parent);
    if (ok === undefined) { ok = visible(parent); seenParents.set(parent, ok); }
    if (!ok) continue;
    const px = Math.round(parseFloat(getComputedStyle(parent).fontSize) * 2) / 2;
    byPx[px] = (byPx[px] || 0) + chars;
    totalChars += chars;
    if (px < 12) {
      const run = runs.get(parent) || { element: parent, font_px: px, chars: 0, text: '' };
      run.chars += chars;
      if (run.text.length < 60) run.text = (run.text + ' ' + node.textContent.trim()).trim().slice(0, 60);
      runs.set(parent, run);
    }
  }
  // Selectors only for the runs kept: a page of small print has thousands of them.
  const smallRuns = [...runs.values()].sort((a, b) => b.chars - a.chars).slice(0, 20)
    .map(({ element, ...run }) => ({ selector: sel(element), ...run }));

  // --- images ---------------------------------------------------------------
  const images = [];
  for (const img of document.images) {
    if (images.length >= limits.maxImages) break;
    if (!visible(img)) continue;
    const r = img.getBoundingClientRect();
    images.push({
      selector: sel(img), src: img.currentSrc || img.src, alt: img.getAttribute('alt'),
      natural_width: img.naturalWidth, natural_height: img.naturalHeight, box: box(r),
      above_fold: r.top + sy < vh && r.bottom + sy > 0,
    });
  }

  // --- layout -----------------------------------------------------------------
  const overflowing = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > vw + 1) {
    for (const el of document.body.querySelectorAll('*')) {
      if (overflowing.length >= 10) break;
      const r = el.getBoundingClientRect();
      if (r.right + sx <= vw + 1 || r.width < 1) continue;
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right + sx > vw + 1) continue;
      overflowing.push({ selector: sel(el), tag: el.tagName.toLowerCase(), text: (el.innerText || '').trim().slice(0, 80), box: box(r) });
    }
  }
  const meta = (name) => { const m = document.querySelector(`meta[name="${name}"]`); return m ? m.getAttribute('content') : null; };
  const canonical = document.querySelector('link[rel=canonical]');

  // The whole page's size, so that a page beyond the caps below can say it was cut.
  const html = doc.outerHTML;
  const text = document.body ? document.body.innerText : '';
  const size = { html_chars: html.length, text_chars: text.length, elements: document.getElementsByTagName('*').length };

  return {
    timings, blocking, size,
    meta: { title: document.title, lang: doc.getAttribute('lang'), viewport: meta('viewport'), canonical: canonical ? canonical.href : null },
    interactive,
    fonts: { total_chars: totalChars, chars_by_px: byPx, small_runs: smallRuns },
    images,
    layout: { viewport_width: vw, viewport_height: vh, scroll_width: doc.scrollWidth, document_height: doc.scrollHeight, overflowing },
    text: text.slice(0, limits.maxText),
    html: html.slice(0, limits.maxHtml),
  };
}
