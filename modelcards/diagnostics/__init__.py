"""Formatters for diagnostics (text, json, sarif, github): the report is computed once."""
