"""Render every listing and product page once so sorl-thumbnail's thumbnails (files under
media/cache/ and rows in the database) are made at prepare time, not by the first test."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings


class Command(BaseCommand):
    help = "Render the shop's pages once to pre-generate thumbnails."

    def handle(self, *args, **options):
        products = json.loads((Path(settings.DATABASES["default"]["NAME"]).parent / "products.json").read_text())
        paths = {"/catalogue/"}
        for product in products:
            paths.add(product["url"])
            paths.add(product["category_url"])
            paths.update(variant["url"] for variant in product.get("variants", []))
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            for path in sorted(paths):
                status = client.get(path).status_code
                if status != 200:
                    raise CommandError(f"{path} answered {status}")
        self.stdout.write(f"warm_pages: rendered {len(paths)} pages")
