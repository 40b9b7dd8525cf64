"""The package's YAML data tables as JSON: the fast path of ``resources.read_data``.

The YAML tables are what people edit and review: each fact in them carries its source in the
same file. Parsing them is a few per cent of a cold ``check``, though (PyYAML builds every value
in Python, even with libyaml), while the standard library's JSON decoder reads the same data in
C. So each table whose values JSON holds exactly (strings, numbers, booleans, lists and mappings
with string keys: no dates, no integer keys) is also shipped as ``<name>.json`` beside it::

    {"yaml_sha256": "<hash of the YAML file's bytes>", "data": <the table>}

``cached`` returns the JSON's table only while that hash is the YAML's own, so a table edited
and not recompiled is read from its YAML, never stale. ``tests/test_tables_json.py`` checks
that every JSON equals its YAML's parse and is current. After editing a table, run::

    python -m modelcards.tables_json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

MISSING: Any = object()
"""What ``cached`` returns when there is no current JSON for a table."""


def json_path(yaml_path: Path) -> Path:
    """Where the JSON of a YAML table sits: beside it, ``.json`` for ``.yaml``."""
    return yaml_path.with_suffix(".json")


def digest(raw: bytes) -> str:
    """The hash that ties a JSON to the exact bytes of the YAML it was compiled from."""
    return hashlib.sha256(raw).hexdigest()


def cached(yaml_path: Path, raw: bytes) -> Any:
    """The table compiled from ``raw`` (the bytes of ``yaml_path``), or ``MISSING`` when there is
    no JSON beside it, or it was compiled from other bytes, or it cannot be read."""
    try:
        compiled = json.loads(json_path(yaml_path).read_bytes())
    except (OSError, ValueError):
        return MISSING
    if not isinstance(compiled, dict) or compiled.get("yaml_sha256") != digest(raw) or "data" not in compiled:
        return MISSING
    return compiled["data"]


def holds_exactly(data: Any) -> bool:
    """Whether JSON gives back ``data`` as it is: only str keys, and only str, int, float, bool,
    None, list and dict values (a date or an integer key would come back changed)."""
    if isinstance(data, dict):
        return all(isinstance(key, str) and holds_exactly(value) for key, value in data.items())
    if isinstance(data, list):
        return all(holds_exactly(item) for item in data)
    return data is None or isinstance(data, (str, int, float, bool))


def compile_table(yaml_path: Path) -> bool:
    """Write the JSON of one YAML table when JSON holds it exactly, else remove a JSON left from
    before; returns whether a JSON was written."""
    import yaml  # only the compile step parses YAML here; read_data has its own loader

    raw = yaml_path.read_bytes()
    data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # as read_data parses
    target = json_path(yaml_path)
    if not holds_exactly(data):
        target.unlink(missing_ok=True)
        return False
    text = json.dumps({"yaml_sha256": digest(raw), "data": data}, ensure_ascii=False, indent=1)
    target.write_text(text + "\n", encoding="utf-8")
    return True


def tables(package_root: Path) -> list[Path]:
    """Every YAML data table of the package: ``<subpackage>/data/*.yaml``."""
    return sorted(package_root.glob("*/data/*.yaml"))


def main() -> None:
    """Recompile every table of the installed package's source tree and say which."""
    root = Path(__file__).resolve().parent
    for path in tables(root):
        written = compile_table(path)
        where = path.relative_to(root.parent)
        outcome = f"compiled to {json_path(path).name}" if written else "kept as YAML only (not JSON-exact)"
        print(f"{where}: {outcome}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
