"""Text patterns of the checkout journey, its safety guard and the checkout checks, per language.

Everything the checkout journey recognises by its words lives here: add to cart, the
cart link, checkout, guest and login paths, cost lines, shipping mentions, payment
methods, and the controls it must never press. One :class:`CheckoutPatterns` per
language (only English so far); :func:`for_language` picks one from a page's ``lang``
and falls back to English. All patterns are searched case-insensitively.

Payment providers are named by brands and hosts, which do not change with the language,
so :data:`PAYMENT_METHODS` is shared.

The search journey keeps its own patterns next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_MONEY = (r"(?:[$£€¥₹]|US\$|CA\$|A\$|NZ\$|R\$|CHF|kr\.?)\s?\d[\d.,\s]*\d?|"
          r"\d[\d.,]*\s?(?:[$£€¥₹]|USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|kr\b)")


@dataclass(frozen=True)
class CheckoutPatterns:
    """The words of one language; each field is a regular expression."""

    add_to_cart: str
    """A control that puts the product into the cart."""
    buy_now: str
    """A control that skips the cart (used only when no add-to-cart control exists)."""
    unavailable: str
    """The product (or one option) can't be bought."""
    option_placeholder: str
    """A select's placeholder option: not a real choice."""
    cart_link: str
    """Text or label of the link to the cart."""
    cart_path: str
    """URL path of a cart page."""
    cart_empty: str
    checkout: str
    """A control that leaves the cart for the checkout."""
    guest: str
    """A guest path: check out without an account."""
    login: str
    """Sign in / log in wording."""
    register: str
    """Create an account wording."""
    account_path: str
    """URL path of a login or registration page."""
    continue_step: str
    """A control that moves to the next checkout step (safe: never the final one)."""
    back_or_edit: str
    """Controls that go back or edit: never the way forward."""
    field_error: str
    """Form validation messages."""
    # cost lines
    subtotal: str
    shipping: str
    tax: str
    total: str
    discount: str
    money: str
    free: str
    shipping_deferred: str
    """'Calculated at checkout': a shipping cost that is not shown yet."""
    free_threshold: str
    """A free-shipping threshold: 'free shipping on orders over $75', 'spend $10 more for free delivery'."""
    estimator: str
    """A shipping estimator or calculator."""
    not_shipping: str
    """Lines that mention delivery words but are not about its cost (returns, delivery dates)."""
    # stages
    address_step: str
    shipping_step: str
    payment_step: str
    review_step: str
    # safety
    dangerous: str
    """Controls the walker never presses anywhere: they place the order or pay."""
    dangerous_in_checkout: str
    """Controls the walker never presses on cart or checkout pages."""
    card_field: str
    """Names, ids, labels and placeholders of payment-card fields."""
    password_field: str
    # overlays in the way (cookie banners, newsletter pop-ups)
    reject_consent: str
    accept_consent: str
    close_overlay: str

    def search(self, name: str, text: str) -> re.Match[str] | None:
        return _compiled(getattr(self, name)).search(text)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


