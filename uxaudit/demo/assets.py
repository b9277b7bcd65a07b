"""Generated static assets: the bloated scripts and stylesheets some flaws load.

The content is filler shaped like real vendor code (so sizes and parse costs are
realistic), built once per process.
"""

from __future__ import annotations

from functools import lru_cache

VENDOR_DELAY_S = 0.6
"""How long the render-blocking vendor script takes to arrive."""
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@lru_cache(maxsize=1)
def vendor_bundle_js() -> bytes:
    """~150 KB of legacy plugin code, loaded synchronously in <head> (render_blocking)."""
    parts = ["/*! vendor-bundle.js: slider, lightbox, legacy polyfills */", "(function(){var registry={};"]
    for i in range(1500):
        parts.append(
            f"registry['plugin{i}']=function(el,opts){{opts=opts||{{}};var s=opts.speed||{i % 7 + 1}*100;"
            f"return {{el:el,speed:s,name:'plugin{i}'}};}};"
        )
    parts.append("window.__vendorPlugins=Object.keys(registry).length;})();")
    return "\n".join(parts).encode()


@lru_cache(maxsize=1)
def legacy_css() -> bytes:
    """~250 KB stylesheet of unused theme rules, blocking rendering (render_blocking)."""
    rules = ["/* theme-legacy.css */"]
    for i in range(3000):
        rules.append(
            f".legacy-block-{i} .legacy-item-{i % 40}>a:hover{{color:#{(i * 2654435) % 0xFFFFFF:06x};"
            f"margin:{i % 9}px {i % 5}px;padding:{i % 7}px;border-radius:{i % 4}px}}"
        )
    return "\n".join(rules).encode()


@lru_cache(maxsize=8)
def third_party_js(name: str) -> bytes | None:
    """Scripts served to the ``localhost`` host name, standing in for third-party vendors."""
    sizes = {"tag-manager.js": 900, "reviews-widget.js": 700, "chat-widget.js": 1100, "analytics.js": 500}
    if name not in sizes:
        return None
    body = [f"/* {name} (vendor) */", "(function(w){var q=[];"]
    for i in range(sizes[name]):
        body.append(f"q.push(function(){{return '{name}:{i}'.split(':').length+{i};}});")
    body.append(
        "var n=0;for(var i=0;i<q.length;i++){n+=q[i]();}"
        f"w.__thirdParty=(w.__thirdParty||[]);w.__thirdParty.push('{name}');"
        "var img=new Image(1,1);img.src=(document.currentScript&&document.currentScript.src||'')"
        ".replace(/[^/]*$/,'')+'collect?e='+encodeURIComponent(location.pathname);})(window);"
    )
    return "\n".join(body).encode()


@lru_cache(maxsize=1)
def live_chat_js() -> bytes:
    """The live-chat vendor's script (``live_chat``): draws a round launcher fixed bottom-right."""
    return br"""/* live-chat.js (vendor) */
(function(w,d){
  if(d.getElementById("fw-chat-launcher"))return;
  var css=d.createElement("style");
  css.textContent=".chat-launcher{position:fixed;right:20px;bottom:20px;z-index:40;width:56px;height:56px;"
    +"border-radius:50%;border:0;background:#1d4f91;color:#fff;display:flex;align-items:center;justify-content:center;"
    +"box-shadow:0 4px 16px rgba(0,0,0,.25);cursor:pointer;padding:0}.chat-launcher svg{width:28px;height:28px}"
    +".chat-panel{position:fixed;right:20px;bottom:88px;z-index:40;width:300px;max-width:calc(100vw - 40px);"
    +"background:#fff;color:#1d1d1f;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);padding:16px}"
    +".chat-panel h2{font-size:1rem;margin:0 0 8px}.chat-panel p{margin:0}";
  d.head.appendChild(css);
  var panel=d.createElement("aside");
  panel.className="chat-panel";panel.id="fw-chat-panel";panel.hidden=true;
  panel.setAttribute("aria-label","Live chat");
  panel.innerHTML="<h2>Chat with us</h2><p>Hi! Our team replies in a few minutes, 8 am\u20138 pm Pacific.</p>";
  var b=d.createElement("button");
  b.type="button";b.className="chat-launcher";b.id="fw-chat-launcher";
  b.setAttribute("aria-label","Chat with us");b.setAttribute("aria-expanded","false");
  b.setAttribute("aria-controls","fw-chat-panel");
  b.innerHTML='<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 5h16v11H9l-5 4z" fill="currentColor"/></svg>';
  b.addEventListener("click",function(){panel.hidden=!panel.hidden;b.setAttribute("aria-expanded",String(!panel.hidden));});
  d.body.appendChild(panel);d.body.appendChild(b);
  w.FernwoodChat={open:function(){panel.hidden=false;}};
})(window,document);
"""
