"""Seed the test shop like a small real one and write products.json beside the database.

Run once on a fresh, migrated database (tests/stores/oscar_store.py does this, then
`update_index`). Everything is deterministic: same titles, prices, stock and images
on every run, so tests can assert on them.
"""

import io
import json
import random
import shutil
from datetime import timedelta
from decimal import Decimal as D
from pathlib import Path

import oscar
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
ProductReview = get_model("reviews", "ProductReview")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Country = get_model("address", "Country")
Range = get_model("offer", "Range")
Benefit = get_model("offer", "Benefit")
Condition = get_model("offer", "Condition")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")

CURRENCY = "GBP"
SHIPPING_COUNTRIES = ["GB", "US", "IE", "FR", "DE", "CA"]
VOUCHER_CODE = "WELCOME10"
CUSTOMER_EMAIL = "shopper@example.com"
CUSTOMER_PASSWORD = "shopper-pass-123"

# title, sku, category breadcrumb, price, stock, material, image count, colour, description
STANDALONE = [
    ("Linen Wrap Dress", "TL-DR-001", "Clothing > Dresses", "64.00", 12, "Linen", 3, (196, 164, 132),
     ("A relaxed wrap dress in washed European linen with a tie waist and midi length. "
      "Breathable and easy to wear from spring into late summer.")),
    ("Floral Midi Dress", "TL-DR-002", "Clothing > Dresses", "48.00", 3, "Viscose", 4, (214, 120, 140),
     "A flowing midi dress with a small floral print, flutter sleeves and a smocked back."),
    ("Black Slip Dress", "TL-DR-003", "Clothing > Dresses", "39.00", 0, "Satin", 2, (40, 40, 46),
     "A bias-cut satin slip dress with adjustable straps. Layer it over a tee or wear it alone."),
    ("Oxford Cotton Shirt", "TL-SH-001", "Clothing > Shirts", "35.00", 25, "Cotton", 3, (150, 180, 215),
     "A classic button-down Oxford shirt in heavyweight cotton. Gets softer with every wash."),
    ("Striped Poplin Shirt", "TL-SH-002", "Clothing > Shirts", "29.50", 2, "Cotton", 2, (90, 120, 170),
     "A crisp poplin shirt with a fine blue stripe, curved hem and mother-of-pearl buttons."),
    ("Denim Overshirt", "TL-SH-003", "Clothing > Shirts", "55.00", 8, "Denim", 3, (60, 80, 120),
     "A sturdy denim overshirt with two chest pockets; wear it as a light jacket."),
    ("Leather Chelsea Boots", "TL-SO-001", "Shoes", "120.00", 6, "Leather", 4, (92, 58, 36),
     "Chelsea boots in full-grain leather with elastic side panels and a stacked heel."),
    ("Canvas Low-Top Trainers", "TL-SO-002", "Shoes", "42.00", 15, "Canvas", 3, (235, 235, 228),
     "Everyday low-top trainers in organic canvas with a natural rubber sole."),
    ("Suede Loafers", "TL-SO-003", "Shoes", "85.00", 0, "Suede", 2, (150, 110, 70),
     "Soft suede penny loafers with a leather lining and a flexible sole."),
    ("Waxed Canvas Tote Bag", "TL-BA-001", "Bags", "38.00", 20, "Waxed canvas", 3, (110, 110, 70),
     "A roomy tote in weatherproof waxed canvas with leather handles and an inner pocket."),
    ("Leather Crossbody Bag", "TL-BA-002", "Bags", "95.00", 4, "Leather", 3, (130, 40, 40),
     "A compact crossbody bag in vegetable-tanned leather with an adjustable strap."),
    ("Nylon Backpack", "TL-BA-003", "Bags", "49.99", 10, "Recycled nylon", 2, (30, 60, 50),
     "A lightweight backpack in recycled nylon with a padded laptop sleeve."),
    ("Stoneware Mug Set", "TL-HO-001", "Home", "24.00", 30, "Stoneware", 3, (200, 190, 170),
     "A set of four hand-glazed stoneware mugs, each holding 350 ml. Dishwasher safe."),
    ("Wool Throw Blanket", "TL-HO-002", "Home", "68.00", 7, "Lambswool", 4, (170, 60, 50),
     "A generous lambswool throw woven in Scotland, finished with fringed edges."),
    ("Linen Cushion Cover", "TL-HO-003", "Home", "18.50", 0, "Linen", 2, (210, 200, 180),
     "A stonewashed linen cushion cover with a hidden zip. Fits a 45 x 45 cm pad."),
    ("Scented Soy Candle", "TL-HO-004", "Home", "14.00", 1, "Soy wax", 2, (240, 225, 200),
     "A hand-poured soy wax candle scented with fig and cedar. Burns for about 40 hours."),
]
LOW_STOCK_THRESHOLD = 5

