"""Hub-parity checks of a card's metadata: what the Hugging Face Hub itself accepts or refuses (HUB rules)."""

from __future__ import annotations
