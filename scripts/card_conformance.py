#!/usr/bin/env python3
"""What a Hugging Face card alone shows, against what people who judged the model found.

Two bodies of human judgement are in ../shared/corpora:

- the Model Openness Tool (``mot/models/*.yml``): each record lists the MOF components its
  producer published; a component not listed is not published;
- the European Open Source AI Index (``eosai/projects/*.yaml``): each project grades
  dimensions open / partial / closed, with a link to the evidence.

For each judged model whose card is in ``hf-cards/cards`` (the table ``PAIRS`` below, matched
by hand from the records' Hugging Face links and names, see "Which cards" below), the card is
read and analysed exactly as ``modelcards check`` does (``modelcards.check(path)``) and each MOF
component counts as *published by the card* when its status in
``openness.mof.components[<id>]`` is anything but ``missing``. That is scored against the
judgement: precision (of the components the card marks published, how many the judges found
published) and recall (of the components the judges found published, how many the card shows),
per component and overall.

Mapping (MOF 1.0 component ids, ``modelcards/openness/data/mof-1.0.yaml``):

- MOT: one to one through the MOT's own component names (``Model architecture`` ->
  ``model-architecture``, ``Model parameters (Final)`` -> ``model-parameters-final``, ...,
  the ``mot_name`` column of the MOF table). ``research-paper`` and ``technical-report`` are
  scored as one component, ``paper``: the MOF treats a research paper as standing in for a
  technical report (``substitutions`` of the MOF table), and whether a linked PDF is called a
  paper or a report is wording, not openness.
- EOSAI (criteria: ``eosai/criteria.md``), for the dimensions that name a component:

  | EOSAI dimension            | MOF components                                         |
  |----------------------------|--------------------------------------------------------|
  | opencode ("source code")   | ``code``: any of training-, inference-, evaluation-,   |
  |                            | data-preprocessing-code, model-architecture,           |
  |                            | supporting-libraries                                   |
  | llmweights, rlweights      | model-parameters-final (published when either is open  |
  |                            | or partial: the index grades the base's and the tuned  |
  |                            | model's weights, the card is the tuned model's)        |
  | llmdata, rldata            | datasets (either open or partial)                      |
  | preprint, paper            | ``paper`` (research-paper / technical-report)          |
  | modelcard                  | model-card (open / partial only, see below)            |
  | datasheet                  | data-card                                              |

  Not mapped: ``license`` (a verdict on licenses, not a component), ``code`` and
  ``architecture`` (how well code and architecture are documented, not whether something is
  released), ``package`` and ``api`` (ways of access, not MOF components). ``partial`` counts as
  published: something is out. An empty class is "not judged" and not scored. The index's
  ``modelcard: closed`` is not scored as "no model card": its raters grade the card's depth and
  mark thin Hub cards closed (Mistral-7B-Instruct-v0.1, Yi-34B-Chat, WizardLM-13B-V1.2 have Hub
  cards, the very cards read here), so only open / partial are taken as judgements.

The card cannot know what only a project website, a paper or a repository says: judges read
those too (the MOT's records are filled in by producers who know what they released; the
index's links point at GitHub READMEs, blog posts, papers). Components published only there
(data-preprocessing code in a GitHub repository the card does not link, intermediate
checkpoints in a separate repository, a paper written after the card) are misses of the card,
not of the reader: recall is expected to be well below precision. Precision is what the tool
answers for: a component the card marks published that the judges did not find is a false
claim made on the user's behalf.

Also reported, not gated: for the EOSAI pairs, how often the card's own EOSAI grades
(``openness.eosai``) equal the index's, per dimension.

Which cards: ``exact`` pairs are the judged repository itself; ``sibling`` pairs are another
size of the same release (same producer, same card text, e.g. the index judged
Xwin-LM-70B-V0.1, the corpus has Xwin-LM-7b-V0.1). Records the corpus has no card of (most of
them) are not scored.

Usage: ``scripts/card_conformance.py [--threshold P] [--details] [--json]``. Skips (exit 0)
when ../shared/corpora is absent. Exit 1 when the precision of the inferred components (all
but ``STATED``) falls below ``--threshold`` (default ``THRESHOLD``, set from the measured
figure), 2 when a card or record cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"
THRESHOLD = 0.94
"""Minimum adjudicated precision of the inferred components: measured 96.4% (134/139) on
2026-12-01 (93.5% before the evidence rules of that day), above the issue's aim of 90%; three
new false positives fail it."""
RAW_THRESHOLD = 0.82
"""Minimum raw precision of the inferred components (the judges' word, each disagreement
counted against the reader): measured 83.5% (116/139) on 2026-12-01 (80.4% before); three new
false positives fail it."""

MOT_GROUPS: dict[str, tuple[str, ...]] = {
    "model-architecture": ("model-architecture",),
    "model-parameters-final": ("model-parameters-final",),
    "model-card": ("model-card",),
    "data-card": ("data-card",),
    "paper": ("research-paper", "technical-report"),
    "evaluation-results": ("evaluation-results",),
    "sample-outputs": ("sample-outputs",),
    "training-code": ("training-code",),
    "inference-code": ("inference-code",),
    "evaluation-code": ("evaluation-code",),
    "evaluation-data": ("evaluation-data",),
    "supporting-libraries": ("supporting-libraries",),
    "data-preprocessing-code": ("data-preprocessing-code",),
    "model-parameters-intermediate": ("model-parameters-intermediate",),
    "datasets": ("datasets",),
    "model-metadata": ("model-metadata",),
}
"""Scored component -> the MOF component ids it stands for (MOT judgements)."""

CODE = ("training-code", "inference-code", "evaluation-code", "data-preprocessing-code", "model-architecture",
        "supporting-libraries")
EOSAI_GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "code": (("opencode",), CODE),
    "model-parameters-final": (("llmweights", "rlweights"), ("model-parameters-final",)),
    "datasets": (("llmdata", "rldata"), ("datasets",)),
    "paper": (("preprint", "paper"), ("research-paper", "technical-report")),
    "model-card": (("modelcard",), ("model-card",)),
    "data-card": (("datasheet",), ("data-card",)),
}
"""Scored component -> (EOSAI dimensions, MOF component ids)."""
STATED = frozenset({"model-card"})
"""Components the card states rather than the reader infers: the file read is the model card.
Scored and shown, but left out of the gate's precision: a judge who does not list the model card
(seven MOT records list only what they license, e.g. Llama-3-8B lists three components) is not
telling the reader anything it got wrong."""
ONLY_POSITIVE = frozenset({"modelcard"})
"""EOSAI dimensions whose ``closed`` grades depth, not absence: not scored when closed."""


@dataclass(frozen=True)
class Pair:
    judge: str  # "mot" | "eosai"
    record: str  # path under the corpora directory
    card: str  # path under the corpora directory
    match: str = "exact"  # "exact" | "sibling"


def _mot(name: str, card: str, match: str = "exact") -> Pair:
    return Pair("mot", f"mot/models/{name}.yml", f"hf-cards/cards/{card}.md", match)


def _eosai(name: str, card: str, match: str = "exact") -> Pair:
    return Pair("eosai", f"eosai/projects/{name}.yaml", f"hf-cards/cards/{card}.md", match)


PAIRS: tuple[Pair, ...] = (
    # MOT records whose `huggingface:` link or name is a card of the corpus.
    _mot("Amber", "1033__LLM360__Amber"),
    _mot("CerebrasGPT", "1740__cerebras__Cerebras-GPT-13B"),
    _mot("CodeT5+-220M", "0391__Salesforce__codet5p-220m"),
    _mot("DeepSeek-Coder-33B-Base", "2067__deepseek-ai__deepseek-coder-33b-base"),
    _mot("GPT-2", "0464__canonical__gpt2"),
    _mot("Llama-2-70B", "1568__meta-llama__Llama-2-70b-hf"),
    _mot("Llama-2-chat-70B", "0906__meta-llama__Llama-2-70b-chat-hf"),
    _mot("Llama-3-8B", "1136__meta-llama__Meta-Llama-3-8B"),
    _mot("Llama-3.1-8B-Instruct", "1787__meta-llama__Llama-3.1-8B-Instruct"),
    _mot("Llama-3.2-1B-Instruct", "0774__meta-llama__Llama-3.2-1B-Instruct"),
    _mot("MPT-7B", "1508__mosaicml__mpt-7b"),
    _mot("Mamba", "2061__state-spaces__mamba-2.8b-hf"),
    _mot("Mistral-7B-Instruct-v0.1", "0650__mistralai__Mistral-7B-Instruct-v0.1"),
    _mot("Mistral-7B-Instruct-v0.2", "0234__mistralai__Mistral-7B-Instruct-v0.2"),
    _mot("Mistral-7B-v0.1", "1996__mistralai__Mistral-7B-v0.1"),
    _mot("Mixtral-8x7B-Instruct-v0.1", "0370__mistralai__Mixtral-8x7B-Instruct-v0.1"),
    _mot("OLMo-7B", "0816__allenai__OLMo-7B"),
    _mot("OpenLLaMA", "1791__openlm-research__open_llama_13b", "sibling"),
    _mot("Phi-2", "0063__microsoft__phi-2"),
    _mot("Qwen2.5-1.5B-Instruct", "2233__Qwen__Qwen2.5-1.5B-Instruct"),
    _mot("Qwen2.5-7B-Instruct", "0762__Qwen__Qwen2.5-7B-Instruct"),
    _mot("Skywork", "1244__Skywork__Skywork-13B-base"),
    _mot("Stable-Diffusion-v1.1", "0217__CompVis__stable-diffusion-v1-1"),
    _mot("Stable-Diffusion-v1.2", "0875__CompVis__stable-diffusion-v1-2"),
    _mot("T5-11b", "1361__canonical__t5-11b"),
    _mot("gemma-2b", "1634__google__gemma-2b"),
    _mot("gpt-oss-120b", "0013__openai__gpt-oss-120b"),
    _mot("gpt-oss-20b", "0315__openai__gpt-oss-20b"),
    # EOSAI projects whose judged model (weights / model card link, name) is a card of the corpus.
    _eosai("OpenChat", "0240__openchat__openchat_3.5"),
    _eosai("StableBeluga2", "1216__stabilityai__StableBeluga2"),
    _eosai("Xwin-LM", "2150__Xwin-LM__Xwin-LM-7b-V0.1", "sibling"),
    _eosai("airoboros", "0052__jondurbin__airoboros-l2-70b-gpt4-1.4.1"),
    _eosai("amber", "0365__LLM360__AmberChat"),
    _eosai("bloomz", "0305__bigscience__bloomz-560m", "sibling"),
    _eosai("dolly", "1068__databricks__dolly-v2-12b", "sibling"),
    _eosai("gemma-instruct", "0899__google__gemma-2b-it", "sibling"),
    _eosai("llama-2-chat", "0906__meta-llama__Llama-2-70b-chat-hf", "sibling"),
    _eosai("mistral-7B", "0650__mistralai__Mistral-7B-Instruct-v0.1"),
    _eosai("mixtral-8x7B-instruct", "0370__mistralai__Mixtral-8x7B-Instruct-v0.1"),
    _eosai("neuralchat-7b", "0640__Intel__neural-chat-7b-v3-2", "sibling"),
    _eosai("orca_2", "1232__microsoft__Orca-2-7b"),
    _eosai("stablevicuna", "1369__CarperAI__stable-vicuna-13b-delta"),
    _eosai("tulu-2-70b", "1415__allenai__tulu-2-dpo-70b"),
    _eosai("vicuna13B-lmsys", "0982__lmsys__vicuna-33b-v1.3", "sibling"),
    _eosai("wizardlm-13B", "2071__WizardLM__WizardLM-13B-V1.2"),
    _eosai("yi-chat", "2187__01-ai__Yi-34B-Chat"),
)
"""Judged model -> its card in the corpus. Left out on purpose: MOT DeepSeek-Coder (a second
record of deepseek-coder-33b-base), records whose only corpus match is another model (the
index's mistral-nemo and neuralchat records link Mistral-7B, tulu-2 links zephyr; MOT
Aquila-VL-2B and Qwen2.5-7B link Qwen2.5 instruct models), EOSAI Open-Assistant (a project of
many models), geitje-ultra and nanbeige-chat (the corpus has other generations)."""


NOT_INCLUDED = re.compile(r"\bnot include", re.IGNORECASE)
"""A MOT component whose license reads "Component not included" (as 20 records write it, e.g.
GPT-2's final parameters): listed, but not published."""


ADJUDICATED: dict[tuple[str, str], str] = {
    ("mot/models/CerebrasGPT.yml", "evaluation-results"):
        "card line 134 '#### 0-shot Evaluation' and a results table; the record lists none",
    ("mot/models/GPT-2.yml", "evaluation-results"):
        "card line 141 '## Evaluation results' with a zero-shot results table",
    ("mot/models/GPT-2.yml", "model-parameters-final"):
        "the record says 'Component not included', but the card is the Hub repository gpt2, which holds the weights",
    ("mot/models/Llama-2-70B.yml", "evaluation-results"):
        "card line 84 '## Evaluation Results' with benchmark tables",
    ("mot/models/Llama-2-70B.yml", "inference-code"):
        "card line 61 'See our reference code in github': facebookresearch/llama generation.py, Meta's inference code",
    ("mot/models/Llama-2-chat-70B.yml", "evaluation-results"):
        "card line 81 '## Evaluation Results' with benchmark tables",
    ("mot/models/Llama-3-8B.yml", "inference-code"):
        "card line 289-291 '### Use with llama3': 'follow the instructions in the repository' meta-llama/llama3",
    ("mot/models/MPT-7B.yml", "training-code"):
        "card line 39 'open-source training code via the llm-foundry repository'",
    ("mot/models/Mamba.yml", "model-parameters-final"):
        "card line 9 'This repository contains the transformers compatible mamba-2.8b. The checkpoints are untouched'",
    ("mot/models/OpenLLaMA.yml", "evaluation-results"):
        "card line 68 '## Evaluation' with a results table (lm-evaluation-harness)",
    ("mot/models/OpenLLaMA.yml", "data-card"):
        "datasets: togethercomputer/RedPajama-Data-1T, a Hub dataset with its dataset card; the record lists "
        "the dataset but not its card",
    ("mot/models/Phi-2.yml", "model-parameters-final"):
        "the card is the Hub repository microsoft/phi-2, which holds the weights; the record lists only "
        "architecture and paper",
    ("mot/models/Skywork.yml", "model-parameters-final"):
        "the card is the Hub repository Skywork/Skywork-13B-base, which holds the weights",
    ("mot/models/Skywork.yml", "inference-code"):
        "card line 16 links SkyworkAI/Skywork, the producer's repository with its inference demos",
    ("mot/models/Stable-Diffusion-v1.1.yml", "inference-code"):
        "card line 36 'GitHub Repository' CompVis/stable-diffusion, which holds the sampling scripts",
    ("mot/models/Stable-Diffusion-v1.2.yml", "inference-code"):
        "card line 38 'GitHub Repository' CompVis/stable-diffusion, which holds the sampling scripts",
    ("eosai/projects/dolly.yaml", "data-card"):
        "datasets: databricks/databricks-dolly-15k, a Hub dataset with a full dataset card",
    ("eosai/projects/stablevicuna.yaml", "data-card"):
        "datasets: OpenAssistant/oasst1, a Hub dataset with a full dataset card",
}
"""(record, component) -> why the judgement is overruled: each a false positive read by hand
where the card itself shows the component (quoted) and the record omits it. Scored as
published in the ``adjudicated`` figures; the raw figures keep the judges' word. Only false
positives checked by hand are here; any new one counts against the reader."""


def adjudicate(record: str, gold: Mapping[str, bool]) -> dict[str, bool]:
    """``gold`` with ``ADJUDICATED`` entries of ``record`` set to published."""
    return {group: truth or (record, group) in ADJUDICATED for group, truth in gold.items()}


def mot_gold(record: Mapping[str, Any], mot_names: Mapping[str, str]) -> dict[str, bool]:
    """Scored component -> published, from a MOT record: listed in ``release.components``.
    ``mot_names``: lower-cased MOT component name -> MOF id."""
    listed = {mot_names.get(str(c.get("name", "")).strip().lower())
              for c in (record.get("release") or {}).get("components") or []
              if isinstance(c, dict) and not NOT_INCLUDED.search(str(c.get("license") or ""))}
    return {group: any(cid in listed for cid in ids) for group, ids in MOT_GROUPS.items()}


def eosai_gold(record: Mapping[str, Any]) -> dict[str, bool]:
    """Scored component -> published, from an EOSAI project: open / partial in any of its
    dimensions; components whose dimensions are all ungraded (or ``ONLY_POSITIVE`` and closed)
    are left out."""
    gold: dict[str, bool] = {}
    for group, (dimensions, _ids) in EOSAI_GROUPS.items():
        grades = [str((record.get(d) or {}).get("class") or "").strip().lower() for d in dimensions]
        if any(g in ("open", "partial") for g in grades):
            gold[group] = True
        elif "closed" in grades and not set(dimensions) & ONLY_POSITIVE:
            gold[group] = False
    return gold


def card_published(components: Mapping[str, Mapping[str, Any]], groups: Mapping[str, tuple[str, ...]]
                   ) -> dict[str, bool]:
    """Scored component -> published by the card: any of its MOF ids is not ``missing`` in the
    report's ``openness.mof.components``."""
    return {group: any((components.get(cid) or {}).get("status", "missing") != "missing" for cid in ids)
            for group, ids in groups.items()}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, got: bool) -> None:
        if got and gold:
            self.tp += 1
        elif got:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": self.precision, "recall": self.recall}


