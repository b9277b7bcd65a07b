// Installed before any page script runs (context init script): registers the
// PerformanceObservers whose entries are not all buffered, and a selector helper that
// names elements the way a store's developer can find them again.
(() => {
  if (window.__uxaudit) return;
  const state = {
    lcp: null, lcpElement: null, fcp: null,
    shifts: [], longTasks: [],
  };
  window.__uxaudit = state;

  const simpleClass = /^[a-zA-Z_][\w-]*$/;
  state.selector = function selectorOf(el) {
    if (!el || el.nodeType !== 1) return null;
    const parts = [];
    let node = el;
    while (node && node.nodeType === 1 && node !== document.documentElement) {
      if (node.id && simpleClass.test(node.id) && document.querySelectorAll('#' + node.id).length === 1) {
        parts.unshift('#' + node.id);
        break;
      }
      let part = node.tagName.toLowerCase();
      const classes = [...node.classList].filter((c) => simpleClass.test(c)).slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      const parent = node.parentElement;
      // Walk the siblings instead of copying parent.children: a listing of 60,000 cards made
      // each selector cost 0.1 s, and a page of them minutes.
      let index = 1;
      for (let s = node.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === node.tagName) index++;
      let others = index > 1;
      for (let s = node.nextElementSibling; s && !others; s = s.nextElementSibling) others = s.tagName === node.tagName;
      if (parent && others) part += `:nth-of-type(${index})`;
      parts.unshift(part);
      if (node.tagName === 'BODY') break;
      node = parent;
    }
    return parts.join(' > ');
  };

  const observe = (type, callback) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(callback)).observe({ type, buffered: true });
    } catch (e) { /* entry type not supported: the metric stays null */ }
  };
  observe('largest-contentful-paint', (e) => {
    state.lcp = e.startTime;
    state.lcpElement = e.element ? state.selector(e.element) : null;
  });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') state.fcp = e.startTime; });
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    const sources = (e.sources || []).map((s) => s.node && s.node.nodeType === 1 ? state.selector(s.node) : null).filter(Boolean);
    state.shifts.push({ start: e.startTime, value: e.value, sources });
  });
  observe('longtask', (e) => state.longTasks.push({ start: e.startTime, duration: e.duration }));
})();