ENGLISH = CheckoutPatterns(
    add_to_cart=(r"\b(?:add(?:ing)?\s+(?:it\s+)?to\s+(?:the\s+|my\s+|your\s+)?(?:shopping\s+)?(?:cart|bag|basket|trolley)"
                 r"|add\s+to\s+order)\b"),
    buy_now=r"\b(?:buy\s+(?:it\s+)?now|purchase\s+now)\b",
    unavailable=(r"\b(?:out\s+of\s+stock|sold\s+out|(?:currently\s+)?unavailable|not\s+available|"
                 r"no\s+longer\s+available|discontinued)\b"),
    option_placeholder=r"^\s*(?:-+\s*)?(?:choose|select|pick|please\s+select)\b|^\s*-+\s*$|^\s*$",
    cart_link=r"\b(?:(?:view|my|your|shopping|go\s+to)\s+)?(?:cart|basket|bag|trolley)\b",
    cart_path=r"/(?:cart|basket|bag|trolley|shopping-?cart|checkout/cart)(?:/|\?|$|\.)",
    cart_empty=r"\b(?:your\s+)?(?:cart|basket|bag|trolley)\s+is\s+(?:currently\s+)?empty\b|\bno\s+items\s+in\s+your\b",
    checkout=(r"\b(?:(?:proceed|continue|go)\s+to\s+(?:secure\s+)?check\s?-?out|(?:secure\s+)?check\s?-?out(?:\s+now)?|"
              r"checkout\s+securely)\b"),
    guest=(r"\b(?:guest|(?:continue|check\s?out|checkout|shop|proceed)\s+without\s+(?:an?\s+)?(?:account|registering|"
           r"signing\s+in|logging\s+in)|no\s+account\s+(?:needed|required|necessary))\b"),
    login=r"\b(?:sign\s?-?in|log\s?-?in|returning\s+customer|existing\s+customer|my\s+password\s+is)\b",
    register=r"\b(?:create\s+(?:an?\s+|your\s+)?account|register|sign\s?-?up|new\s+customer)\b",
    account_path=r"/(?:accounts?|customer|user|auth|my-?account)?/?(?:login|log-in|signin|sign-in|register|signup)\b",
    continue_step=(r"\b(?:continue|next|proceed|go\s+on|save\s+and\s+continue|review(?:\s+(?:your\s+)?order)?|"
                   r"preview(?:\s+order)?|ship\s+to\s+this\s+address|use\s+this\s+address|deliver\s+(?:here|to\s+this)|"
                   r"choose\s+(?:this|method)|select\s+(?:this\s+)?(?:option|method|address))\b"),
    back_or_edit=(r"\b(?:back|return\s+to|edit|change|cancel|remove|delete|update|apply|sign\s?-?in|log\s?-?in|"
                  r"create\s+account|register|forgot|subscribe)\b"),
    field_error=(r"\b(?:this\s+field\s+is\s+required|required\s+field|please\s+(?:enter|check|correct|fill|select)|"
                 r"is\s+(?:required|invalid|not\s+valid)|enter\s+a\s+valid|errors?\s+below)\b"),
    subtotal=r"\bsub-?\s?total\b|\bitems?\s+total\b|\bmerchandise\b|\bbasket\s+total\s+\(?excl",
    shipping=r"\b(?:shipping|delivery|postage|p\s?&\s?p|freight|carriage)\b",
    tax=r"\b(?:tax(?:es)?|vat|gst|hst|pst)\b",
    total=r"\b(?:(?:order|grand|estimated|basket|cart)\s+)?total\b",
    discount=r"\b(?:discount|voucher|coupon|promo(?:tion)?|savings?|offer)\b",
    money=_MONEY,
    free=r"\bfree\b|\bcomplimentary\b|\bno\s+charge\b",
    shipping_deferred=(r"\b(?:calculated|determined|shown|added|confirmed|estimated)\s+(?:at|in|during|on)\s+"
                       r"(?:the\s+)?(?:checkout|next\s+(?:step|page)|payment)\b|\bat\s+checkout\b|"
                       r"\benter\s+(?:your\s+)?(?:shipping\s+)?address\s+to\s+(?:see|view|calculate)"),
    free_threshold=(r"\bfree\b[^.\n]{0,60}\b(?:over|above|from|orders?\s+of|when\s+you\s+spend|spend|on\s+orders|"
                    r"orders?\s+over)\b[^.\n]{0,20}?(?:" + _MONEY + r")|"
                    r"\b(?:spend|add)\s+(?:" + _MONEY + r")\s+more\b[^.\n]{0,40}\bfree\b|"
                    r"(?:" + _MONEY + r")\s+away\s+from\s+free\b"),
    estimator=(r"\b(?:estimate|calculate|check)\s+(?:your\s+)?(?:shipping|delivery|postage)(?:\s+(?:costs?|rates?))?\b|"
               r"\b(?:shipping|delivery|postage)\s+(?:estimator|calculator)\b"),
    not_shipping=(r"\breturns?\b(?!.*\b(?:shipping|delivery)\s+(?:cost|fee|rate|charge))|\bdelivered\s+by\b|"
                  r"\barrives?\s+by\b|\bwarranty\b"),
    address_step=r"\b(?:shipping|delivery|billing|your)\s+address\b|\baddress\b|\bcontact\s+(?:and|&)\s+delivery\b",
    shipping_step=r"\b(?:shipping|delivery)\s+(?:method|option|speed|service)s?\b|\bchoose\s+(?:a\s+)?(?:shipping|delivery)\b",
    payment_step=r"\bpayment\s+(?:method|details|information|options?)\b|\bhow\s+(?:would|do)\s+you\s+(?:like\s+to\s+)?pay\b|^\s*payment\s*$",
    review_step=r"\b(?:review|preview|confirm|check)\s+(?:your\s+)?order\b|\border\s+(?:review|summary\s+and\s+confirm)\b",
    dangerous=(r"\b(?:place\s+(?:my\s+|your\s+|the\s+)?order|pay\s+now|complete\s+(?:my\s+|your\s+)?(?:purchase|order|payment)|"
               r"confirm\s+(?:my\s+|your\s+|the\s+)?(?:order|purchase|payment)|submit\s+(?:my\s+|your\s+)?(?:order|payment)|"
               r"finali[sz]e\s+(?:my\s+|your\s+)?(?:order|purchase)|order\s+(?:now|and\s+pay)|"
               r"(?:authori[sz]e|make)\s+(?:the\s+)?payment|purchase\s+(?:order|now))\b|"
               r"^\s*pay\b|\bpay\s+(?:" + _MONEY + r")|\b(?:and|&|to)\s+pay\b"),
    dangerous_in_checkout=r"\bbuy\s+(?:it\s+)?now\b|\bpay\b",
    card_field=(r"card.?(?:number|num|no\b|holder)|\bcc.?(?:num|number|cvc|cvv|exp|name)|\bcvc\b|\bcvv2?\b|\bcsc\b|"
                r"security\s*code|\bexp(?:iry|iration|ire)?\b.?(?:date|month|year|mm|yy)?|name\s+on\s+(?:the\s+)?card|"
                r"\biban\b|account.?number|sort.?code|routing"),
    password_field=r"pass(?:word|wd|code)",
    reject_consent=(r"\b(?:reject(?:\s+all)?|decline(?:\s+all)?|refuse|deny|(?:only\s+)?(?:strictly\s+)?necessary(?:\s+only)?|"
                    r"essential\s+only|only\s+essential)\b"),
    accept_consent=r"\b(?:accept(?:\s+all)?(?:\s+cookies)?|agree|allow\s+all|got\s+it|i\s+understand|^ok(?:ay)?$)\b",
    close_overlay=(r"^\s*(?:×|✕|✖|x)\s*$|\b(?:close|dismiss|no,?\s+thanks?(?:\s+you)?|not\s+now|maybe\s+later|skip|"
                   r"continue\s+shopping)\b"),
)