@dataclass
class Scores:
    per_component: dict[str, dict[str, Tally]] = field(default_factory=dict)
    """judge -> scored component -> tally."""
    overall: Tally = field(default_factory=Tally)
    inferred: Tally = field(default_factory=Tally)
    """``overall`` without ``STATED`` components: what the gate judges."""

    def add(self, judge: str, gold: Mapping[str, bool], got: Mapping[str, bool]) -> None:
        table = self.per_component.setdefault(judge, {})
        for group, truth in gold.items():
            table.setdefault(group, Tally()).add(truth, got.get(group, False))
            self.overall.add(truth, got.get(group, False))
            if group not in STATED:
                self.inferred.add(truth, got.get(group, False))

    def judge_total(self, judge: str) -> Tally:
        """The tallies of one judge's components, summed."""
        tallies = self.per_component.get(judge, {}).values()
        return Tally(*(sum(getattr(t, f) for t in tallies) for f in ("tp", "fp", "fn", "tn")))


def score(rows: Iterable[tuple[str, Mapping[str, bool], Mapping[str, bool]]]) -> Scores:
    """Precision and recall over ``(judge, gold, card)`` rows, per judge and component and overall."""
    scores = Scores()
    for judge, gold, got in rows:
        scores.add(judge, gold, got)
    return scores


