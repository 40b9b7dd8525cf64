"""License identity: unknown ids, family ids, Hub 'other' licenses and base model ids.
Obligations and conflicts along the base-model chain build on the registry in
``modelcards.licenses``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from modelcards.licenses.hub_ids import HUB_LICENSES
from modelcards.licenses.license_facts import LicenseFacts, LicenseVerdicts, inherited_text
from modelcards.licenses.model_ids import id_problem, known_base
from modelcards.licenses.naming import begins_with, hub_names, is_licensors_own, own_publisher
from modelcards.licenses.obligations import LicenseTerms, known_dataset
from modelcards.licenses.resolver import ResolvedLicense, resolve
from modelcards.rules.registry import Hit, Verdicts, rule
from modelcards.schema import Release
from modelcards.vocabulary import TRAINING_ROLES

SPDX_LIST = "https://spdx.org/licenses/"


@rule("LIC001", "unknown-license", "license-unknown", "error", needs=LicenseFacts)
def unknown_license(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """A license id is not a known SPDX id, Hub license id or model license.

    What: a stated license that resolves to no known license. A value that only says the license
    is unknown (``unknown``, ``proprietary``) is a warning: nothing can be checked until the
    license is named. For a base model, LIC011 reports it.
    Why: unknown ids cannot be checked for openness or obligations. On the Hub, ``license`` takes
    only the ids of the Hub's list; any other license is declared as ``license: other`` with
    ``license_name`` and ``license_link``.
    Example:
    name: Tiny-1B
    license: apache2
    Fix: use an SPDX id, a Hub license id, or ``other`` with a name and a link for a custom
    license.
    Sources: https://spdx.org/licenses/; https://huggingface.co/docs/hub/repositories-licenses
    """
    for subject, text, at in facts.stated():
        if text.strip().lower() == "other" and at == ("license",):
            continue  # LIC002 handles 'other'
        resolved = resolve(text)
        if resolved.unlicensed or resolved.known:
            continue
        if at == ("license",) and facts.license_name:
            continue
        if resolved.stated_unknown:
            if not subject.startswith("base-model:"):  # a base model's: LIC011
                yield Hit(subject, f"the license is stated as {text!r}, which names no license: its terms "
                          "cannot be checked; state its SPDX or Hub id, or `other` with license_name and "
                          "license_link", HUB_LICENSES, severity="warning", at=at)
            continue
        hint = f"; did you mean {resolved.suggestion!r}?" if resolved.suggestion else ""
        names = ", ".join(repr(u) for u in resolved.unknown)
        yield Hit(subject, f"unknown license {names}{hint}", SPDX_LIST, at=at)


@rule("LIC002", "other-license-unnamed", "metadata", "error", needs=LicenseFacts)
def other_license_unnamed(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """``license: other`` without ``license_name`` and ``license_link``.

    What: the license is ``other`` and ``license_name`` or ``license_link`` is missing.
    Why: the Hub asks for a ``license_name`` and a LICENSE file (or ``license_link``) whenever the
    license is ``other``; without them readers cannot find the terms.
    Example:
    name: Tiny-1B
    license: other
    Fix: add ``license_name`` and ``license_link`` (or a LICENSE file in the repository).
    Sources: https://huggingface.co/docs/hub/repositories-licenses ("In case of license: other
    please add the license's text to a LICENSE file ... and set a name for it in license_name")
    """
    if (facts.license or "").strip().lower() != "other":
        return
    missing = [k for k in ("license_name", "license_link") if not getattr(facts, k)]
    if missing:
        verb = "are" if len(missing) > 1 else "is"
        yield Hit("card", f"license is 'other' but {' and '.join(missing)} {verb} missing",
                  f"{HUB_LICENSES} (\"In case of license: other please add the license's text to a LICENSE "
                  "file ... and set a name for it in license_name\")", at=("license",))


# --- Derivatives: conditions and obligations inherited along the base-model chain ---------

def _carries(declared: ResolvedLicense, terms: LicenseTerms) -> bool:
    """Whether the declared license keeps a base license's terms: the same license text, or one
    its text lets a derivative carry instead (``compatible``: a later version, a share-alike
    license with the same elements). Belonging to the same family is not enough: the Llama 2
    license does not carry the Llama 3.1 terms."""
    declared_ids = {info.id for info in declared.licenses}
    return terms.license_id in declared_ids or bool(declared_ids & set(terms.compatible))


_MARKUP = re.compile(r"[*`]+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _plain(text: str) -> str:
    """Text as a reader sees it, for finding a phrase: links by their text, no emphasis marks,
    every run of white space one space, lower case."""
    return " ".join(_MARKUP.sub("", _LINK.sub(r"\1", text)).split()).lower()


def _card_text(release: Release) -> str:
    """Everything the release carries of its card: the name (a card's title), every card
    field, every section's heading and body."""
    card = release.card
    parts = [release.name]
    parts.extend(v for v in (getattr(card, name) for name in type(card).model_fields) if isinstance(v, str))
    for heading, body in card.sections.items():
        parts.extend((heading, body))
    return _plain("\n".join(parts))


@rule("LIC003", "derivative-relicensed", "license-conflict", "error", needs=LicenseFacts)
def derivative_relicensed(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """A derivative is released under a license that drops its base model's conditions.

    What: a base model's license requires derivatives to keep its conditions, and the release's
    weights license neither is that license nor one its text allows instead (a later GPL or CC
    BY-SA version); another version of the same family does not do (a Llama 3.1 fine-tune
    labelled ``llama2``). Permissive bases (Apache-2.0, MIT) may be relicensed.
    Why: fine-tunes, adapters, quantizations, merges and distilled students are derivatives under
    every model license (Llama "derivative works", Gemma §1.1(e), RAIL ¶1). Licenses such as the
    Llama, Gemma, RAIL, Qwen and DeepSeek terms allow other terms for a derivative only when they
    keep the upstream conditions, so a bare open-source label (apache-2.0, mit) on such a
    derivative is a conflict.
    Example:
    name: Llama-3-Tiny-Chat
    license: apache-2.0
    base_models:
      - {id: meta-llama/Meta-Llama-3-8B, relation: finetune, license: llama3}
    Fix: release the derivative under the base's own license (or one the base's text allows).
    Sources: the clause named in the finding (``modelcards/licenses/data/obligations.yaml``), e.g.
    Meta Llama 3 Community License §1.b
    """
    reported: set[str] = set()
    for link, terms in verdicts.chain_terms:
        if terms.relicense != "keep" or terms.license_id in reported or link.license is None:
            continue
        declared, at = verdicts.weights, verdicts.weights_at
        if not declared.known:
            return
        if _carries(declared, terms):
            continue
        reported.add(terms.license_id)
        direct = next((b for b in reversed(verdicts.chain[:verdicts.chain.index(link)]) if b.depth == 1), None)
        via = f" (via {direct.model_id})" if link.depth > 1 and direct is not None else ""
        yield Hit(
            f"base-model:{link.model_id}",
            f"derived from {link.model_id}{via} under {link.license.canonical}, but released under "
            f"{declared.canonical}, which drops the base license's conditions",
            terms.source,
            at=at,
        )


@rule("LIC004", "inherited-obligations", "license-obligation", "info", needs=LicenseFacts)
def inherited_obligations(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """What a derivative must do because of its base models' licenses.

    What: lists, for every license along the base-model chain, the obligations that bind the
    release: copies of the agreement, notices to keep, use restrictions to pass downstream,
    thresholds and output clauses (naming and attribution are checked by LIC005 / LIC006).
    Located at the listed base model the obligation comes through: the base itself, or the one
    whose chain leads to the license (a base of a base). An obligation that several bases pass
    down (a merge of fine-tunes under one license) is listed once, at the first of them, naming
    the others.
    Why: a derivative's users and publisher are bound by these terms; each comes with the clause
    it is taken from.
    Example:
    name: Llama-3-Tiny-Chat
    license: llama3
    base_models:
      - {id: meta-llama/Meta-Llama-3-8B, relation: finetune, license: llama3}
    Fix: nothing to fix: carry out the obligations listed (the rendered README lists them too).
    Sources: the clause named in each finding (``modelcards/licenses/data/obligations.yaml``)
    """
    through = _listed_base_of(facts, verdicts)
    for link, obligation, others in verdicts.inherited:  # naming and attribution: checked by LIC005 / LIC006
        listed = through.get(id(link))
        yield Hit(f"base-model:{link.model_id}", inherited_text(obligation, others), obligation.source,
                  at=("base_models",) if listed is None else ("base_models", listed, "id"))


def _listed_base_of(facts: LicenseFacts, verdicts: LicenseVerdicts) -> dict[int, int]:
    """The index in ``base_models`` of the listed base each link of the chain comes through, by
    the link's identity: the chain lists each listed base (depth 1) and then what it derives from."""
    listed = {}
    for i, base in enumerate(facts.bases):
        listed.setdefault(base.id.lower(), i)
    through: dict[int, int] = {}
    current: int | None = None
    for link in verdicts.chain:
        if link.depth == 1:
            current = listed.get(link.model_id.lower())
        if current is not None:
            through[id(link)] = current
    return through


@rule("LIC005", "derivative-naming", "license-obligation", "warning")
def derivative_naming(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """The model's name does not follow its base license's naming rule.

    What: the names judged are those the Hub page shows: the card's title (or its file's name),
    the repository name of ``hf_repo`` and the ``model_name`` of its metadata; the clause is met
    when one of them begins as it asks. Each is read without an organisation prefix or "Model Card
    for" boilerplate, and with ``-`` and ``_`` as spaces ("Llama-3-8B-Chat" begins with "Llama 3").
    A base model of the release's own organisation is the licensor's, not a derivative's.
    Reported once per license.
    Why: Meta Llama 3 §1.b.i: a model built with Llama 3 must have "Llama 3" at the beginning of
    its name; Llama 3.1 and later: "Llama" at the beginning.
    Example:
    name: Tiny-Chat-8B
    license: llama3
    base_models:
      - {id: meta-llama/Meta-Llama-3-8B, relation: finetune, license: llama3}
    Fix: rename the model so that its name begins with the prefix the license asks for.
    Sources: Meta Llama 3 Community License §1.b.i; Llama 3.1 Community License §1.b.i
    """
    naming = [(link, terms, obligation) for link, terms, obligation in verdicts.licenses.chain_obligations
              if obligation.kind == "naming" and obligation.prefix]
    if not naming:
        return
    names = hub_names(release)
    own = own_publisher(release)
    reported: set[tuple[str, str]] = set()
    for link, terms, obligation in naming:
        if is_licensors_own(own, link.model_id):
            continue  # the licensor's own model (meta-llama's Instruct of its base), not a derivative
        if (terms.license_id, obligation.prefix) in reported:
            continue
        reported.add((terms.license_id, obligation.prefix))
        if not any(begins_with(name, obligation.prefix) for name in names):
            yield Hit("card", f"name {names[0]!r} must begin with {obligation.prefix!r}: {obligation.text}",
                      obligation.source, at=("name",))


@rule("LIC006", "attribution-missing", "license-obligation", "warning")
def attribution_missing(release: Release, verdicts: Verdicts) -> Iterator[Hit]:
    """A required attribution phrase ("Built with Llama", "Built with Qwen", ...) is not in the card.

    What: a license along the base-model chain requires a fixed phrase, and none of the wordings
    it accepts appears anywhere in the card's text (title, summary, any section). A base model of
    the release's own organisation is the licensor's, not a derivative's (meta-llama's Instruct
    model of its own base owes Meta no "Built with Llama"). Reported once per license.
    Why: several model licenses require a fixed phrase to be displayed with derivatives or
    products; the card is the natural place for it.
    Example:
    name: Llama-3-Tiny-Chat
    license: llama3
    base_models:
      - {id: meta-llama/Meta-Llama-3-8B, relation: finetune, license: llama3}
    card: {summary: A small chat model.}
    Fix: add the phrase to the card, e.g. in its summary.
    Sources: the clause named in the finding, e.g. Meta Llama 3 Community License §1.b.i
    """
    chain = verdicts.licenses.chain_obligations
    if not chain:
        return
    own = own_publisher(release)
    text: str | None = None  # built only for a chain with an attribution clause
    reported: set[tuple[str, str]] = set()
    for link, terms, obligation in chain:
        if obligation.kind != "attribution" or not obligation.phrases:
            continue
        if is_licensors_own(own, link.model_id):
            continue
        if (terms.license_id, obligation.text) in reported:
            continue
        reported.add((terms.license_id, obligation.text))
        if text is None:
            text = _card_text(release)
        if not any(_plain(phrase) in text for phrase in obligation.phrases):
            wanted = " or ".join(repr(phrase) for phrase in obligation.phrases)
            yield Hit(f"base-model:{link.model_id}", f"the card does not display {wanted}: {obligation.text}",
                      obligation.source, at=("card",))


def _dataset_licenses(facts: LicenseFacts) -> Iterator[tuple[int, str, ResolvedLicense, str | None]]:
    for i, dataset in enumerate(facts.datasets):
        if dataset.role not in TRAINING_ROLES:
            continue
        text = dataset.license
        source = None
        if not text:
            known = known_dataset(dataset.id)
            if known is None:
                continue
            text, source = known.license, known.source
        yield i, dataset.id, resolve(text), source


def _commercial_terms(facts: LicenseFacts, verdicts: LicenseVerdicts) -> bool:
    declared = verdicts.weights
    return bool(facts.commercial_use) or (declared.known and not any(info.non_commercial for info in declared.licenses))


@rule("LIC007", "non-commercial-data", "license-conflict", "warning", needs=LicenseFacts)
def non_commercial_data(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """Training data under a non-commercial license behind commercial terms.

    What: a training dataset is under a non-commercial license while the release's terms allow
    commercial use; an error when the release explicitly claims commercial use.
    Why: CC BY-NC allows sharing adapted material "for NonCommercial purposes only" (§2(a)(1)).
    Whether trained weights are adapted material is unsettled, so this is a warning.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    datasets:
      - {id: org/nc-corpus, role: pretraining, license: CC-BY-NC-4.0}
    Fix: train on data whose license allows commercial use, or release under non-commercial terms.
    Sources: https://creativecommons.org/licenses/by-nc/4.0/legalcode §2(a)(1)
    """
    if not facts.datasets or not _commercial_terms(facts, verdicts):
        return
    claimed = bool(facts.commercial_use)
    for i, dataset_id, resolved, source in _dataset_licenses(facts):
        if any(info.non_commercial for info in resolved.licenses):
            what = "claims commercial use" if claimed else "is released under terms that allow commercial use"
            yield Hit(f"dataset:{dataset_id}",
                      f"trained on {dataset_id} ({resolved.canonical}, non-commercial) but the release {what}",
                      source or "https://creativecommons.org/licenses/by-nc/4.0/legalcode §2(a)(1)",
                      severity="error" if claimed else None, at=("datasets", i, "license"))


def _as_released(declared: ResolvedLicense) -> str:
    """How the weights are released, after "must be shared under the same license": "not MIT",
    or, for weights the release states no license for, "and the release states none"."""
    return "and the release states none" if declared.unlicensed else f"not {declared.canonical}"


@rule("LIC008", "share-alike-data", "license-obligation", "warning", needs=LicenseFacts)
def share_alike_data(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """Training data under a share-alike license.

    What: a training dataset is under CC BY-SA or ODbL and the weights are not under the same
    license.
    Why: CC BY-SA §3(b) requires adapted material to be shared under the same license; ODbL §4.4
    likewise for derivative databases. If the weights are adapted material (unsettled), they would
    have to carry the same terms. CDLA imposes nothing on results, models included.
    Example:
    name: Tiny-1B
    license: Apache-2.0
    datasets:
      - {id: org/wiki-corpus, role: pretraining, license: CC-BY-SA-4.0}
    Fix: consider releasing the weights under the same share-alike license, or document why they
    are not adapted material.
    Sources: https://creativecommons.org/licenses/by-sa/4.0/legalcode §3(b); ODbL 1.0 §4.4
    """
    declared = verdicts.weights
    for i, dataset_id, resolved, source in _dataset_licenses(facts):
        share_alike = [info for info in resolved.licenses if "-SA-" in info.id or info.id == "ODbL-1.0"]
        if share_alike and not any(info.id in {s.id for s in share_alike} for info in declared.licenses):
            yield Hit(f"dataset:{dataset_id}",
                      f"trained on {dataset_id} ({resolved.canonical}, share-alike); if the weights are adapted "
                      f"material they must be shared under the same license, {_as_released(declared)}",
                      source or "https://creativecommons.org/licenses/by-sa/4.0/legalcode §3(b)",
                      at=("datasets", i, "license"))


@rule("LIC009", "open-source-claim-license", "openwashing", "error", needs=LicenseFacts)
def open_source_claim_license(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """The release claims to be open source / OSI-approved under a license that is not OSI-approved.

    What: ``claims.open_source`` or ``claims.osi_approved`` is set, and the weights' license or a
    base model's license is not OSI-approved.
    Why: model licenses (Llama, Gemma, RAIL, ...) and CC licenses are not on the OSI-approved list
    (SPDX License List, osiApproved flag).
    Example:
    name: Tiny-1B
    license: llama3.1
    claims: {open_source: true}
    Fix: drop the claim, or release under an OSI-approved license (where the base allows it).
    Sources: https://opensource.org/licenses; https://spdx.org/licenses/ (osiApproved)
    """
    if not (facts.open_source or facts.osi_approved):
        return
    declared = verdicts.weights
    claim_at = ("claims", "open_source" if facts.open_source else "osi_approved")
    if declared.known and not declared.osi_approved:
        yield Hit("model-parameters-final",
                  f"claims to be open source, but {declared.canonical} is not an OSI-approved license",
                  "https://opensource.org/licenses", at=claim_at)
    for link in verdicts.chain:
        if link.license is not None and link.license.known and not link.license.osi_approved:
            yield Hit(f"base-model:{link.model_id}",
                      f"claims to be open source, but it derives from {link.model_id} under "
                      f"{link.license.canonical}, which is not OSI-approved",
                      "https://opensource.org/licenses", at=claim_at)


@rule("LIC010", "commercial-claim-conflict", "license-conflict", "error", needs=LicenseFacts)
def commercial_claim_conflict(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """The release claims commercial use under, or on top of, a non-commercial license.

    What: ``claims.commercial_use`` is set, and the weights or a base model are under a
    non-commercial license.
    Why: e.g. the Mistral AI Research License (§3.2: research purposes only), the Qwen Research
    License, CC BY-NC on the weights themselves forbid commercial use.
    Example:
    name: Tiny-1B
    license: CC-BY-NC-4.0
    claims: {commercial_use: true}
    Fix: drop the claim, or release (and build on bases) under terms that allow commercial use.
    Sources: the license named in the finding, e.g. Mistral AI Research License §3.2
    """
    if not facts.commercial_use:
        return
    for info in verdicts.weights.licenses:
        if info.non_commercial:
            yield Hit("model-parameters-final", f"claims commercial use, but {info.id} forbids it",
                      info.source, at=("claims", "commercial_use"))
    for link in verdicts.chain:
        for info in link.license.licenses if link.license else ():
            if info.non_commercial:
                yield Hit(f"base-model:{link.model_id}",
                          f"claims commercial use, but the base {link.model_id} is under {info.id}, "
                          "which forbids it", info.source, at=("claims", "commercial_use"))


@rule("LIC011", "base-license-unknown", "license-unknown", "warning", needs=LicenseFacts)
def base_license_unknown(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """A base model's license is neither stated nor known.

    What: a base model entry has no ``license`` and the model is not in the known-models table;
    a license stated as ``unknown`` is no better.
    Why: obligations cannot be checked without it, and modelcards never guesses a license.
    Example:
    name: Tiny-Chat-1B
    license: Apache-2.0
    base_models:
      - {id: someone/some-base, relation: finetune}
    Fix: state ``license`` on the base model entry (or run ``check --online`` to ask the Hub).
    Sources: https://huggingface.co/docs/hub/model-cards#specifying-a-base-model
    """
    for link in verdicts.chain:
        if link.license is None:
            yield Hit(f"base-model:{link.model_id}",
                      f"the license of base model {link.model_id} is not stated and not known; "
                      "add `license:` to its base_models entry", at=("base_models",))
        elif link.license.stated_unknown:
            yield Hit(f"base-model:{link.model_id}",
                      f"the license of base model {link.model_id} is stated as {link.license.text!r}, "
                      "which names no license; state its id in its base_models entry", at=("base_models",))


@rule("LIC012", "base-model-not-a-hub-id", "metadata", "warning", needs=LicenseFacts)
def base_model_not_a_hub_id(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """A base model is named without its organisation, so its license cannot be looked up.

    What: a base model id that is a bare name (``EXAONE-3.5-2.4B-Instruct``), not
    ``organisation/name``, and not a legacy id the known-models table holds. Where the name
    matches exactly one well-known model, its license is still used, and the finding says so.
    A local path, a URL or a malformed id is HUB007's error, which says the same of the license.
    Why: ``base_model`` takes Hub model ids; a path on the training machine
    (``/public/Mistral-7B-Instruct-v0.2``) links to nothing and its license cannot be looked up.
    Example:
    name: Tiny-Chat-7B
    license: Apache-2.0
    base_models:
      - {id: Mistral-7B-Instruct-v0.2, relation: finetune}
    Fix: give the base model's Hub id, ``organisation/name``.
    Sources: https://huggingface.co/docs/hub/model-cards#specifying-a-base-model
    """
    for i, base in enumerate(facts.bases):
        problem = id_problem(base.id)
        if problem is None or problem.problem != "no organisation":
            continue  # a path, a URL or a malformed id: HUB007 reports it as an error
        known = None if base.license else known_base(base.id)
        tail = f"; read as the known model it names ({resolve(known.license).canonical})" if known else ""
        yield Hit(f"base-model:{base.id}", problem.describe(base.id) + tail,
                  "https://huggingface.co/docs/hub/model-cards#specifying-a-base-model", at=("base_models", i, "id"))


@rule("LIC013", "license-family-id", "license-unknown", "warning", needs=LicenseFacts)
def license_family_id(facts: LicenseFacts, verdicts: LicenseVerdicts) -> Iterator[Hit]:
    """A license is a Hub family id (``bsd``, ``cc``, ``gpl``, ``lgpl``, ``openrail``).

    What: a stated license is one of the Hub's ids for a family of licenses.
    Why: the Hub accepts these ids, but each names a family of licenses with different terms (CC
    BY and CC BY-NC-ND; GPL-2.0 and GPL-3.0), so obligations cannot be checked.
    Example:
    name: Tiny-1B
    license: cc
    Fix: state the precise id (the finding lists the family's members).
    Sources: https://huggingface.co/docs/hub/repositories-licenses
    """
    for subject, text, at in facts.stated():
        for info in resolve(text).licenses:
            if info.members:
                yield Hit(subject, f"{text!r} is the Hub's id for a family of licenses, not one license: "
                          f"state the precise id ({', '.join(info.members)})", HUB_LICENSES, at=at)
