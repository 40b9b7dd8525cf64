"""Score every example's CycloneDX ML-BOM with a peer tool: ``aisbom score`` (pip ``aisbom-cli``).

``aisbom score`` grades a CycloneDX document out of 100 on seven weighted dimensions (identity 20,
checksums 20, licenses 15, model-card coverage 15, dataset provenance 10, VEX 10, document
provenance 10) and gives a grade (A >= 85, B >= 70, C >= 55). It runs offline
(AISBOM_OFFLINE=1, telemetry off). Columns:

- ``facts``: the BOM of the manifest alone, as ``modelcards render`` writes it;
- ``+weights``: rendered with ``--weights DIR`` over a folder holding one stand-in weights file
  (the digest is of stand-in bytes: the real weights are not at hand here, so this column shows
  what a user who has them gets, not Pythia's real digest);
- ``+shards``: the same with two stand-in shards (a sharded model: no single digest stands for
  the model, so aisbom's checksum dimension, which reads only the model component's own hashes,
  stays at 0);
- ``baseline`` (with ``--baseline TREE``): the BOM that another modelcards source tree renders
  for its own copy of the example (e.g. an unpacked earlier commit), for before/after figures.

    pip install aisbom-cli   # in any environment; pass --aisbom PATH when it is not on PATH
    python benchmarks/bom_scores.py [--aisbom PATH] [--baseline TREE] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OFFLINE = {"AISBOM_OFFLINE": "1", "AISBOM_NO_TELEMETRY": "1", "AISBOM_NO_OSV": "1", "NO_COLOR": "1"}


def score(aisbom: str, bom: Path) -> dict:
    """aisbom's JSON result for one BOM file."""
    result = subprocess.run([aisbom, "score", str(bom), "--json"], capture_output=True, text=True,
                            env={**os.environ, **OFFLINE}, timeout=120)
    if result.returncode not in (0, 2):
        raise RuntimeError(f"aisbom score {bom} failed ({result.returncode}): {result.stderr[-500:]}")
    return json.loads(result.stdout)


def render_current(manifest: Path, out: Path, weights: Path | None = None) -> Path:
    """The CycloneDX BOM this tree writes for ``manifest`` (with the digests of ``weights``)."""
    import modelcards
    from modelcards.readers.weight_digests import with_weight_digests

    release = modelcards.load(str(manifest))
    if weights is not None:
        release = with_weight_digests(release, weights)
    modelcards.render(release, str(out), formats=["cyclonedx"])
    return out / "modelcard.cdx.json"


def render_baseline(tree: Path, name: str, out: Path) -> Path | None:
    """The CycloneDX BOM another source tree's CLI writes for its own copy of example ``name``
    (None when it has none or cannot render it)."""
    manifest = tree / "examples" / name / "modelcard.yaml"
    if not manifest.exists():
        return None
    result = subprocess.run([sys.executable, "-m", "modelcards", "render", str(manifest), "-o", str(out),
                             "--formats", "cyclonedx"], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree)
    return out / "modelcard.cdx.json" if result.returncode == 0 else None


def stand_in_weights(folder: Path, shards: int) -> Path:
    folder.mkdir(parents=True)
    names = ["model.safetensors"] if shards == 1 else [
        f"model-{i:05d}-of-{shards:05d}.safetensors" for i in range(1, shards + 1)]
    for name in names:
        (folder / name).write_bytes(f"stand-in bytes of {name}\n".encode())
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aisbom", default=shutil.which("aisbom") or "aisbom", help="the aisbom command")
    parser.add_argument("--baseline", type=Path, help="a modelcards source tree to compare with")
    parser.add_argument("--json", action="store_true", help="print the full aisbom results as JSON")
    args = parser.parse_args(argv)
    if not shutil.which(args.aisbom) and not Path(args.aisbom).exists():
        print(f"error: {args.aisbom} not found (pip install aisbom-cli, or pass --aisbom PATH)", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one, two = stand_in_weights(work / "w1", 1), stand_in_weights(work / "w2", 2)
        for manifest in sorted(ROOT.glob("examples/*/modelcard.yaml")):
            name = manifest.parent.name
            row = {"example": name}
            if args.baseline:
                bom = render_baseline(args.baseline, name, work / name / "base")
                row["baseline"] = score(args.aisbom, bom) if bom else None
            row["facts"] = score(args.aisbom, render_current(manifest, work / name / "facts"))
            row["+weights"] = score(args.aisbom, render_current(manifest, work / name / "weights", one))
            row["+shards"] = score(args.aisbom, render_current(manifest, work / name / "shards", two))
            rows.append(row)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    columns = [c for c in ("baseline", "facts", "+weights", "+shards") if c in rows[0]]
    print(f"{'example':<30}" + "".join(f"{c:>12}" for c in columns) + "   gaps of 'facts'")
    for row in rows:
        cells = "".join(f"{row[c]['overall']:>9.1f} {row[c]['grade']:<2}" if row[c] else f"{'n/a':>12}"
                        for c in columns)
        gaps = "; ".join(f"{d['key']} {d['score']:.0f}" for d in row["facts"]["dimensions"] if d["score"] < 100)
        print(f"{row['example']:<30}{cells}   {gaps}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