LANGUAGES: dict[str, CheckoutPatterns] = {"en": ENGLISH}


def for_language(lang: str | None) -> CheckoutPatterns:
    """The patterns for a page's ``lang`` (``en-GB`` → ``en``), English when there are none."""
    primary = (lang or "en").split("-")[0].split("_")[0].lower()
    return LANGUAGES.get(primary, ENGLISH)


# --- payment methods: brands and hosts, shared by every language ---------------------------------

@dataclass(frozen=True)
class PaymentMethod:
    """One payment method and the traces that show a store offers it."""

    name: str
    family: str
    """cards | paypal | wallet | bnpl"""
    text: str
    """Visible words, image alt text and labels."""
    asset: str
    """Image, iframe and script file names or URLs (lower-cased path)."""
    hosts: str
    """Hosts of scripts, iframes and requests."""


PAYMENT_METHODS: tuple[PaymentMethod, ...] = (
    PaymentMethod("cards", "cards",
                  text=(r"\b(?:credit\s+(?:or\s+debit\s+)?card|debit\s+card|card\s+payment|pay\s+(?:by|with)\s+card|"
                        r"visa|master\s?card|american\s+express|amex|discover\s+(?:card|network)|maestro|diners\s+club|\bjcb)\b"),
                  asset=r"visa|master-?card|mastercard|amex|american-?express|discover|maestro|diners|jcb|credit-?card",
                  hosts=(r"(?:^|\.)(?:js\.stripe\.com|checkoutshopper-[a-z]+\.adyen\.com|js\.braintreegateway\.com|"
                         r"js\.squareup(?:sandbox)?\.com|cdn\.checkout\.com|js\.authorize\.net|"
                         r"secure\.worldpay\.com|js\.mollie\.com)$")),
    PaymentMethod("PayPal", "paypal", text=r"\bpay\s?pal\b", asset=r"paypal",
                  hosts=r"(?:^|\.)(?:paypalobjects\.com|paypal\.com)$"),
    PaymentMethod("Apple Pay", "wallet", text=r"\bapple\s?pay\b", asset=r"apple-?_?pay|applepay",
                  hosts=r"(?:^|\.)applepay\.cdn-apple\.com$"),
    PaymentMethod("Google Pay", "wallet", text=r"\b(?:google\s?pay|g\s?pay)\b", asset=r"google-?_?pay|googlepay|gpay",
                  hosts=r"(?:^|\.)pay\.google\.com$"),
    PaymentMethod("Shop Pay", "wallet", text=r"\bshop\s?pay\b(?!\s+installments)", asset=r"shop-?_?pay|shopify-?pay",
                  hosts=r"(?:^|\.)shop\.app$"),
    PaymentMethod("Amazon Pay", "wallet", text=r"\bamazon\s?pay\b", asset=r"amazon-?_?pay|amazonpay",
                  hosts=r"(?:^|\.)payments\.amazon\.com$"),
    PaymentMethod("Klarna", "bnpl", text=r"\bklarna\b", asset=r"klarna",
                  hosts=r"(?:^|\.)(?:klarnaservices\.com|klarna\.com|klarnacdn\.net)$"),
    PaymentMethod("Afterpay", "bnpl", text=r"\b(?:afterpay|clearpay|cash\s+app\s+afterpay)\b", asset=r"afterpay|clearpay",
                  hosts=r"(?:^|\.)(?:afterpay\.com|clearpay\.co\.uk|squarecdn\.com)$"),
    PaymentMethod("Affirm", "bnpl", text=r"\baffirm\b(?!\w)", asset=r"affirm",
                  hosts=r"(?:^|\.)affirm\.com$"),
    PaymentMethod("Sezzle", "bnpl", text=r"\bsezzle\b", asset=r"sezzle", hosts=r"(?:^|\.)sezzle\.com$"),
    PaymentMethod("Zip", "bnpl", text=r"\b(?:zip\s?pay|zip\s+money|quadpay|pay\s+(?:later\s+)?with\s+zip)\b",
                  asset=r"zip-?_?pay|zipmoney|quadpay|zip-?_?co\b", hosts=r"(?:^|\.)(?:zip\.co|quadpay\.com)$"),
    PaymentMethod("Shop Pay Installments", "bnpl", text=r"\bshop\s?pay\s+installments\b", asset=r"shop-?pay-?installments",
                  hosts=r"^$"),
)
"""Payment methods in the order a report lists them; ``family`` groups them for the check."""


