"""Validate every example's SPDX 3.0.1 export with the official validator, spdx3-validate.

spdx3-validate downloads the SPDX 3.0.1 JSON schema, SHACL model and JSON-LD context from
spdx.org, so this runs only where spdx.org is reachable; elsewhere it says so and exits 0.
The test suite checks the same files offline with spdx-python-model (tests/test_exports.py).

    pip install ".[conformance]" && python scripts/spdx_official_validate.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"


def main() -> int:
    validator = shutil.which("spdx3-validate") or str(Path(sys.executable).parent / "spdx3-validate")
    if not Path(validator).exists():
        print("skip: spdx3-validate is not installed (pip install '.[conformance]')")
        return 0
    try:
        urllib.request.urlopen(CONTEXT, timeout=10).close()
    except OSError as err:
        print(f"skip: spdx.org is not reachable ({err}); spdx3-validate needs it")
        return 0
    import modelcards

    failures = 0
    manifests = sorted(ROOT.glob("examples/*/modelcard.yaml"))
    with tempfile.TemporaryDirectory() as out:
        for manifest in manifests:
            target = Path(out) / manifest.parent.name
            modelcards.render(modelcards.load(str(manifest)), str(target), formats=["spdx"])
            result = subprocess.run([validator, "--quiet", "-j", str(target / "modelcard.spdx3.json")],
                                    capture_output=True, text=True)
            status = "ok" if result.returncode == 0 else "FAIL"
            failures += result.returncode != 0
            print(f"{status} {manifest.parent.name}{'' if result.returncode == 0 else ': ' + result.stdout[-500:]}")
    print(f"spdx3-validate: {len(manifests) - failures} of {len(manifests)} examples valid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
