"""Openness frameworks: MOF 1.0 classes, OSI OSAID 1.0, EOSAI dimensions."""