AUTOFILL_FIELD_NAMES = frozenset({
    "name", "honorific-prefix", "given-name", "additional-name", "family-name", "honorific-suffix", "nickname",
    "username", "new-password", "current-password", "one-time-code", "organization-title", "organization",
    "street-address", "address-line1", "address-line2", "address-line3", "address-level4", "address-level3",
    "address-level2", "address-level1", "country", "country-name", "postal-code", "cc-name", "cc-given-name",
    "cc-additional-name", "cc-family-name", "cc-number", "cc-exp", "cc-exp-month", "cc-exp-year", "cc-csc",
    "cc-type", "transaction-currency", "transaction-amount", "language", "bday", "bday-day", "bday-month",
    "bday-year", "sex", "url", "photo", "tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local",
    "tel-local-prefix", "tel-local-suffix", "tel-extension", "email", "impp",
})
"""The autofill field names of the HTML Living Standard (§ 4.10.18.7.1 'Autofill')."""
AUTOFILL_CONTACT_ONLY = frozenset({"tel", "tel-country-code", "tel-national", "tel-area-code", "tel-local",
                                   "tel-local-prefix", "tel-local-suffix", "tel-extension", "email", "impp"})


def autocomplete_token(value: str | None) -> str | None:
    """The autofill field name of an ``autocomplete`` attribute if it is valid per the HTML spec, else None.

    Accepts the optional ``section-*`` and ``shipping``/``billing`` prefixes, a
    ``home``/``work``/``mobile``/``fax``/``pager`` hint before contact fields, and a
    trailing ``webauthn``. ``on``/``off`` and unknown words are not field names.
    """
    tokens = (value or "").lower().split()
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in ("home", "work", "mobile", "fax", "pager") and tokens[1] in AUTOFILL_CONTACT_ONLY:
        tokens = tokens[1:]
    if len(tokens) == 1 and tokens[0] in AUTOFILL_FIELD_NAMES:
        return tokens[0]
    return None


