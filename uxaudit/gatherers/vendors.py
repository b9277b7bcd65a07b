"""Known third parties, in one place: trackers, tracking cookies, consent tools, chat widgets, reviews.

Gatherers record raw facts (request URLs, cookie names, DOM); checks classify them with
these lists, so a saved audit is judged again with an updated list. Keep entries to
vendors whose purpose is unambiguous: a false alarm costs more than a missed finding.

Sources: the vendors' own documentation of their script and collection hosts and of
the cookies they set; EasyPrivacy's generic rules for tracker file names and beacon paths.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# --- trackers ---------------------------------------------------------------------------------

TRACKER_HOSTS: dict[str, str] = {
    # Analytics
    "google-analytics.com": "Google Analytics",
    "analytics.google.com": "Google Analytics",
    "stats.g.doubleclick.net": "Google Analytics",
    "hotjar.com": "Hotjar",
    "hotjar.io": "Hotjar",
    "clarity.ms": "Microsoft Clarity",
    "cdn.segment.com": "Segment",
    "api.segment.io": "Segment",
    "mixpanel.com": "Mixpanel",
    "mxpnl.com": "Mixpanel",
    "cdn.amplitude.com": "Amplitude",
    "api.amplitude.com": "Amplitude",
    "api2.amplitude.com": "Amplitude",
    "heapanalytics.com": "Heap",
    "fullstory.com": "FullStory",
    "mouseflow.com": "Mouseflow",
    "crazyegg.com": "Crazy Egg",
    "quantserve.com": "Quantcast",
    "scorecardresearch.com": "Comscore",
    "mc.yandex.ru": "Yandex Metrica",
    "mc.yandex.com": "Yandex Metrica",
    # Advertising
    "doubleclick.net": "Google Ads (DoubleClick)",
    "googleadservices.com": "Google Ads",
    "googlesyndication.com": "Google AdSense",
    "connect.facebook.net": "Meta Pixel",
    "analytics.tiktok.com": "TikTok Pixel",
    "bat.bing.com": "Microsoft Advertising",
    "snap.licdn.com": "LinkedIn Insight",
    "px.ads.linkedin.com": "LinkedIn Insight",
    "ct.pinterest.com": "Pinterest Tag",
    "s.pinimg.com": "Pinterest Tag",
    "tr.snapchat.com": "Snap Pixel",
    "sc-static.net": "Snap Pixel",
    "static.ads-twitter.com": "X (Twitter) Pixel",
    "analytics.twitter.com": "X (Twitter) Pixel",
    "criteo.com": "Criteo",
    "criteo.net": "Criteo",
    "taboola.com": "Taboola",
    "outbrain.com": "Outbrain",
    "adnxs.com": "Xandr",
    "redditstatic.com": "Reddit Pixel",
    "alb.reddit.com": "Reddit Pixel",
}
"""Host (or parent domain) → vendor. Requests there are tracking whatever their path."""

TRACKER_HOST_PATHS: dict[tuple[str, str], str] = {
    ("facebook.com", "/tr"): "Meta Pixel",
}
"""(host, path prefix) → vendor, for hosts that also serve non-tracking content."""

TRACKER_FILES = frozenset({
    "analytics.js", "analytics.min.js", "fbevents.js", "pixel.js", "tracking.js", "tracker.js",
    "piwik.js", "matomo.js", "piwik.php", "matomo.php", "collect", "tr", "pixel", "beacon",
})
"""EasyPrivacy-style generic names: the last path segment of a tracker script or beacon, third-party only."""

TRACKER_PATH_PREFIXES = ("/gtag/js", "/g/collect", "/j/collect", "/r/collect")

TRACKER_COOKIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), vendor) for pattern, vendor in (
        (r"^_ga(_[A-Z0-9]+)?$", "Google Analytics"),
        (r"^_gid$", "Google Analytics"),
        (r"^_gat(_.*)?$", "Google Analytics"),
        (r"^__utm[abcvz]$", "Google Analytics (legacy)"),
        (r"^_gcl_(au|aw|dc|gb)$", "Google Ads"),
        (r"^(IDE|test_cookie|DSID)$", "Google Ads (DoubleClick)"),
        (r"^_fb[pc]$", "Meta Pixel"),
        (r"^_uet(sid|vid)$", "Microsoft Advertising"),
        (r"^MUID$", "Microsoft Advertising"),
        (r"^_cl(ck|sk)$", "Microsoft Clarity"),
        (r"^_hj(Session|SessionUser|id|Abs|FirstSeen|IncludedInSessionSample)", "Hotjar"),
        (r"^_ttp$", "TikTok Pixel"),
        (r"^_pin_unauth$", "Pinterest Tag"),
        (r"^_scid$", "Snap Pixel"),
        (r"^_rdt_uuid$", "Reddit Pixel"),
        (r"^(li_sugr|bcookie|lidc|UserMatchHistory)$", "LinkedIn"),
        (r"^ajs_(anonymous|user)_id$", "Segment"),
        (r"^mp_.*_mixpanel$", "Mixpanel"),
        (r"^AMP_[0-9a-f]+$", "Amplitude"),
        (r"^_hp2_", "Heap"),
        (r"^_pk_(id|ses)", "Matomo"),
        (r"^__kla_id$", "Klaviyo"),
        (r"^_ym_(uid|d)$", "Yandex Metrica"),
        (r"^(_fs_uid|fs_uid)$", "FullStory"),
    )
)
"""Cookie name → vendor: analytics and advertising cookies that need consent in the EU."""


def _host_matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def tracker_of(url: str, page_url: str) -> tuple[str, str] | None:
    """(vendor, why) when a request to ``url`` from ``page_url`` is tracking; None otherwise."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host:
        return None
    for domain, vendor in TRACKER_HOSTS.items():
        if _host_matches(host, domain):
            return vendor, f"a known {vendor} host ({host})"
    for (domain, prefix), vendor in TRACKER_HOST_PATHS.items():
        if _host_matches(host, domain) and parts.path.startswith(prefix):
            return vendor, f"the {vendor} endpoint {host}{prefix}"
    page_site = (urlsplit(page_url).hostname or "").lower().removeprefix("www.")
    if host.removeprefix("www.") == page_site:
        return None  # first-party paths are the shop's own business: too many false alarms
    name = parts.path.rstrip("/").rsplit("/", 1)[-1].lower()
    if name in TRACKER_FILES or parts.path.startswith(TRACKER_PATH_PREFIXES):
        return "an unnamed tracker", f"a tracker-like request ({host}{parts.path})"
    return None