def grade_agreement(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> dict[str, dict[str, int]]:
    """Per EOSAI dimension, over ``(index record, the card's openness.eosai)`` pairs where both
    grade it: how many grades agree exactly (``same``) and how many agree on whether anything is
    out (open / partial against closed: ``published``), out of ``graded``. Reported, not gated:
    the card's grades are derived from the same components scored above, and the index grades
    depth as well as presence."""
    table: dict[str, dict[str, int]] = {}
    for record, grades in pairs:
        for dimension, mine in grades.items():
            theirs = str((record.get(dimension) or {}).get("class") or "").strip().lower()
            if mine is None or theirs not in ("open", "partial", "closed"):
                continue
            row = table.setdefault(dimension, {"graded": 0, "same": 0, "published": 0})
            row["graded"] += 1
            row["same"] += mine == theirs
            row["published"] += (mine != "closed") == (theirs != "closed")
    return table


def _mot_names() -> dict[str, str]:
    from modelcards.openness.components import mof

    return {c.mot_name.lower(): c.id for c in mof().components}


@dataclass
class Evaluation:
    raw: Scores
    adjudicated: Scores
    details: list[dict[str, Any]]
    """Per pair: what disagreed, with the card's evidence for each false positive."""
    grades: dict[str, dict[str, int]]
    """``grade_agreement`` of the EOSAI pairs."""


def evaluate(corpora: Path, pairs: Iterable[Pair]) -> Evaluation:
    """Read every pair's record and card and score them."""
    import modelcards

    names = _mot_names()
    rows: list[tuple[str, dict[str, bool], dict[str, bool]]] = []
    adjudicated: list[tuple[str, dict[str, bool], dict[str, bool]]] = []
    grades: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    details = []
    for pair in pairs:
        record = yaml.safe_load((corpora / pair.record).read_text(encoding="utf-8"))
        report = modelcards.check(corpora / pair.card).to_dict()
        components = report["openness"]["mof"]["components"]
        if pair.judge == "mot":
            gold = mot_gold(record, names)
            got = card_published(components, MOT_GROUPS)
        else:
            gold = eosai_gold(record)
            got = card_published(components, {g: ids for g, (_d, ids) in EOSAI_GROUPS.items()})
        rows.append((pair.judge, gold, got))
        adjudicated.append((pair.judge, adjudicate(pair.record, gold), got))
        if pair.judge == "eosai":
            grades.append((record, report["openness"].get("eosai") or {}))
        groups = MOT_GROUPS if pair.judge == "mot" else {g: ids for g, (_d, ids) in EOSAI_GROUPS.items()}
        false_pos = {g: [e for cid in groups[g] for e in (components.get(cid) or {}).get("evidence") or []]
                     for g, truth in gold.items() if got.get(g) and not truth}
        details.append({"judge": pair.judge, "record": pair.record, "card": pair.card, "match": pair.match,
                        "false_positives": false_pos,
                        "misses": sorted(g for g, truth in gold.items() if truth and not got.get(g)),
                        "agreed": sorted(g for g, truth in gold.items() if truth and got.get(g))})
    return Evaluation(score(rows), score(adjudicated), details, grade_agreement(grades))


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def print_scores(scores: Scores) -> None:
    for judge, table in scores.per_component.items():
        print(f"{judge.upper()} ({'MOF component' if judge == 'mot' else 'component (EOSAI dimensions)'})")
        print(f"  {'component':32} {'tp':>3} {'fp':>3} {'fn':>3} {'tn':>3}  precision  recall")
        for group, tally in sorted(table.items()):
            print(f"  {group:32} {tally.tp:3} {tally.fp:3} {tally.fn:3} {tally.tn:3}  {_pct(tally.precision)}"
                  f"     {_pct(tally.recall)}")
        total = scores.judge_total(judge)
        print(f"  {'all':32} {total.tp:3} {total.fp:3} {total.fn:3} {total.tn:3}  {_pct(total.precision)}"
              f"     {_pct(total.recall)}")
    for label, o in (("overall", scores.overall), ("inferred (gate: all but model-card)", scores.inferred)):
        print(f"{label}: precision {_pct(o.precision)} ({o.tp}/{o.tp + o.fp}), recall {_pct(o.recall)} "
              f"({o.tp}/{o.tp + o.fn})")


def _summary(scores: Scores) -> dict[str, Any]:
    return {"overall": scores.overall.as_dict(), "inferred": scores.inferred.as_dict(),
            "per_component": {judge: {group: tally.as_dict() for group, tally in table.items()}
                              for judge, table in scores.per_component.items()}}


def gate(raw: Scores, adjudicated: Scores, threshold: float, raw_threshold: float) -> list[str]:
    """The gate's complaints: the inferred components' precision, adjudicated and raw, each
    under its threshold (none when nothing was marked published)."""
    problems = []
    for label, scores, minimum in (("adjudicated", adjudicated, threshold), ("raw", raw, raw_threshold)):
        precision = scores.inferred.precision
        if precision is not None and precision < minimum:
            problems.append(f"{label} precision {precision:.3f} is below the threshold {minimum:.2f}")
    return problems


def main(argv: list[str] | None = None, corpora: Path = CORPORA, pairs: Iterable[Pair] = PAIRS) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help="minimum adjudicated precision of the inferred components (0-1)")
    parser.add_argument("--raw-threshold", type=float, default=RAW_THRESHOLD,
                        help="minimum raw precision (the judges' word) of the inferred components (0-1)")
    parser.add_argument("--details", action="store_true", help="list, per card, what disagreed")
    parser.add_argument("--json", action="store_true", help="print the figures and details as JSON")
    args = parser.parse_args(argv)
    if not corpora.is_dir():
        print(f"card_conformance: {corpora} is absent, skipped")
        return 0
    pairs = tuple(pairs)
    from modelcards.errors import InputError

    try:
        result = evaluate(corpora, pairs)
    except (OSError, yaml.YAMLError, InputError) as err:
        print(f"card_conformance: cannot read a pair: {err}", file=sys.stderr)
        return 2
    raw, adjudicated, details = result.raw, result.adjudicated, result.details
    if args.json:
        print(json.dumps({"pairs": len(pairs), "raw": _summary(raw), "adjudicated": _summary(adjudicated),
                          "eosai_grades": result.grades, "details": details}, indent=2))
    else:
        print(f"{len(pairs)} judged models with a card "
              f"({sum(p.judge == 'mot' for p in pairs)} MOT, {sum(p.judge == 'eosai' for p in pairs)} EOSAI)")
        print("== raw (the judges' word)")
        print_scores(raw)
        print(f"== adjudicated ({len(ADJUDICATED)} false positives overruled, see ADJUDICATED)")
        print_scores(adjudicated)
        print("EOSAI grades of the card (openness.eosai) against the index's, where both grade")
        for dimension, row in sorted(result.grades.items()):
            print(f"  {dimension:12} same grade {row['same']:2}/{row['graded']:2}   "
                  f"same open-or-partial vs closed {row['published']:2}/{row['graded']:2}")
        if args.details:
            for d in details:
                print(f"- {d['judge']} {Path(d['record']).stem} <- {Path(d['card']).name} ({d['match']})")
                for group, evidence in d["false_positives"].items():
                    where = "; ".join(f"{e.get('url') or e.get('key') or 'card'}:{e.get('line')}" for e in evidence)
                    note = " [adjudicated]" if (d["record"], group) in ADJUDICATED else ""
                    print(f"    false positive {group}{note}: {where or 'no evidence'}")
                if d["misses"]:
                    print(f"    missed: {', '.join(d['misses'])}")
    problems = gate(raw, adjudicated, args.threshold, args.raw_threshold)
    for problem in problems:
        print(f"card_conformance: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
