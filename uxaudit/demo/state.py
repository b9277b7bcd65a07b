"""Server-side sessions (cart, checkout progress) and the order counter of one store."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field

from .catalogue import FREE_SHIPPING_OVER_CENTS, PRODUCT_BY_SLUG, STANDARD_SHIPPING_CENTS, Product


@dataclass(frozen=True)
class LineKey:
    slug: str
    size: str = ""
    colour: str = ""


@dataclass
class Line:
    product: Product
    size: str
    colour: str
    quantity: int

    @property
    def total_cents(self) -> int:
        return self.product.price_cents * self.quantity

    @property
    def key(self) -> str:
        return f"{self.product.slug}|{self.size}|{self.colour}"


@dataclass
class Session:
    """One shopper's state, keyed by the session cookie."""

    cart: dict[LineKey, int] = field(default_factory=dict)
    logged_in: bool = False
    account_email: str = ""
    information: dict[str, str] = field(default_factory=dict)
    shipping_method: str = ""
    payment_method: str = ""

    def lines(self) -> list[Line]:
        return [
            Line(PRODUCT_BY_SLUG[k.slug], k.size, k.colour, q)
            for k, q in self.cart.items()
            if k.slug in PRODUCT_BY_SLUG and q > 0
        ]

    @property
    def item_count(self) -> int:
        return sum(q for q in self.cart.values() if q > 0)

    @property
    def subtotal_cents(self) -> int:
        return sum(line.total_cents for line in self.lines())

    def standard_shipping_cents(self) -> int:
        return 0 if self.subtotal_cents >= FREE_SHIPPING_OVER_CENTS else STANDARD_SHIPPING_CENTS

    def add(self, key: LineKey, quantity: int) -> None:
        self.cart[key] = min(99, self.cart.get(key, 0) + quantity)

    def set_quantity(self, line_key: str, quantity: int) -> None:
        slug, _, rest = line_key.partition("|")
        size, _, colour = rest.partition("|")
        key = LineKey(slug, size, colour)
        if key in self.cart:
            if quantity <= 0:
                del self.cart[key]
            else:
                self.cart[key] = min(99, quantity)

    def clear_checkout(self) -> None:
        self.cart.clear()
        self.information.clear()
        self.shipping_method = ""
        self.payment_method = ""


class StoreState:
    """All sessions of one store and its order counter; thread-safe."""

    COOKIE = "shop_session"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._orders = 0

    def session(self, token: str | None) -> tuple[str, Session, bool]:
        """The session for ``token``; a new one (and True) if it is missing or unknown."""
        with self._lock:
            if token and token in self._sessions:
                return token, self._sessions[token], False
            token = secrets.token_urlsafe(18)
            session = self._sessions[token] = Session()
            return token, session, True

    def place_order(self) -> int:
        """Count one placed order; returns the order number."""
        with self._lock:
            self._orders += 1
            return 1000 + self._orders

    @property
    def orders_placed(self) -> int:
        with self._lock:
            return self._orders
