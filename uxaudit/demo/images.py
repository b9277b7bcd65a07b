"""Deterministic product pictures and payment logos, made with Pillow.

Optimised images (the good store) are small flat-colour JPEGs, generated once per
process and cached. "Heavy" images mimic unoptimised camera uploads: 2000 px square,
film grain, quality 95, about a megabyte each; they are generated on demand and kept
in a small LRU cache.
"""

from __future__ import annotations

import hashlib
import io
import threading
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .catalogue import CATEGORIES, CATEGORY_BY_SLUG, PRODUCT_BY_SLUG, PRODUCTS, Product

GALLERY_SIZE = 720
"""Edge of the square product gallery images, in pixels."""
CARD_SIZE = 400
"""Edge of the square product card (listing) images."""
HERO_SIZE = (1200, 520)
HEAVY_SIZE = 2000
GALLERY_COUNT = 5
_VIEWS = ("Front", "Back", "Detail", "On model", "In scale")

_lock = threading.Lock()
_cache: dict[str, bytes] = {}


def _colour(product: Product, view: int) -> tuple[int, int, int]:
    base = CATEGORY_BY_SLUG[product.category].colour
    h = hashlib.sha256(f"{product.slug}{view}".encode()).digest()
    r, g, b = (max(0, min(255, c + (h[i] % 20) - 10)) for i, c in enumerate(base))
    return r, g, b


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _draw_product(product: Product, view: int, edge: int) -> Image.Image:
    """A flat illustration: background tint, a shape for the product type, the name."""
    colour = _colour(product, view)
    light = tuple(230 - (255 - c) // 8 for c in colour)
    img = Image.new("RGB", (edge, edge), light)
    d = ImageDraw.Draw(img)
    s = edge / 100
    cat = product.category
    if cat in ("dresses",):
        d.polygon([(38 * s, 18 * s), (62 * s, 18 * s), (76 * s, 82 * s), (24 * s, 82 * s)], fill=colour)
    elif cat in ("shirts", "jackets", "knitwear"):
        d.polygon([(30 * s, 20 * s), (70 * s, 20 * s), (86 * s, 40 * s), (74 * s, 48 * s), (70 * s, 42 * s),
                   (70 * s, 80 * s), (30 * s, 80 * s), (30 * s, 42 * s), (26 * s, 48 * s), (14 * s, 40 * s)],
                  fill=colour)
    elif cat == "sneakers":
        d.rounded_rectangle([18 * s, 45 * s, 84 * s, 66 * s], radius=int(8 * s), fill=colour)
        d.rectangle([18 * s, 62 * s, 86 * s, 70 * s], fill=(245, 245, 245))
    elif cat == "bags-accessories":
        d.rounded_rectangle([26 * s, 34 * s, 74 * s, 80 * s], radius=int(5 * s), fill=colour)
        d.arc([36 * s, 18 * s, 64 * s, 46 * s], 180, 360, fill=colour, width=max(2, int(3 * s)))
    else:
        d.ellipse([30 * s, 26 * s, 70 * s, 80 * s], fill=colour)
    if view % 2:
        d.ellipse([6 * s, 6 * s, 18 * s, 18 * s], outline=colour, width=max(1, int(s)))
    font = _font(max(10, int(5.5 * s)))
    d.text((edge / 2, 90 * s), product.name, fill=(40, 40, 40), font=font, anchor="mm")
    small = _font(max(8, int(3.2 * s)))
    d.text((edge / 2, 96 * s), _VIEWS[view % len(_VIEWS)], fill=(90, 90, 90), font=small, anchor="mm")
    return img


def _jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _hero(width: int, height: int) -> Image.Image:
    """Category-coloured discs on the right half, leaving room for the headline on the left."""
    img = Image.new("RGB", (width, height), (238, 230, 218))
    d = ImageDraw.Draw(img)
    r = height * 0.17
    for i, cat in enumerate(CATEGORIES):
        row, col = divmod(i, 4)
        cx = width * (0.56 + 0.12 * col + 0.06 * row)
        cy = height * (0.3 + 0.4 * row)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=cat.colour)
    return img