def tracking_cookie(name: str) -> str | None:
    """The vendor whose analytics or advertising cookie this is, or None."""
    for pattern, vendor in TRACKER_COOKIES:
        if pattern.search(name):
            return vendor
    return None


# --- consent tools ---------------------------------------------------------------------------

CONSENT_SELECTORS: tuple[str, ...] = (
    "#onetrust-banner-sdk", "#onetrust-consent-sdk", "#CybotCookiebotDialog", "#cookiebanner", ".cc-window",
    ".cc-banner", "#usercentrics-root", "#uc-banner", "#didomi-host", "#didomi-popup", ".qc-cmp2-container",
    "#truste-consent-track", "#cookie-law-info-bar", ".cky-consent-container", "#iubenda-cs-banner", ".klaro",
    "#cmplz-cookiebanner-container", ".cmplz-cookiebanner", "#cookie-notice", "#cookie-banner", "#cookieConsent",
    "#CookieConsent", "#gdpr-cookie-message", ".shopify-pc__banner", "#shopify-pc__banner", "#cookiescript_injected",
    "#termly-code-snippet-support", "#moove_gdpr_cookie_info_bar", "#axeptio_overlay", "#tarteaucitronRoot",
)
"""Roots of widespread consent banners (OneTrust, Cookiebot, Osano/cookieconsent, Usercentrics,
Didomi, Quantcast, TrustArc, CookieYes, iubenda, Klaro, Complianz, Shopify, CookieScript,
Termly, Moove, Axeptio, tarteaucitron) besides the generic name match."""

CONSENT_FRAME_HOSTS = ("privacy-mgmt.com", "consensu.org", "trustarc.com", "truste.com", "cookiebot.com")
"""Consent tools that draw their banner inside an iframe: the gatherer reads those frames too."""

# --- chat widgets ----------------------------------------------------------------------------

CHAT_HOSTS: dict[str, str] = {
    "widget.intercom.io": "Intercom", "js.intercomcdn.com": "Intercom",
    "static.zdassets.com": "Zendesk", "ekr.zdassets.com": "Zendesk",
    "js.driftt.com": "Drift", "js.drift.com": "Drift",
    "code.tidio.co": "Tidio",
    "cdn.livechatinc.com": "LiveChat",
    "config.gorgias.chat": "Gorgias", "assets.gorgias.chat": "Gorgias",
    "client.crisp.chat": "Crisp",
    "embed.tawk.to": "tawk.to",
    "js.usemessages.com": "HubSpot chat",
    "wchat.freshchat.com": "Freshchat",
    "static.olark.com": "Olark",
    "beacon-v2.helpscout.net": "Help Scout Beacon",
    "salesiq.zoho.com": "Zoho SalesIQ", "salesiq.zohopublic.com": "Zoho SalesIQ",
    "code.jivosite.com": "JivoChat", "code.jivo.ru": "JivoChat",
    "widget.smartsupp.com": "Smartsupp", "www.smartsuppchat.com": "Smartsupp",
    "call.chatra.io": "Chatra",
    "cdn.reamaze.com": "Re:amaze",
    "userlike-cdn-widgets.s3-eu-west-1.amazonaws.com": "Userlike",
    "lpcdn.lpsnmedia.net": "LivePerson",
    "cdn.gladly.com": "Gladly",
    "cdn.kustomerapp.com": "Kustomer",
    "cdn.trengo.eu": "Trengo",
}
"""Script host → chat vendor."""

