"""The EU AI Act's duties for providers of general-purpose AI models, as findings (AIA rules)."""

from __future__ import annotations
