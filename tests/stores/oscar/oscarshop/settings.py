"""Settings of the django-oscar test shop.

Everything that varies per run comes from the environment, set by
tests/stores/oscar_store.py:

- UXA_OSCAR_DATA: folder holding db.sqlite3, media/ and whoosh_index/
- OSCAR_ALLOW_ANON_CHECKOUT: "1" lets guests check out, anything else sends them to login
"""

import os
from pathlib import Path

from oscar import INSTALLED_APPS as OSCAR_APPS
from oscar.defaults import *

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("UXA_OSCAR_DATA", BASE_DIR.parent / "data")).resolve()

SECRET_KEY = "uxaudit-oscar-test-shop-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "oscarshop",
    *[
        "oscarshop.shipping.apps.ShippingConfig" if app == "oscar.apps.shipping.apps.ShippingConfig" else app
        for app in OSCAR_APPS
    ],
    "sorl.thumbnail",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]

ROOT_URLCONF = "oscarshop.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
# Fast hashing: the seeded customer's password is hashed at seed time and on every login.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "db.sqlite3",
        # Two runservers (anon checkout on and off) share this file, each threaded.
        "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(DATA_DIR / "whoosh_index"),
        "INCLUDE_SPELLING": True,
    },
}
# The catalogue does not change while the shop runs; seed_shop is followed by update_index.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

THUMBNAIL_DEBUG = False
THUMBNAIL_KEY_PREFIX = "oscar-test-shop"

# The shop itself
OSCAR_SHOP_NAME = "Threadline"
OSCAR_SHOP_TAGLINE = "Clothing, shoes, bags and homeware"
OSCAR_DEFAULT_CURRENCY = "GBP"
OSCAR_ALLOW_ANON_CHECKOUT = os.environ.get("OSCAR_ALLOW_ANON_CHECKOUT", "0") == "1"
OSCAR_FROM_EMAIL = "orders@threadline.test"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
