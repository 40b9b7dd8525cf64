"""Emitters: every file a release publishes (README, modelcard.json, BOMs, MOT YAML, badges), from templates."""
