"""Screenshots for the self-contained report: read once, shrink, embed as data URIs.

The same screenshot is shown many times (every finding on a page, each viewport tab, the
page list). Embedding it once per use would multiply the report's size, so each file is
encoded once and given a CSS class whose background is its data URI; every use is a small
``<div class="shot sN">``. Crops and outlines are then pure CSS over that one image.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_WIDTH = 800
"""Pixels: sharp enough for a 2× phone column or a desktop card, a fraction of the original."""
JPEG_QUALITY = 60
"""Readable evidence at about a third of the bytes of quality 90."""
MAX_PIXELS = 40_000_000
"""Refuse absurdly large files rather than decode them (decompression-bomb guard)."""


@dataclass(frozen=True)
class Embedded:
    """One encoded screenshot: its CSS class and its data URI."""

    css_class: str
    data_uri: str


@dataclass
class ImageStore:
    """Encodes each screenshot file of an audit folder at most once."""

    folder: Path
    _by_path: dict[str, Embedded | None] = field(default_factory=dict)
    _by_uri: dict[str, Embedded] = field(default_factory=dict)

    def get(self, relpath: str) -> Embedded | None:
        """The embedded image for a path relative to the folder, or None if it cannot be read.

        Identical files (the same empty cart page in two places) share one embedded copy.
        """
        if relpath not in self._by_path:
            data_uri = encode(self.folder, relpath)
            if data_uri is None:
                self._by_path[relpath] = None
            else:
                self._by_path[relpath] = self._by_uri.setdefault(
                    data_uri, Embedded(f"s{len(self._by_uri)}", data_uri))
        return self._by_path[relpath]

    def embedded(self) -> list[Embedded]:
        """Every distinct image that was encoded, in first-use order (for the report's CSS)."""
        return list(self._by_uri.values())


def resolve_inside(folder: Path, relpath: str) -> Path | None:
    """The file a bundle path names, only if it lies inside the audit folder.

    audit.json may come from elsewhere; a path such as ``../../home/x`` must not pull
    unrelated files into a report that may be shared.
    """
    try:
        root = folder.resolve()
        path = (root / relpath).resolve()
    except (OSError, ValueError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def open_rgb(folder: Path, relpath: str) -> Image.Image | None:
    """The screenshot at ``relpath`` inside ``folder`` as RGB; None when missing, outside, huge or unreadable."""
    path = resolve_inside(folder, relpath)
    if path is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.width * image.height > MAX_PIXELS:
                    return None
                return image.convert("RGB")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None


def jpeg_data_uri(rgb: Image.Image, *, progressive: bool = False) -> str:
    buffer = io.BytesIO()
    rgb.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=progressive)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def encode(folder: Path, relpath: str) -> str | None:
    """A JPEG data URI of the screenshot, at most MAX_WIDTH wide; None when missing or unreadable."""
    rgb = open_rgb(folder, relpath)
    if rgb is None:
        return None
    if rgb.width > MAX_WIDTH:
        height = max(1, round(rgb.height * MAX_WIDTH / rgb.width))
        rgb = rgb.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    return jpeg_data_uri(rgb, progressive=True)
