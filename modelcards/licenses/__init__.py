"""What license strings mean (``resolver``), their sourced obligations, base-model lineage, the
Hub's license ids, and the license facts of a release that license rules read."""

from typing import Any

from modelcards.resources import read_data


def license_data(name: str) -> Any:
    """A data file shipped in ``modelcards/licenses/data`` (license lists, obligations, known
    models), parsed."""
    return read_data("modelcards.licenses", name)
