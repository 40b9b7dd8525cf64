"""Did-you-mean: the suggestion a user sees for a misspelt key, license id or rule code."""

from __future__ import annotations

from modelcards.fuzzy import MAX_COMPARED, closest, did_you_mean

LICENSES = ["apache-2.0", "mit", "llama3.1", "cc-by-nc-4.0", "gpl-3.0", "openrail++"]


def test_swapped_letters_cost_one_edit():
    assert closest("lisence", ["license", "licenses_extra", "name"]) == "license"
    assert closest("apahce-2.0", LICENSES) == "apache-2.0"


def test_the_nearest_within_a_third_of_the_word_wins_and_ties_go_to_the_first_in_order():
    assert closest("llama31", LICENSES) == "llama3.1"
    assert closest("ab", ["ax", "ay"]) == "ax"


def test_a_word_far_from_every_choice_falls_back_to_difflib_or_nothing():
    assert closest("cc-by-nc-40-intl", LICENSES) == "cc-by-nc-4.0"
    assert closest("zzzzzz", LICENSES) is None
    assert did_you_mean("zzzzzz", LICENSES) == ""
    assert did_you_mean("mti", LICENSES) == "; did you mean 'mit'?"


def test_case_is_ignored_but_the_choice_is_returned_as_written():
    assert closest("APACHE-2.0", LICENSES) == "apache-2.0"


def test_hostile_lengths_get_no_suggestion():
    assert closest("a" * (MAX_COMPARED + 1), LICENSES) is None