CHAT_SELECTORS: dict[str, str] = {
    "#intercom-container": "Intercom", ".intercom-lightweight-app": "Intercom",
    "iframe[name='intercom-launcher-frame']": "Intercom",
    "iframe#launcher": "Zendesk", "[data-product='web_widget']": "Zendesk",
    "#drift-widget": "Drift", "#drift-frame-controller": "Drift",
    "#tidio-chat": "Tidio",
    "#chat-widget-container": "LiveChat",
    "#gorgias-chat-container": "Gorgias",
    ".crisp-client": "Crisp",
    "iframe[title*='chat widget' i]": "tawk.to",
    "#hubspot-messages-iframe-container": "HubSpot chat",
    "#fc_frame": "Freshchat",
    "#olark-wrapper": "Olark",
    "#beacon-container": "Help Scout Beacon",
    "#zsiq_float": "Zoho SalesIQ",
    "jdiv": "JivoChat",
    "#chat-application": "Smartsupp",
    "#chatra": "Chatra",
    "#ShopifyChat": "Shopify Inbox", "inbox-online-store-chat": "Shopify Inbox",
}
"""DOM roots that chat widgets insert."""

CHAT_GLOBALS: dict[str, str] = {
    "Intercom": "Intercom", "zE": "Zendesk", "zEmbed": "Zendesk", "drift": "Drift", "tidioChatApi": "Tidio",
    "LiveChatWidget": "LiveChat", "GorgiasChat": "Gorgias", "$crisp": "Crisp", "Tawk_API": "tawk.to",
    "HubSpotConversations": "HubSpot chat", "fcWidget": "Freshchat", "olark": "Olark", "Beacon": "Help Scout Beacon",
    "$zoho": "Zoho SalesIQ", "jivo_api": "JivoChat", "smartsupp": "Smartsupp", "Chatra": "Chatra",
}
"""Window globals that chat widgets define."""

GENERIC_CHAT_FILE = re.compile(r"(live-?chat|chat-?widget|webchat|chat\.js$|messenger-?widget)", re.IGNORECASE)
"""A third-party script named like a chat widget (e.g. chat-widget.js): weaker evidence, still a widget."""


def chat_of(url: str) -> str | None:
    """The chat vendor a script URL belongs to; 'a chat widget' for a generically named one; else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for domain, vendor in CHAT_HOSTS.items():
        if _host_matches(host, domain):
            return vendor
    if GENERIC_CHAT_FILE.search(parts.path.rsplit("/", 1)[-1]):
        return "a chat widget"
    return None


# --- reviews and loyalty -------------------------------------------------------------------

REVIEW_HOSTS: dict[str, str] = {
    "yotpo.com": "Yotpo", "judge.me": "Judge.me", "okendo.io": "Okendo", "stamped.io": "Stamped",
    "reviews.io": "REVIEWS.io", "reviewsio.com": "REVIEWS.io", "bazaarvoice.com": "Bazaarvoice",
    "powerreviews.com": "PowerReviews", "trustpilot.com": "Trustpilot", "feefo.com": "Feefo",
    "loox.io": "Loox", "junip.co": "Junip",
}
LOYALTY_HOSTS: dict[str, str] = {
    "smile.io": "Smile.io", "loyaltylion.net": "LoyaltyLion", "loyaltylion.com": "LoyaltyLion",
    "rivo.io": "Rivo", "growave.io": "Growave", "swellrewards.com": "Yotpo Loyalty",
}


def vendor_of(url: str, table: dict[str, str]) -> str | None:
    host = (urlsplit(url).hostname or "").lower()
    return next((vendor for domain, vendor in table.items() if _host_matches(host, domain)), None)


# --- payment fields ------------------------------------------------------------------------

PAYMENT_FRAME_HOSTS = (
    "js.stripe.com", "checkoutshopify.com", "pay.shopify.com", "braintreegateway.com", "adyen.com",
    "paypal.com", "squareup.com", "checkout.com", "klarna.com", "mollie.com", "worldpay.com",
)
"""Card fields served by a payment provider in its own (HTTPS) frame, not the shop's page."""