# Field purposes: what a checkout field asks for, from its autocomplete token, name, id or label.
FIELD_PURPOSES: tuple[tuple[str, str], ...] = (
    ("password", r"pass(?:word|wd)"),
    ("card", ENGLISH.card_field),
    ("email", r"e-?mail|\buser(?:name)?\b|\blogin\b"),
    ("tel", r"phone|\btel\b|mobile|\bcell\b|\bfax\b"),
    ("postal-code", r"post\s?-?code|postal|\bzip\b|\bpin\s?code\b"),
    ("given-name", r"first.?name|given.?name|fore.?name|\bfname\b"),
    ("family-name", r"last.?name|family.?name|sur.?name|\blname\b"),
    ("additional-name", r"middle.?name"),
    ("name", r"full.?name|^name$|your\s+name|\bname\b"),
    ("organization", r"company|organi[sz]ation|business"),
    ("address-line2", r"address.?(?:line)?.?2|line.?2|apartment|suite|\bapt\b|flat|unit\b"),
    ("address-line1", r"address.?(?:line)?.?1|line.?1|street|address"),
    ("address-level2", r"\bcity\b|town|locality|suburb|line.?4"),
    ("address-level1", r"state|county|province|region"),
    ("country", r"country"),
    ("bday", r"birth|\bdob\b|bday"),
    ("honorific-prefix", r"^title$|salutation|honorific"),
)
"""The autofill purpose of a field guessed from its words, first match wins (card before name)."""


def field_purpose(autocomplete: str | None, *words: str | None) -> str | None:
    """What a field asks for: its valid autocomplete token, else a guess from its name, id, label or placeholder."""
    token = autocomplete_token(autocomplete)
    if token:
        return "card" if token.startswith("cc-") else token
    text = " ".join(w for w in words if w)
    for purpose, pattern in FIELD_PURPOSES:
        if _compiled(pattern).search(text):
            return purpose
    return None


def money_in(text: str, patterns: CheckoutPatterns = ENGLISH) -> str | None:
    """The first amount of money (or 'Free') in a text, as written."""
    match = patterns.search("money", text)
    if match:
        return match.group(0).strip()
    free = patterns.search("free", text)
    return free.group(0) if free else None
