"""Tests of the bundled demo store (plain HTTP, no browser)."""
