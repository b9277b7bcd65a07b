#!/usr/bin/env python
"""Django entry point of the django-oscar test shop (run by tests/stores/oscar_store.py)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oscarshop.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
