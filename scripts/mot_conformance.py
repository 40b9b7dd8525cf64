#!/usr/bin/env python3
"""Conformance of the MOF engine with the Model Openness Tool's own data.

Reads ../shared/corpora/mot (skips with exit 0 when absent):
  1. test-data/: the MOT's classification test files and their expected_results.json;
     every file must get exactly the MOT's class and progress figures.
  2. models/: the 273 published MOT records. Each gets a reference class computed here
     directly from the record with the MOF rules and the MOT's own license lists (exact
     license ids, no normalisation), and the class modelcards computes through its MOT reader.
     Disagreements are listed with the component licenses that explain them.

Exit 1 when a test-data expectation is missed (the models part reports, it does not fail:
its disagreements are deliberate normalisations such as 'Apache 2.0' -> Apache-2.0).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from modelcards.errors import InputError  # noqa: E402
from modelcards.openness.components import mof  # noqa: E402
from modelcards.openness.mof import classify  # noqa: E402
from modelcards.openness.status import component_statuses  # noqa: E402
from modelcards.readers.dispatch import read_source  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "mot"


def modelcards_result(path: Path):
    release = read_source(str(path)).release
    return classify(component_statuses(release))


def check_test_data() -> int:
    text = (CORPUS / "test-data" / "expected_results.json").read_text()
    expected = {m["release"]["name"]: m["classification"]
                for m in json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["models"]}
    failures = 0
    files = sorted((CORPUS / "test-data").glob("*.yml"))
    matched = 0
    for path in files:
        name = yaml.safe_load(path.read_text())["release"]["name"]
        want = expected.get(name)
        if want is None:
            # expected_results.json spells some names differently (e.g. 'Licenese', other percentages)
            print(f"  no expectation for {path.name}")
            continue
        matched += 1
        got = modelcards_result(path)
        got_class = got.mof_class or 0
        ok = got_class == want["class"] and all(
            abs(got.progress[int(k)] - v) < 1e-9 for k, v in want["progress"].items()
        )
        if not ok:
            failures += 1
            print(f"  MISMATCH {path.name}: expected class {want['class']} {want['progress']}, "
                  f"got {got_class} {got.progress}")
    print(f"test-data: {matched - failures}/{matched} files match the MOT's expected class and progress "
          f"({len(files) - matched} without an expectation)")
    return failures


def _mot_open_ids() -> set[str]:
    spdx = json.loads((CORPUS / "licenses" / "licenses.json").read_text())["licenses"]
    extra = json.loads((CORPUS / "licenses" / "mof-licenses.json").read_text())["licenses"]
    ids = {lic["licenseId"].lower() for lic in spdx if lic.get("isOsiApproved") or lic.get("isFsfLibre")}
    return ids | {lic["licenseId"].lower() for lic in extra}


def reference_class(record: dict, open_ids: set[str]) -> tuple[int | None, dict[str, str]]:
    """The MOF rules applied to the raw record: exact license ids from the MOT's lists."""
    framework = mof()
    by_name = {c.mot_name.lower(): c for c in framework.components}
    release = record["release"]
    globals_ = release.get("license") or {}
    def global_for(kind: str) -> str:
        block = globals_.get(kind) if isinstance(globals_, dict) else None
        return (block or {}).get("name") or "" if isinstance(block, dict) else ""
    included: set[str] = set()
    licenses: dict[str, str] = {}
    for comp in release.get("components") or []:
        component = by_name.get(str(comp.get("name", "")).lower())
        if component is None:
            continue
        text = str(comp.get("license") or "").strip() or global_for(component.content_type).strip() \
            or global_for("distribution").strip()
        licenses[component.id] = text
        if text.lower() in open_ids:
            included.add(component.id)
    if "research-paper" in included:
        included.add("technical-report")
    result = None
    for level in (3, 2, 1):
        needed = {c.id for c in framework.components if c.required and c.mof_class >= level}
        if needed <= included:
            result = level
        else:
            break
    return result, licenses


def check_models() -> None:
    open_ids = _mot_open_ids()
    paths = sorted((CORPUS / "models").glob("*.yml"))
    agree, disagreements, unreadable = 0, [], []
    for path in paths:
        record = yaml.safe_load(path.read_text())
        ref, licenses = reference_class(record, open_ids)
        try:
            got = modelcards_result(path)
        except InputError as err:
            unreadable.append(f"{path.name}: {err}")
            continue
        if got.mof_class == ref:
            agree += 1
            continue
        reasons = []
        for cid, status in got.components.items():
            raw = licenses.get(cid)
            if raw is None:
                continue
            raw_open = raw.lower() in open_ids
            if raw_open != (status.status == "included"):
                reasons.append(f"{cid}: {raw!r} -> modelcards {status.status} ({status.license_text})")
        disagreements.append(f"{path.name}: reference {ref}, modelcards {got.mof_class}; " + "; ".join(reasons))
    total = len(paths)
    print(f"models: {agree}/{total} records get the class the MOF rules give with the MOT's exact license ids")
    for line in disagreements:
        print(f"  {line}")
    for line in unreadable:
        print(f"  unreadable: {line}")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    failures = check_test_data()
    check_models()
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