PARENT = {
    "title": "Organic Cotton T-Shirt",
    "sku": "TL-TS-100",
    "category": "Clothing > Shirts",
    "price": "22.00",
    "material": "Organic cotton",
    "images": 3,
    "colour": (240, 240, 240),
    "description": "Our everyday crew-neck T-shirt in heavyweight organic cotton. Pre-shrunk, "
    "with a regular fit. Choose your size.",
    # size, stock
    "sizes": [("S", 9), ("M", 0), ("L", 14), ("XL", 3)],
}

REVIEWS = [
    ("Oxford Cotton Shirt", 5, "My new favourite shirt", "Great fit and the cotton is thick without being stiff.",
     "Sam P."),
    ("Oxford Cotton Shirt", 4, "Good shirt, runs a little large", "Size down if you are between sizes.",
     "Alex R."),
    ("Linen Wrap Dress", 5, "Perfect for summer", "Light, flattering and the colour is exactly as pictured.",
     "Jo K."),
]


def make_image(title, colour, index, size=(800, 1000)):
    """A deterministic product photo stand-in: a tinted backdrop, a shape and the title."""
    rnd = random.Random(f"{title}-{index}")
    width, height = size
    shade = [max(0, min(255, c + rnd.randint(-25, 25))) for c in colour]
    image = Image.new("RGB", size, tuple(min(255, c + 40) for c in shade))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):  # soft vertical gradient so the JPEG is not a flat colour
        t = y / height
        draw.rectangle([0, y, width, y + 8], fill=tuple(int(c * (0.75 + 0.35 * t)) % 256 for c in shade))
    pad = 120 + 30 * index
    if index % 2:
        draw.ellipse([pad, pad + 100, width - pad, height - pad], fill=tuple(shade), outline=(255, 255, 255), width=6)
    else:
        draw.rounded_rectangle([pad, pad, width - pad, height - pad - 100], radius=40, fill=tuple(shade),
                               outline=(30, 30, 30), width=6)
    font = ImageFont.load_default(size=44)
    draw.text((40, height - 110), f"{title} ({index + 1})", fill=(20, 20, 20), font=font)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Seed the uxaudit django-oscar test shop (run once on a fresh database)."

    def handle(self, *args, **options):
        if Product.objects.exists():
            self.stdout.write("seed_shop: already seeded, nothing to do")
            return
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        missing = Path(oscar.__file__).parent / "static" / "oscar" / "img" / "image_not_found.jpg"
        shutil.copy(missing, media_root / settings.OSCAR_MISSING_IMAGE_URL)

        with transaction.atomic():
            self.seed_site_and_countries()
            catalogue = self.seed_catalogue()
            self.seed_reviews()
            self.seed_voucher()
            self.seed_customer()

        out = Path(settings.DATABASES["default"]["NAME"]).parent / "products.json"
        out.write_text(json.dumps(catalogue, indent=2))
        self.stdout.write(f"seed_shop: {len(catalogue)} products, written to {out}")

    def seed_site_and_countries(self):
        Site.objects.filter(pk=settings.SITE_ID).update(domain="127.0.0.1", name=settings.OSCAR_SHOP_NAME)
        call_command("oscar_populate_countries", "--no-shipping", verbosity=0)
        Country.objects.filter(iso_3166_1_a2__in=SHIPPING_COUNTRIES).update(is_shipping_country=True)
        # GB and US first in the country drop-down
        Country.objects.filter(iso_3166_1_a2="GB").update(display_order=2)
        Country.objects.filter(iso_3166_1_a2="US").update(display_order=1)

    def seed_catalogue(self):
        partner = Partner.objects.create(name="Threadline Warehouse")
        clothing = ProductClass.objects.create(name="Clothing", requires_shipping=True, track_stock=True)
        goods = ProductClass.objects.create(name="Goods", requires_shipping=True, track_stock=True)
        for pclass in (clothing, goods):
            ProductAttribute.objects.create(product_class=pclass, name="Material", code="material", type="text")
        ProductAttribute.objects.create(product_class=clothing, name="Size", code="size", type="text")

        catalogue = []
        for title, sku, crumbs, price, stock, material, n_images, colour, description in STANDALONE:
            pclass = clothing if crumbs.startswith("Clothing") else goods
            product = self.make_product(title, description, pclass, crumbs, material, n_images, colour,
                                        structure=Product.STANDALONE)
            self.make_stock(product, partner, sku, price, stock)
            catalogue.append(self.describe(product, sku, price, crumbs, stock, n_images, material))

        spec = PARENT
        parent = self.make_product(spec["title"], spec["description"], clothing, spec["category"],
                                   spec["material"], spec["images"], spec["colour"], structure=Product.PARENT)
        variants = []
        for size, stock in spec["sizes"]:
            child = Product(structure=Product.CHILD, parent=parent, title=f"{spec['title']} - {size}",
                            product_class=None, is_public=True)
            child.attr.size = size
            child.save()
            sku = f"{spec['sku']}-{size}"
            self.make_stock(child, partner, sku, spec["price"], stock)
            variants.append({"title": child.get_title(), "size": size, "sku": sku, "upc": child.upc,
                             "id": child.pk, "url": child.get_absolute_url(), "price": spec["price"],
                             "currency": CURRENCY, "num_in_stock": stock, "in_stock": stock > 0})
        parent.upc = spec["sku"]
        parent.save(update_fields=["upc"])
        entry = self.describe(parent, spec["sku"], spec["price"], spec["category"],
                              sum(s for _, s in spec["sizes"]), spec["images"], spec["material"])
        entry["structure"] = "parent"
        entry["variants"] = variants
        catalogue.append(entry)
        return catalogue

    def make_product(self, title, description, pclass, crumbs, material, n_images, colour, structure):
        product = Product(structure=structure, title=title, upc=None, product_class=pclass,
                          description=description, is_public=True)
        product.attr.material = material
        product.save()
        ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(crumbs))
        for index in range(n_images):
            image = ProductImage(product=product, caption=f"{title} view {index + 1}", display_order=index)
            slug = title.lower().replace(" ", "-")
            image.original.save(f"{slug}-{index + 1}.jpg", ContentFile(make_image(title, colour, index)),
                                save=False)
            image.save()
        return product

    def make_stock(self, product, partner, sku, price, stock):
        product.upc = sku
        product.save(update_fields=["upc"])
        StockRecord.objects.create(product=product, partner=partner, partner_sku=sku, price_currency=CURRENCY,
                                   price=D(price), num_in_stock=stock, num_allocated=0,
                                   low_stock_threshold=LOW_STOCK_THRESHOLD)

    def describe(self, product, sku, price, crumbs, stock, n_images, material):
        return {
            "title": product.title,
            "id": product.pk,
            "upc": sku,
            "sku": sku,
            "structure": product.structure,
            "url": product.get_absolute_url(),
            "price": price,
            "currency": CURRENCY,
            "category": crumbs,
            "category_url": product.categories.first().get_absolute_url(),
            "num_in_stock": stock,
            "in_stock": stock > 0,
            "low_stock": 0 < stock <= LOW_STOCK_THRESHOLD,
            "images": n_images,
            "material": material,
        }

    def seed_reviews(self):
        for title, score, headline, body, name in REVIEWS:
            product = Product.objects.get(title=title)
            ProductReview.objects.create(product=product, score=score, title=headline, body=body, name=name,
                                         email=f"{name.split()[0].lower()}@example.com",
                                         status=ProductReview.APPROVED)
            product.update_rating()

    def seed_voucher(self):
        everything = Range.objects.create(name="Everything", includes_all_products=True)
        condition = Condition.objects.create(range=everything, type=Condition.COUNT, value=1)
        benefit = Benefit.objects.create(range=everything, type=Benefit.PERCENTAGE, value=10)
        offer = ConditionalOffer.objects.create(name="Welcome 10% off", offer_type=ConditionalOffer.VOUCHER,
                                                condition=condition, benefit=benefit)
        now = timezone.now()
        voucher = Voucher.objects.create(name="Welcome 10% off", code=VOUCHER_CODE, usage=Voucher.MULTI_USE,
                                         start_datetime=now - timedelta(days=1),
                                         end_datetime=now + timedelta(days=3650))
        voucher.offers.add(offer)

    def seed_customer(self):
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_user(username="shopper", email=CUSTOMER_EMAIL, password=CUSTOMER_PASSWORD,
                                             first_name="Sam", last_name="Shopper")
