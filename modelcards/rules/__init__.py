"""Checks over a release, one small module per family; see ``registry`` for the mechanism."""
