"""Readers that turn sources (manifests, Hugging Face cards, MOT records) into a Release."""
