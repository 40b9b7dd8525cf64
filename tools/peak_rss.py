"""A ``modelcards`` command line that reports its own peak RSS, for the hostile-input benchmark and
tests: the process's ``VmHWM`` is written last on stderr, after a marker line. Not the
``ru_maxrss`` of ``os.wait4``: Linux carries the parent's peak into a child across fork and exec,
so that figure would be the caller's own size whenever it is larger than the command's."""

from __future__ import annotations

PEAK = "modelcards-peak-kb: "

CHILD = f"""\
import sys
code = 0
try:
    from modelcards.cli import main
    main(sys.argv[1:], prog_name="modelcards")
except SystemExit as done:
    code = done.code
finally:
    with open("/proc/self/status") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "-1")
    sys.stderr.write("\\n{PEAK}" + peak + "\\n")
sys.exit(code)
"""
"""The program, for ``python -c CHILD <modelcards arguments>``."""


def split_peak(stderr: str) -> tuple[int | None, list[str]]:
    """(peak RSS in KiB, or None when the child did not report one, e.g. killed; the other stderr
    lines) of the child's stderr."""
    lines = stderr.strip().splitlines()
    peaks = [int(line[len(PEAK):]) for line in lines if line.startswith(PEAK)]
    return (peaks[-1] if peaks and peaks[-1] > 0 else None), [line for line in lines if not line.startswith(PEAK)]
