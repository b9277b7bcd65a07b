from django.core.management.base import BaseCommand
from oscar.core.loading import get_model


class Command(BaseCommand):
    help = "Print the number of orders in the database."

    def handle(self, *args, **options):
        self.stdout.write(str(get_model("order", "Order").objects.count()))
