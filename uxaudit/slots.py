"""Page slots: how many pages of one audit are measured at once, and how many are finished.

A page's evidence load has two parts. Measuring runs from opening the page to reading its
timings (navigation, settle, collect.js): it is bounded by ``Settings.concurrency``, like the
plain loads the benchmark compares with, because a page measured beside more busy pages would
measure slower. Finishing is the evidence work after that (screenshot, axe and the other
gatherers): it no longer affects this page's timings, so it holds a slot of its own and the next
page's measurement starts meanwhile instead of queueing behind it.

A page holds at most one slot at a time and gives it up before asking for the other, so two
pages can never wait on each other.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self


@dataclass(frozen=True)
class PageSlots:
    """The two bounds shared by every page of one audit."""

    measure: asyncio.Semaphore
    finish: asyncio.Semaphore

    @classmethod
    def bounded(cls, concurrency: int) -> PageSlots:
        size = max(1, concurrency)
        return cls(asyncio.Semaphore(size), asyncio.Semaphore(size))

    def turn(self) -> PageTurn:
        return PageTurn(self)


@dataclass
class PageTurn:
    """One page's place: which slot it holds now. Leaving the ``async with`` gives it back."""

    slots: PageSlots
    _held: asyncio.Semaphore | None = field(default=None, init=False)

    async def measuring(self) -> None:
        await self._switch(self.slots.measure)

    async def finishing(self) -> None:
        await self._switch(self.slots.finish)

    def release(self) -> None:
        if self._held is not None:
            self._held.release()
            self._held = None

    async def _switch(self, slot: asyncio.Semaphore) -> None:
        if self._held is slot:
            return
        self.release()
        await slot.acquire()
        self._held = slot

    async def __aenter__(self) -> Self:
        await self.measuring()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        self.release()
