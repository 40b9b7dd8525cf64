from __future__ import annotations

from pathlib import Path

import yaml

from modelcards.licenses.resolver import lookup, resolve

DATA = Path(__file__).resolve().parents[1] / "modelcards" / "licenses" / "data"


def test_spdx_ids_hub_ids_and_spellings_resolve_to_one_canonical_id():
    for text in ("Apache-2.0", "apache-2.0", "Apache 2.0", "Apache License 2.0"):
        assert resolve(text).canonical == "Apache-2.0"
    assert resolve("llama3.1").canonical == "LicenseRef-scancode-llama-3.1-license-2024"
    assert resolve("Meta Llama 3 Community License Agreement").canonical == "LicenseRef-modelcards-llama-3-license-2024"
    assert resolve("creativeml-openrail-m").canonical == "LicenseRef-scancode-stable-diffusion-2022-08-22"


def test_open_flags_come_from_the_spdx_list_and_the_mof_content_list():
    assert resolve("MIT").is_open and resolve("MIT").osi_approved
    assert resolve("CC-BY-4.0").is_open and not resolve("CC-BY-4.0").osi_approved
    assert resolve("CDLA-Permissive-2.0").is_open
    assert not resolve("CC-BY-NC-4.0").is_open
    assert not resolve("llama2").is_open
    assert resolve("OpenMDW-1.0").fits("data") and resolve("OpenMDW-1.0").fits("code")


def test_unknown_ids_are_unknown_with_a_suggestion_and_ambiguous_names_are_not_guessed():
    typo = resolve("Apche-2.0")
    assert not typo.known and typo.suggestion == "Apache-2.0"
    # the Hub's family ids name the family, never one member of it
    for family, member in (("BSD", "BSD-3-Clause"), ("GPL", "GPL-3.0-only"), ("cc", "CC-BY-4.0")):
        resolved = resolve(family)
        assert resolved.canonical != member and resolved.licenses[0].members, family
    assert not resolve("Creative Commons").known


def test_expressions_keep_their_operator_and_order():
    both = resolve("Apache-2.0 AND CC-BY-4.0")
    assert both.canonical == "Apache-2.0 AND CC-BY-4.0" and both.is_open
    choice = resolve("MIT OR Apache-2.0")
    assert choice.operator == "OR"
    assert resolve("GPL-2.0-only WITH Classpath-exception-2.0").canonical == "GPL-2.0-only"
    assert not resolve("Apache-2.0 AND Nonsense-9").known


def test_scancode_keys_are_known():
    info = lookup("LicenseRef-scancode-falcon-2-11b-1.0")
    assert info is not None and info.model_license


def test_every_model_license_entry_cites_a_source_url():
    for entry in yaml.safe_load((DATA / "model-licenses.yaml").read_text()):
        assert entry.get("source", "").startswith("https://"), entry["id"]
        assert entry["id"].startswith("LicenseRef-"), entry["id"]