def optimised(name: str) -> bytes | None:
    """Bytes of an optimised image by file name, e.g. ``shirt-dress-1-720.jpg``; None if unknown."""
    with _lock:
        cached = _cache.get(name)
    if cached is not None:
        return cached
    data = _render(name, heavy=False)
    if data is not None:
        with _lock:
            _cache[name] = data
    return data


@lru_cache(maxsize=24)
def heavy(name: str) -> bytes | None:
    """Bytes of the unoptimised ("heavy") version of an image; None if unknown."""
    return _render(name, heavy=True)


def _render(name: str, heavy: bool) -> bytes | None:
    if name == "hero.jpg":
        img = _hero(*(HERO_SIZE if not heavy else (HEAVY_SIZE * 6 // 5, HEAVY_SIZE * 13 // 25)))
    else:
        stem, _, ext = name.rpartition(".")
        parts = stem.rsplit("-", 2)
        if ext != "jpg" or len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            return None
        slug, view, edge = parts[0], int(parts[1]), int(parts[2])
        product = PRODUCT_BY_SLUG.get(slug)
        if product is None or not 1 <= view <= GALLERY_COUNT or edge not in (GALLERY_SIZE, CARD_SIZE):
            return None
        img = _draw_product(product, view - 1, HEAVY_SIZE if heavy else edge)
    if not heavy:
        return _jpeg(img, 78)
    grain = Image.effect_noise(img.size, 40).convert("RGB")
    img = Image.blend(img, grain, 0.1)
    return _jpeg(img, 95)


def image_names() -> list[str]:
    """Every optimised image the store links to."""
    names = ["hero.jpg"]
    for p in PRODUCTS:
        names.append(f"{p.slug}-1-{CARD_SIZE}.jpg")
        names.extend(f"{p.slug}-{v}-{GALLERY_SIZE}.jpg" for v in range(1, GALLERY_COUNT + 1))
    return names


def warm() -> None:
    """Render every optimised image once (a few hundred milliseconds; later calls are free)."""
    for name in image_names():
        optimised(name)


_LOGOS = {
    "visa": ("VISA", "#1a1f71", "#ffffff"),
    "mastercard": ("Mastercard", "#eb001b", "#ffffff"),
    "amex": ("AMEX", "#2e77bc", "#ffffff"),
    "paypal": ("PayPal", "#ffc439", "#003087"),
    "apple-pay": ("Apple Pay", "#000000", "#ffffff"),
    "google-pay": ("Google Pay", "#ffffff", "#3c4043"),
    "klarna": ("Klarna", "#ffb3c7", "#17120f"),
}
LOGO_NAMES = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express", "paypal": "PayPal",
              "apple-pay": "Apple Pay", "google-pay": "Google Pay", "klarna": "Klarna"}


def logo_svg(key: str) -> bytes | None:
    """A small SVG payment-method logo (a labelled badge), or None if unknown."""
    if key not in _LOGOS:
        return None
    text, bg, fg = _LOGOS[key]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="40" viewBox="0 0 64 40" role="img">'
        f"<title>{LOGO_NAMES[key]}</title>"
        f'<rect x="0.5" y="0.5" width="63" height="39" rx="5" fill="{bg}" stroke="#c8c8c8"/>'
        f'<text x="32" y="25" font-family="Arial, sans-serif" font-size="{11 if len(text) > 6 else 13}" '
        f'font-weight="bold" fill="{fg}" text-anchor="middle">{text}</text></svg>'
    )
    return svg.encode()


@lru_cache(maxsize=1)
def favicon() -> bytes:
    """A 32 px ICO of the shop's logo mark."""
    img = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([1, 1, 30, 30], fill=(29, 79, 145, 255))
    d.line([(11, 24), (11, 8), (22, 8)], fill="white", width=3)
    d.line([(11, 16), (19, 16)], fill="white", width=3)
    out = io.BytesIO()
    img.save(out, "ICO", sizes=[(32, 32)])
    return out.getvalue()
