"""Completeness of a card's text: template placeholders, empty and missing sections (CARD rules)."""

from __future__ import annotations
