"""The words the search journey looks for, one vocabulary per language.

Everything language-specific that the journey reads or types lives here: how a search
field or a search icon is labelled, how a results page says "no results", "did you
mean", or how many results it found, the synonym table, and the non-product and nonsense
queries. Add a language by adding a :class:`SearchVocabulary` to ``VOCABULARIES``.
All patterns are searched case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SearchVocabulary:
    field_hint: str
    """In a field's type, name, id, class, placeholder, aria-label or title: a search field."""
    opener_hint: str
    """In a button's or link's text, aria-label, title, id or class: opens search."""
    menu_hint: str
    """A menu button, which may hide the search box on a phone."""
    zero_results: str
    """A results page saying it found nothing."""
    correction: str
    """A results page offering a corrected query."""
    result_count: str
    """The number of results a page states (group 1 or 2 holds the number)."""
    contact: str
    """A link to a person: a way on from a dead end."""
    breadcrumb: str
    """An element holding breadcrumbs (not a way on)."""
    dismiss: str
    """A button that closes a pop-up (newsletter, promotion) a shopper would close first."""
    reject: str
    """A cookie banner's button that declines optional cookies."""
    synonyms: tuple[tuple[str, str], ...]
    """Pairs of words shoppers use for the same thing; only pairs with one side in the catalogue are probed."""
    non_product_query: str
    """A question about the shop, not a product (Baymard's 'non-product' query type)."""
    nonsense_query: str
    """A query no shop sells anything for, to see the zero-results page."""
    stop_words: frozenset[str]
    avoid_categories: str
    """Category names that are not product types ("Sale", "New in")."""

    def find(self, name: str, text: str) -> re.Match[str] | None:
        pattern: str = getattr(self, name)
        return re.search(pattern, text, re.IGNORECASE)


VOCABULARIES: dict[str, SearchVocabulary] = {
    "en": SearchVocabulary(
        field_hint=r"search|find|query|keyword|look\s?for|\bq\b",
        opener_hint=r"search|find",
        menu_hint=(r"\bmenu\b|hamburger|drawer|toggle navigation|navbar-toggle|"
                   r"nav(?:igation)?[-_ ]?(?:toggle|open|drawer)"),
        zero_results=(r"\bno (?:search )?(?:results?|products?|items?|matches)\b|"
                      r"\b0 (?:results?|products?|items?|matches)\b|\bfound 0\b|\bnothing (?:was )?found\b|"
                      r"\b(?:did not|didn't|does not|doesn't|do not|don't) match any\b|"
                      r"\b(?:could not|couldn't|can't|cannot) find any\b|\bwe (?:could not|couldn't) find\b|"
                      r"\bno (?:products?|items?) (?:were |was )?found\b|\bzero results\b"),
        correction=(r"\bdid you mean\b|\bshowing results for\b|\bsearch(?:ed)? instead for\b|"
                    r"\bincluding results for\b|\bwe (?:also )?searched for\b|\bcorrected to\b|"
                    r"\bresults for .{1,60}? instead\b"),
        result_count=(r"\bfound (\d[\d,.]*)\b|"
                      r"\b(\d[\d,.]*)\s+(?:search )?(?:results?|products?|items?|matches|hits)\b"),
        contact=r"\b(?:contact|customer service|get in touch|call us|email us|chat|help)\b",
        breadcrumb=r"breadcrumb",
        dismiss=r"^\s*(?:[×✕✖x]|close|dismiss|no,? thanks|not now|maybe later|skip|continue shopping)\b|\bclose\b",
        reject=r"\b(?:reject|decline|refuse|deny)\b|only (?:necessary|essential|required)|necessary only",
        synonyms=(
            ("sneakers", "trainers"), ("sofa", "couch"), ("t-shirt", "tee"), ("pants", "trousers"),
            ("hoodie", "sweatshirt"), ("sweater", "jumper"), ("backpack", "rucksack"), ("handbag", "purse"),
            ("mug", "cup"), ("cushion", "pillow"), ("coat", "jacket"),
        ),
        non_product_query="returns",
        nonsense_query="qxzvbwkj",
        stop_words=frozenset({"a", "an", "the", "and", "or", "for", "with", "in", "of", "on", "by", "to", "&",
                              "x", "set", "new", "size", "pack"}),
        avoid_categories=(r"^(?:all|sale|new|new in|new arrivals|home|shop|offers?|deals?|gifts?|"
                          r"collections?|brands?|clearance|outlet|best ?sellers?|featured|catalogue|"
                          r"products?|search)$"),
    ),
}
DEFAULT_LANGUAGE = "en"


def vocabulary(lang: str | None) -> SearchVocabulary:
    """The vocabulary for a page's ``lang`` attribute ("en-GB" → "en"), English by default."""
    code = (lang or "").split("-")[0].lower()
    return VOCABULARIES.get(code, VOCABULARIES[DEFAULT_LANGUAGE])


# --- English word forms -------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``; hyphenated words ("t-shirt", "low-top") stay whole."""
    return _WORD.findall(text.lower())


def singular(word: str) -> str:
    """A light English singulariser: dresses → dress, accessories → accessory, sneakers → sneaker."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("oes") and len(word) > 5:
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def is_plural(word: str) -> bool:
    return singular(word) != word
