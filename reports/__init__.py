"""Views of a judged audit: the self-contained HTML report and the terminal summary."""

from __future__ import annotations

from .html import render
from .terminal import print_summary

__all__ = ["print_summary", "render"]
