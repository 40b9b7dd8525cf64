"""Bad input: located, human messages and exit 2; never a traceback, never a lost file."""

from __future__ import annotations

import re

import pytest

from modelcards.errors import InputError
from modelcards.readers.dispatch import read_text


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        read_text(text, "m.yaml")
    return str(info.value)


def test_typo_key_suggests_the_intended_key_with_its_location():
    message = _error("name: x\nlisence: MIT\n")
    assert message == "m.yaml:2:1: unknown key 'lisence'; did you mean 'license'?"


def test_nested_typo_names_the_section():
    message = _error("name: x\ncard:\n  limitatons: a\n")
    assert message == "m.yaml:3:3: unknown key 'limitatons' in card; did you mean 'limitations'?"


def test_unknown_artifact_id_suggests_the_kebab_case_id():
    message = _error("name: x\nartifacts:\n  training_code: {}\n")
    assert message.startswith("m.yaml:3:3: unknown artifact id 'training_code'")
    assert "did you mean 'training-code'" in message


def test_wrong_type_points_at_the_value():
    message = _error("name: x\nmodel:\n  languages: 3\n")
    assert message.startswith("m.yaml:3:14: model.languages:")
    assert "list" in message and "a number (3)" in message


def test_bad_enum_lists_the_choices():
    message = _error("name: x\nartifacts:\n  datasets: {availability: secret}\n")
    assert "m.yaml:3:28:" in message and "'gated'" in message and "secret" in message


def test_missing_required_name():
    assert _error("version: '1'\n") == "m.yaml:1:1: missing required key 'name'"


def test_broken_yaml_is_located():
    message = _error("name: x\nmodel:\n  type: [a\n")
    assert re.match(r"m\.yaml:\d+:\d+: invalid YAML: ", message)


def test_duplicate_keys_are_refused():
    assert _error("name: x\nname: y\n") == "m.yaml:2:1: duplicate key 'name'"


def test_custom_tags_are_refused():
    message = _error("name: !!python/object/apply:os.system ['true']\n")
    assert message.startswith("m.yaml:1:7: unsupported YAML tag")


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    message = _error("\n".join(lines) + "\nname: x\n")
    assert message == ("m.yaml:5:45: document holds more than 100,000 values once its aliases are expanded; "
                       "refusing to load")


def test_top_level_must_be_a_mapping():
    assert "expected a mapping" in _error("- a\n- b\n")


def test_cli_exit_2_with_file_line_col_for_each_kind_of_bad_input(cli, write):
    cases = {
        "typo.yaml": ("name: x\nlicence: MIT\n", ":2:1: error: unknown key 'licence'"),
        "type.yaml": ("name: x\nclaims:\n  open_source: maybe\n", ":3:16: error: claims.open_source"),
        "broken.yaml": ("name: x\n  bad: indent\n", ":2:6: error: invalid YAML"),
    }
    for name, (text, expected) in cases.items():
        path = write(name, text)
        result = cli("check", path)
        assert result.exit_code == 2, result.output
        assert f"{path}{expected}" in result.stderr
        assert "Traceback" not in result.output


def test_binary_and_huge_files_exit_2(cli, tmp_path):
    binary = tmp_path / "weights.yaml"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = cli("check", str(binary))
    assert result.exit_code == 2 and "weights.yaml" in result.stderr
    huge = tmp_path / "huge.yaml"
    huge.write_text("name: x\n" + "# padding\n" * 700_000)
    result = cli("check", str(huge))
    assert result.exit_code == 2 and "limit is 5 MB" in result.stderr


def test_missing_file_exit_2(cli, tmp_path):
    result = cli("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "cannot read file" in result.stderr


def test_init_never_overwrites_without_force(cli, write):
    path = write("modelcard.yaml", "name: mine\n")
    result = cli("init", path)
    assert result.exit_code == 2 and "file exists" in result.stderr
    with open(path) as handle:
        assert handle.read() == "name: mine\n"
