"""Imports every route module of the package, so each registers its routes."""

import importlib
import pkgutil

from tests.reliability import hostile

for _module in pkgutil.iter_modules(hostile.__path__):
    if _module.name != "routes":
        importlib.import_module(f"{hostile.__name__}.{_module.name}")
