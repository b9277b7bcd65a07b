"""Shipping methods of the test shop: standard (free over a threshold) and express.

Oscar looks this module up through its class loader because the shipping app is
forked (oscarshop.shipping); the first method is the basket page's default.
"""

from decimal import Decimal as D

from oscar.apps.shipping import methods, repository
from oscar.core import prices

FREE_SHIPPING_THRESHOLD = D("50.00")


class StandardDelivery(methods.Base):
    code = "standard"
    name = "Standard delivery (3-5 working days)"
    description = "Free on orders of £50 or more."
    charge = D("4.95")

    def calculate(self, basket):
        amount = D("0.00") if basket.total_incl_tax >= FREE_SHIPPING_THRESHOLD else self.charge
        return prices.Price(currency=basket.currency, excl_tax=amount, incl_tax=amount)


class ExpressDelivery(methods.FixedPrice):
    code = "express"
    name = "Express delivery (next working day)"
    description = "Order before 2pm for next-day delivery."
    charge_excl_tax = D("9.95")
    charge_incl_tax = D("9.95")


class Repository(repository.Repository):
    methods = (StandardDelivery(), ExpressDelivery())
