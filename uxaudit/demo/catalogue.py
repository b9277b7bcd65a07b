"""The demo store's catalogue: categories, products, reviews and help pages.

Everything is static and deterministic, so tests and benchmarks see the same shop
every time. Prices are in US dollars, held as integer cents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

CURRENCY = "USD"
FREE_SHIPPING_OVER_CENTS = 7500
STANDARD_SHIPPING_CENTS = 495
APPAREL_SIZES = ("XS", "S", "M", "L", "XL")
SHOE_SIZES = ("EU 38", "EU 39", "EU 40", "EU 41", "EU 42", "EU 43", "EU 44", "EU 45")


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    blurb: str
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class Review:
    author: str
    rating: int
    title: str
    body: str
    date: str


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    category: str
    price_cents: int
    sku: str
    brand: str
    description: str
    material: str
    dimensions: str
    weight: str
    colours: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    sold_out_sizes: tuple[str, ...] = ()
    stock: int = 25
    tags: tuple[str, ...] = ()
    featured: bool = False
    gtin13: str = ""
    rating: float = 0.0
    review_count: int = 0
    reviews: tuple[Review, ...] = field(default=(), repr=False)

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def apparel(self) -> bool:
        return bool(self.sizes) and self.sizes[0] in APPAREL_SIZES

    @property
    def price(self) -> str:
        return format_price(self.price_cents)

    def size_available(self, size: str) -> bool:
        return self.in_stock and size not in self.sold_out_sizes


def format_price(cents: int) -> str:
    """``1234`` -> ``"$12.34"``."""
    return f"${cents // 100:,}.{cents % 100:02d}"


CATEGORIES: tuple[Category, ...] = (
    Category("dresses", "Dresses", "Easy dresses for warm days and long evenings.", (196, 92, 112)),
    Category("shirts", "Shirts", "Crisp shirts, from the office to the weekend.", (70, 110, 170)),
    Category("jackets", "Jackets & Coats", "Layers that keep the weather out.", (92, 110, 74)),
    Category("knitwear", "Knitwear", "Soft sweaters and cardigans in natural fibres.", (150, 112, 82)),
    Category("sneakers", "Sneakers", "Everyday sneakers, built to be worn in.", (60, 60, 68)),
    Category("bags-accessories", "Bags & Accessories", "Bags, belts, scarves and caps.", (168, 120, 60)),
    Category("home", "Home", "Small things that make a home.", (96, 140, 140)),
)
CATEGORY_BY_SLUG = {c.slug: c for c in CATEGORIES}

_APPAREL = {"sizes": APPAREL_SIZES}
_SHOES = {"sizes": SHOE_SIZES}

# slug, name, category, price, brand, colours, material, dimensions, weight, tags, description, extra
_ROWS: list[tuple[str, str, str, int, str, tuple[str, ...], str, str, str, tuple[str, ...], str, dict[str, Any]]] = [
    ("shirt-dress", "Shirt Dress", "dresses", 8900, "Alder Studio", ("Sand", "Navy"),
     "100% organic cotton poplin", "Length 112 cm (size M)", "320 g", ("dress", "shirtdress", "belted"),
     ("A relaxed shirt dress in crisp cotton poplin with a button-through front, a tie belt and "
      "roll-up sleeves. Falls just below the knee."), {**_APPAREL, "featured": True}),
    ("linen-midi-dress", "Linen Midi Dress", "dresses", 11900, "Harbour & Pine", ("Olive", "White"),
     "100% European linen", "Length 120 cm (size M)", "290 g", ("summer", "midi"),
     "An airy midi dress in washed linen with a square neckline and side pockets.", {**_APPAREL}),
    ("wrap-dress", "Wrap Dress", "dresses", 9800, "Alder Studio", ("Rust", "Black"),
     "95% viscose, 5% elastane jersey", "Length 105 cm (size M)", "260 g", ("jersey", "party"),
     "A fluid jersey wrap dress with a V neck and three-quarter sleeves.",
     {**_APPAREL, "sold_out_sizes": ("XS",), "featured": True}),
    ("slip-dress", "Satin Slip Dress", "dresses", 7900, "Copper Lane", ("Champagne", "Emerald"),
     "100% recycled polyester satin", "Length 118 cm (size M)", "210 g", ("evening", "party", "satin"),
     "A bias-cut slip dress with adjustable straps, for evenings out.", {**_APPAREL}),
    ("knitted-jumper-dress", "Knitted Jumper Dress", "dresses", 12900, "Fieldnote", ("Oatmeal", "Grey"),
     "70% merino wool, 30% recycled nylon", "Length 100 cm (size M)", "480 g", ("sweater", "knit", "winter"),
     "A cosy rib-knit jumper dress with a roll neck.", {**_APPAREL}),
    ("dress-shirt", "Dress Shirt", "shirts", 6900, "Northwind", ("White", "Light Blue"),
     "100% two-ply cotton twill", "Back length 78 cm (size M)", "240 g", ("formal", "office", "button-up"),
     "A sharp dress shirt with a cutaway collar and double-button cuffs. Non-iron finish.",
     {**_APPAREL, "featured": True}),
    ("oxford-shirt", "Oxford Shirt", "shirts", 5900, "Northwind", ("Blue", "White", "Pink"),
     "100% cotton Oxford cloth", "Back length 77 cm (size M)", "250 g", ("button-down", "casual", "button-up"),
     "The classic button-down Oxford shirt, garment washed for softness.",
     {**_APPAREL, "sold_out_sizes": ("L",)}),
    ("linen-shirt", "Linen Shirt", "shirts", 6400, "Harbour & Pine", ("White", "Sage", "Navy"),
     "100% European linen", "Back length 76 cm (size M)", "190 g", ("summer", "holiday"),
     "A breezy linen shirt with a camp collar and a relaxed fit.", {**_APPAREL}),
    ("flannel-overshirt", "Flannel Overshirt", "shirts", 7900, "Fieldnote", ("Red Check", "Green Check"),
     "100% brushed cotton flannel", "Back length 80 cm (size M)", "520 g", ("shacket", "check", "plaid"),
     "A heavyweight brushed flannel overshirt with two chest pockets.", {**_APPAREL}),
    ("denim-shirt", "Denim Shirt", "shirts", 6900, "Copper Lane", ("Indigo",),
     "100% cotton chambray denim", "Back length 78 cm (size M)", "330 g", ("chambray", "western"),
     "A western-style denim shirt with snap buttons.", {**_APPAREL}),
    ("waxed-field-jacket", "Waxed Field Jacket", "jackets", 22900, "Fieldnote", ("Olive", "Navy"),
     "Waxed cotton, tartan cotton lining", "Back length 76 cm (size M)", "1.2 kg", ("coat", "waterproof", "outerwear"),
     "A weatherproof waxed cotton field jacket with a corduroy collar and four pockets.",
     {**_APPAREL, "featured": True}),
    ("denim-jacket", "Denim Jacket", "jackets", 10900, "Copper Lane", ("Mid Wash", "Black"),
     "100% cotton 13 oz denim", "Back length 62 cm (size M)", "780 g", ("trucker", "outerwear"),
     "A classic trucker denim jacket in rigid cotton that fades with wear.", {**_APPAREL}),
    ("quilted-puffer-jacket", "Quilted Puffer Jacket", "jackets", 17900, "Northwind", ("Black", "Forest"),
     "Recycled nylon shell, recycled polyester fill", "Back length 70 cm (size M)", "650 g",
     ("puffer", "padded", "winter", "coat", "outerwear"),
     "A lightweight quilted puffer jacket that packs into its own pocket.", {**_APPAREL}),
    ("wool-overcoat", "Wool Overcoat", "jackets", 29900, "Alder Studio", ("Camel", "Charcoal"),
     "80% wool, 20% cashmere", "Back length 102 cm (size M)", "1.6 kg", ("coat", "winter", "outerwear"),
     "A tailored single-breasted overcoat in a wool and cashmere blend.", {**_APPAREL, "stock": 0}),
    ("rain-jacket", "Packable Rain Jacket", "jackets", 11900, "Harbour & Pine", ("Yellow", "Navy"),
     "3-layer waterproof recycled polyester", "Back length 74 cm (size M)", "340 g",
     ("raincoat", "mac", "waterproof", "outerwear"),
     "A seam-sealed waterproof rain jacket with a peaked hood.", {**_APPAREL}),
    ("merino-crew-sweater", "Merino Crew Sweater", "knitwear", 8900, "Fieldnote", ("Navy", "Oatmeal", "Bottle"),
     "100% extra-fine merino wool", "Back length 68 cm (size M)", "300 g", ("jumper", "pullover", "knit"),
     "A fine-gauge merino crew-neck sweater that layers under everything.", {**_APPAREL, "featured": True}),
    ("cable-knit-cardigan", "Cable Knit Cardigan", "knitwear", 11900, "Alder Studio", ("Cream", "Grey"),
     "100% lambswool", "Back length 66 cm (size M)", "560 g", ("knit", "cardi"),
     "A chunky cable-knit cardigan with horn buttons.", {**_APPAREL}),
    ("cotton-hoodie", "Organic Cotton Hoodie", "knitwear", 7400, "Copper Lane", ("Grey Marl", "Black"),
     "100% organic cotton loopback jersey", "Back length 70 cm (size M)", "540 g", ("sweatshirt", "hooded"),
     "A heavyweight loopback hoodie with a double-layer hood.", {**_APPAREL}),
    ("court-sneakers", "Court Sneakers", "sneakers", 11900, "Northwind", ("White", "White/Green"),
     "Full-grain leather upper, rubber cupsole", "Heel height 3 cm", "820 g per pair", ("trainers", "shoes", "tennis"),
     "Minimal leather court sneakers with a stitched rubber cupsole.",
     {**_SHOES, "sold_out_sizes": ("EU 44",), "featured": True}),
    ("canvas-low-top-sneakers", "Canvas Low-Top Sneakers", "sneakers", 6500, "Copper Lane", ("Ecru", "Navy", "Black"),
     "Organic cotton canvas, natural rubber sole", "Heel height 2.5 cm", "640 g per pair",
     ("trainers", "shoes", "plimsolls"),
     "Vulcanised canvas low-top sneakers, a summer staple.", {**_SHOES}),
    ("suede-runner-sneakers", "Suede Runner Sneakers", "sneakers", 12900, "Fieldnote", ("Sand", "Grey"),
     "Suede and mesh upper, EVA midsole", "Heel height 3.5 cm", "700 g per pair", ("trainers", "shoes", "running"),
     "Retro runner sneakers in suede and mesh with a cushioned sole.", {**_SHOES}),
    ("leather-high-top-sneakers", "Leather High-Top Sneakers", "sneakers", 14900, "Alder Studio", ("Black", "White"),
     "Nappa leather upper, rubber sole", "Shaft height 12 cm", "900 g per pair", ("trainers", "shoes", "boots"),
     "Clean high-top sneakers in soft nappa leather.", {**_SHOES}),
    ("leather-tote-bag", "Leather Tote Bag", "bags-accessories", 16900, "Alder Studio", ("Tan", "Black"),
     "Vegetable-tanned leather", "38 × 32 × 14 cm", "850 g", ("bag", "handbag", "purse", "shopper"),
     "A roomy leather tote with an inner zip pocket, fits a 14\" laptop.", {"featured": True}),
    ("canvas-backpack", "Canvas Backpack", "bags-accessories", 9400, "Fieldnote", ("Olive", "Navy"),
     "Waxed cotton canvas, leather trims", "45 × 30 × 15 cm, 20 litres", "1.1 kg", ("bag", "rucksack", "daypack"),
     "A waxed canvas backpack with a padded laptop sleeve.", {}),
    ("crossbody-bag", "Crossbody Bag", "bags-accessories", 7900, "Copper Lane", ("Black", "Burgundy"),
     "Pebbled leather", "22 × 16 × 6 cm", "420 g", ("bag", "handbag", "purse", "shoulder bag"),
     "A compact crossbody bag with an adjustable strap.", {}),
    ("wool-scarf", "Lambswool Scarf", "bags-accessories", 4900, "Harbour & Pine", ("Grey", "Camel", "Red"),
     "100% lambswool", "180 × 30 cm", "160 g", ("scarves", "winter", "muffler"),
     "A soft brushed lambswool scarf with fringed ends.", {}),
    ("leather-belt", "Leather Belt", "bags-accessories", 4500, "Northwind", ("Brown", "Black"),
     "Full-grain leather, brass buckle", "Width 3.5 cm", "180 g", ("belts",),
     "A full-grain leather belt that ages beautifully.", {"sizes": ("S", "M", "L", "XL")}),
    ("stoneware-mug-set", "Stoneware Mug Set", "home", 4200, "Harbour & Pine", ("Speckled White", "Slate"),
     "Glazed stoneware, dishwasher safe", "Ø 9 cm × 10 cm, 350 ml, set of 4", "1.4 kg", ("cups", "mugs", "kitchen"),
     "A set of four hand-glazed stoneware mugs.", {"featured": True}),
    ("linen-cushion-cover", "Linen Cushion Cover", "home", 3500, "Harbour & Pine", ("Natural", "Terracotta"),
     "100% stonewashed linen", "50 × 50 cm", "150 g", ("pillow", "cushion", "living room"),
     "A stonewashed linen cushion cover with a hidden zip.", {}),
    ("wool-throw-blanket", "Wool Throw Blanket", "home", 12900, "Fieldnote", ("Herringbone Grey", "Ochre"),
     "100% British wool", "130 × 180 cm", "1.3 kg", ("blanket", "throw", "bedroom"),
     "A herringbone wool throw, woven in a British mill.", {}),
    ("scented-candle", "Fig Scented Candle", "home", 3200, "Copper Lane", ("Amber Glass",),
     "Soy wax, cotton wick", "Ø 8 cm × 9 cm, 220 g", "450 g", ("candles", "fragrance"),
     "A fig-leaf soy candle with about 45 hours of burn time.", {}),
    ("ceramic-vase", "Ceramic Bud Vase", "home", 2800, "Alder Studio", ("Matte White", "Sage"),
     "Hand-thrown ceramic", "Ø 7 cm × 16 cm", "380 g", ("vases", "flowers", "decor"),
     "A small hand-thrown bud vase, each one slightly different.", {}),
]

_REVIEWERS = ("Maya R.", "Tom H.", "Priya K.", "Jonas W.", "Alice M.", "Sam O.", "Lena B.", "Chris D.")
_REVIEW_TEXTS = (
    (5, "Love it", "Great quality and exactly as pictured. Would buy again."),
    (4, "Very good", "Fits well and the material feels great. Delivery was quick."),
    (5, "Perfect", "Beautifully made. I get compliments every time."),
    (3, "Nice but runs small", "Good quality but I'd size up."),
    (4, "Solid buy", "Does what it says. Colour slightly darker than on screen."),
)
_CATEGORY_CODES = {"dresses": "DR", "shirts": "SH", "jackets": "JK", "knitwear": "KN", "sneakers": "SN",
                   "bags-accessories": "BA", "home": "HM"}


def _gtin13(number: int) -> str:
    """A valid EAN-13 from a 12-digit stem (checksum computed)."""
    stem = f"{number:012d}"[-12:]
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem))
    return stem + str((10 - total % 10) % 10)


def _seed(slug: str) -> int:
    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:4], "big")


def _build() -> tuple[Product, ...]:
    products = []
    for index, row in enumerate(_ROWS):
        slug, name, cat, price, brand, colours, material, dims, weight, tags, desc, extra = row
        seed = _seed(slug)
        reviews = tuple(
            Review(
                author=_REVIEWERS[(seed + i) % len(_REVIEWERS)],
                rating=_REVIEW_TEXTS[(seed + i) % len(_REVIEW_TEXTS)][0],
                title=_REVIEW_TEXTS[(seed + i) % len(_REVIEW_TEXTS)][1],
                body=_REVIEW_TEXTS[(seed + i) % len(_REVIEW_TEXTS)][2],
                date=f"2024-{(seed + i) % 12 + 1:02d}-{(seed // 7 + i * 5) % 27 + 1:02d}",
            )
            for i in range(3)
        )
        products.append(
            Product(
                slug=slug, name=name, category=cat, price_cents=price, brand=brand, colours=colours,
                material=material, dimensions=dims, weight=weight, tags=tags, description=desc,
                sku=f"UX-{_CATEGORY_CODES[cat]}-{1001 + index}",
                gtin13=_gtin13(501234500000 + index * 17),
                rating=round(4.0 + (seed % 9) / 10, 1),
                review_count=12 + seed % 140,
                reviews=reviews,
                **extra,
            )
        )
    return tuple(products)


PRODUCTS: tuple[Product, ...] = _build()
PRODUCT_BY_SLUG = {p.slug: p for p in PRODUCTS}


def products_in(category: str) -> list[Product]:
    """Products of one category, in catalogue order."""
    return [p for p in PRODUCTS if p.category == category]


def featured() -> list[Product]:
    """The products shown on the home page."""
    return [p for p in PRODUCTS if p.featured]


@dataclass(frozen=True)
class HelpPage:
    slug: str
    title: str
    keywords: tuple[str, ...]
    summary: str


HELP_PAGES: tuple[HelpPage, ...] = (
    HelpPage("shipping", "Shipping & delivery", ("shipping", "delivery", "postage", "dispatch", "courier", "tracking"),
             "Standard delivery $4.95, free on orders over $75. Delivered in 2–4 working days."),
    HelpPage("returns", "Returns & refunds", ("return", "returns", "refund", "exchange", "money back"),
             "Changed your mind? Return anything within 30 days for a full refund."),
    HelpPage("privacy", "Privacy policy", ("privacy", "data", "cookies", "gdpr"),
             "How we collect, use and protect your personal data."),
    HelpPage("terms", "Terms of service", ("terms", "conditions", "legal"),
             "The terms that apply when you shop with us."),
    HelpPage("contact", "Contact us", ("contact", "help", "phone", "email", "support", "customer service"),
             "Call, email or send us a message: we answer within one working day."),
    HelpPage("faq", "Help & FAQ", ("faq", "help", "questions", "size guide", "sizing", "order"),
             "Answers to common questions about orders, sizing, delivery and returns."),
)
HELP_PAGE_BY_SLUG = {p.slug: p for p in HELP_PAGES}
