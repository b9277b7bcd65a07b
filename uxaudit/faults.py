"""What a store's pages throw at a visiting browser, handled the way a shopper would.

A shopper closes an ``alert``, answers "Cancel" to a ``confirm`` or ``prompt`` on arrival,
says "Leave" to a ``beforeunload`` "changes you made may not be saved", and closes a tab a
page opened by itself. :func:`watch` does the same for one page, explicitly (Playwright
dismisses dialogs silently only while no listener is attached), and notes each fault so the
page's evidence can say "this page opened an alert" instead of the audit hanging or losing
the page.

Overlays (cookie banners, newsletter and geo modals) are not dismissed here: page evidence
is what a shopper meets on arrival, and the cookie-consent check reads the banner before
anyone consents. The ``overlays`` gatherer records them; the journeys close them as they go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import BrowserContext, Dialog, Page
from playwright.async_api import Error as PlaywrightError

MAX_MESSAGE = 120
"""Characters of a dialog's message kept: enough to recognise it, never a whole page of text."""
MAX_NOTED = 20
"""Faults recorded per page; a page that opens a dialog in a loop does not fill the audit."""


@dataclass
class Faults:
    """The dialogs and pop-ups one page (or one journey) produced, in order."""

    dialogs: list[dict[str, str]] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)
    dropped: int = 0

    def any(self) -> bool:
        return bool(self.dialogs or self.popups)

    def warnings(self) -> list[str]:
        """One plain sentence per fault, for ``PageEvidence.warnings`` and the problems list."""
        notes = [f"the page opened {_article(d['type'])} {d['type']} dialog"
                 + (f" saying \"{d['message']}\"" if d["message"] else "")
                 + f"; uxaudit {'left the page' if d['type'] == 'beforeunload' else 'dismissed it'}"
                 for d in self.dialogs]
        notes += [f"the page opened a pop-up window ({url}); uxaudit closed it and stayed on the page"
                  for url in self.popups]
        if self.dropped:
            notes.append(f"{self.dropped} more dialogs or pop-ups were dismissed without being recorded")
        return notes

    def as_extras(self) -> dict[str, Any]:
        return {"dialogs": list(self.dialogs), "popups": list(self.popups), "dropped": self.dropped}

    def _room(self) -> bool:
        if len(self.dialogs) + len(self.popups) < MAX_NOTED:
            return True
        self.dropped += 1
        return False


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def truncate(text: str, limit: int = MAX_MESSAGE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def watch(page: Page, faults: Faults) -> None:
    """Dismiss every dialog ``page`` opens and close every pop-up it opens, noting each in ``faults``."""

    async def on_dialog(dialog: Dialog) -> None:
        if faults._room():
            faults.dialogs.append({"type": dialog.type, "message": truncate(dialog.message)})
        try:
            # "Leave" on beforeunload, so a navigation or close the audit asked for goes ahead;
            # "Cancel" (or OK on an alert) on the others, as a shopper wanting none of it would.
            if dialog.type == "beforeunload":
                await dialog.accept()
            else:
                await dialog.dismiss()
        except PlaywrightError:
            pass  # the page went away with its dialog

    async def on_popup(popup: Page) -> None:
        if faults._room():
            faults.popups.append(truncate(popup.url, 300))
        try:
            await popup.close()
        except PlaywrightError:
            pass

    page.on("dialog", on_dialog)
    page.on("popup", on_popup)


def watch_context(context: BrowserContext, faults: Faults) -> None:
    """:func:`watch` every page the context opens from now on (journeys open their own pages)."""

    context.on("page", lambda page: watch(page, faults))


__all__ = ["Faults", "truncate", "watch", "watch_context"]
