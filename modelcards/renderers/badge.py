"""The MOF openness badge: a flat SVG and a shields.io endpoint JSON (https://shields.io/badges/endpoint-badge).

Hand-written because the badge is two rectangles and two labels; a badge library would add a
dependency (and fonts) for no gain. Widths use a fixed per-character estimate of Verdana 11px.
"""

from __future__ import annotations

import json

from modelcards.renderers.views import mof_verdict
from modelcards.report import Report
from modelcards.vocabulary import class_numeral


def escape(text: str) -> str:
    """``text`` safe as SVG (XML) character data: ``&``, ``<`` and ``>`` as entities, as
    ``xml.sax.saxutils.escape`` writes them (whose import pulls in urllib.request, http and ssl)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

COLORS = {1: ("#2e7d32", "brightgreen"), 2: ("#689f38", "green"), 3: ("#c0a000", "yellow"),
          None: ("#9e9e9e", "lightgrey")}
LABEL = "MOF"


def badge_message(report: Report) -> str:
    numeral = class_numeral(mof_verdict(report).mof_class)
    return f"Class {numeral}" if numeral else "Unclassified"


def _width(text: str) -> int:
    return int(len(text) * 6.6 + 12)


def badge_svg(report: Report) -> str:
    message = badge_message(report)
    mof = mof_verdict(report)
    color = COLORS[mof.mof_class][0]
    left, right = _width(LABEL), _width(message)
    total = left + right
    title = escape(f"Model Openness Framework: {mof.label}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">\n'
        f"  <title>{title}</title>\n"
        f'  <rect width="{left}" height="20" fill="#555"/>\n'
        f'  <rect x="{left}" width="{right}" height="20" fill="{color}"/>\n'
        f'  <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\n'
        f'    <text x="{left / 2:.1f}" y="14">{LABEL}</text>\n'
        f'    <text x="{left + right / 2:.1f}" y="14">{escape(message)}</text>\n'
        "  </g>\n</svg>\n"
    )


def shields_endpoint(report: Report) -> str:
    data = {"schemaVersion": 1, "label": LABEL, "message": badge_message(report),
            "color": COLORS[mof_verdict(report).mof_class][1]}
    return json.dumps(data, indent=2) + "\n"
