"""The MOF components and the claims a Hugging Face card shows, with where it shows them.

Read from the front matter and from one scan of the body (``readers/card_scan.py``). Every
component found gets evidence ``{url | key, line, basis}`` and is marked ``inferred`` in the
release, so ``import`` writes it for the user to confirm; a manifest is never inferred from.

Components:

- model-parameters-final: a Hub model card describes a repository that holds weights (GGUF,
  safetensors, quantised or adapter weights alike), so every card shows them, unless its text
  says the weights are not there ("weights coming soon", "does not contain the weights", "not
  yet released") or it is an empty placeholder. The evidence is the metadata key that names
  what loads them (``library_name``, ``base_model_relation``, ``pipeline_tag``,
  ``model-index``, a weights-format tag), else the card itself. ``extra_gated_*`` keys make
  them ``gated``.
- model-card: the card itself, under the card's license.
- model-architecture: MOF 1.0 defines it as "well commented code for the model's architecture"
  (White et al., https://arxiv.org/abs/2403.13784, Table 1; the MOT's mof.settings.yml). So
  ``library_name: transformers`` does not count: the architecture's code is the library's,
  not released with this model, and the card does not say which one it is. It counts when the
  repository holds the modelling code (the Hub's ``custom_code`` tag, ``auto_map``), or when
  the text presents a code link as the model's architecture or implementation.
- research-paper / technical-report: arXiv, ACL Anthology, OpenReview and PDF links, and
  arXiv ids of BibTeX under a citation heading (and ``[...](arxiv.org/abs/...)`` written
  without its scheme, as Meta's Llama 2 cards do). A link is the model's own paper when its line
  presents it so ("our paper", "technical report", "Paper:", a bold "**Research Paper**" label,
  an HTML ``>Paper</a>``, "we present"), when the line names this model as the paper's ("This
  is the RAG-Token Model of the paper [...]", even as "a non-finetuned version of"; not "a
  fine-tuned version of", "based on", "original"), or when it is under a Citation / Paper
  heading of a card with no base model of another producer (a derivative's citation is its
  base's or its method's paper; Qwen2.5-7B-Instruct on Qwen/Qwen2.5-7B shares its producer's
  technical report). Never under "Related work", "References", "Acknowledgements", "Community",
  a base-model / original-model / quantisation heading, nor on a line that credits another work
  ("based on", "base model", "original", "method", "inspired"). Wording with "report" makes it a
  technical report, else a research paper. The Hub's ``arxiv:`` tags are added by the Hub for
  every arXiv link of a card, so they are not evidence by themselves. Known limit: a card that
  pastes its base's card text (a "# **Llama 2**" section, a BibTeX of OPT on an OPT fine-tune)
  without a base_model key or an "original model" heading takes the base's paper as its own.
- training / inference / evaluation / data-preprocessing code: GitHub, GitLab, Codeberg
  repository links and Spaces, on a line or under a heading that presents them as code
  (repository, code, implementation, scripts), and as this model's: the line says "our" /
  "official", or the repository's owner or name shares a distinctive word with the model's
  name; a tool organisation's repository is this model's code on that organisation's own card
  (lm-sys/FastChat on lmsys/vicuna-*: the owner is compared without ``-`` and ``_``). Tools a
  card credits (transformers, llama.cpp, unsloth, axolotl, mergekit, web UIs, the libraries of a
  "Software" section, a line that says "using", "with", "merged", "fine-tuned from",
  "compatible") are not, nor are a repository's issue / star / fork pages, the documents and
  images in it (a ``.md`` methodology, a logo; its root README stands for the repository),
  "awesome-" link lists, Spaces holding a license text or a leaderboard, nor links in a
  "Community" section. The wording picks the component ("training", "to train", "fine-tuning",
  "reproduce" make training code; a past participle, "a model trained on", describes the model,
  not the link); a bare repository counts as inference code. Known limit: wording is read from
  the link's line only. The code's license is unknown unless the card states it:
  ``unlicensed``. A repository link does not make model-architecture (see above), though the
  Model Openness Tool's reviewers count the model's own repository and the library's code as
  its architecture (scripts/card_conformance.py: 1 of 27 found).
- datasets / data-card: ``datasets:`` ids (their licenses come from the sourced
  known-datasets table in ``openness_facts``, else stay unknown); a data card when a Hub
  dataset id is named (its Hub dataset card) or a training-data section says something.
- evaluation-results: a ``model-index``, or an evaluation / results / benchmark section with a
  table.
- model-parameters-intermediate: the text names intermediate checkpoints, or links a branch
  of the repository (``/tree/step...``).

Claims (``claims``): the phrases "open source", "open-source", "fully open", "open weights",
"open-weight", "free for commercial use", "commercial use is permitted", and the tag
``open-source``, when the clause is about this model: its subject is the model ("<name> is
an open-source model", "this model is free for commercial use", "it is open source", "our
open-weight model", "we open-source"). A phrase followed by a word naming something else
(library, community, tool, framework, models, ...), in a clause comparing with other models
("other", "than", "among", "outperforms", ...) or with another subject ("SpeechBrain is an
open-source toolkit", "Jan is an open source ChatGPT alternative") is not a claim; a
negation ("is not open source", "isn't open-weight") claims the opposite. A claim is read from
one line: a sentence broken over lines is judged by the line the phrase is on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from modelcards.readers.card_scan import Hit, Scan, path_mentions
from modelcards.readers.literal_gate import found, gated, matcher, short_cache


class Found(dict[str, dict[str, Any]]):
    """Artifact entries by component id, with the evidence each one holds also kept as a set: a
    card may show thousands of pieces, and each new one is not compared with every one held."""

    def __init__(self) -> None:
        super().__init__()
        self.held: set[tuple[str, frozenset[tuple[str, Any]]]] = set()


_WEIGHT_TAGS = frozenset({"gguf", "safetensors", "onnx", "pytorch", "tf", "jax", "gptq", "awq", "exl2",
                          "bitsandbytes", "4-bit", "8-bit", "mlx", "lora", "peft", "coreml", "openvino",
                          "tflite", "keras", "ggml", "llamafile"})

_PAPER = re.compile(r"https?://(?:www\.)?(?:arxiv\.org/(?:abs|pdf)/|aclanthology\.org/|openreview\.net/(?:forum|pdf)"
                    r"|[^\s]+\.pdf$)", re.IGNORECASE)
_OWN_PAPER = re.compile(r"\bour (?:paper|(?:technical |tech )?report|work|preprint|publication)\b|\btechnical report\b"
                        r"|\btech report\b|\bpaper\s*(?:\*\*)?\s*:|\bwe (?:present|introduce|propose)\b"
                        r"|\bthis paper\b|\baccompanying paper\b|\bpaper\]\(|>\s*(?:paper|technical report)\s*</a>"
                        r"|\*\*\s*(?:research )?paper\s*\*\*",
                        re.IGNORECASE)
_NOT_OWN_SECTION = re.compile(r"related|reference|acknowledg|base model|original model|quanti[sz]|credit|thanks"
                              r"|inspired|prior work|background|^software\b|communit", re.IGNORECASE)
_NOT_OWN_LINE = re.compile(r"\bbased on\b|\bbase model\b|\boriginal\b|\bmethod\b|\binspired\b|\bfollowing\b"
                           r"|\bversion (?:of|from)\b|\bfine-?tunn?ed (?:version )?(?:from|of)\b"
                           r"|\binitiali[sz]ed from\b|\bderived from\b|\bbaseline\b|^\|"
                           r"|\bproposed (?:by|in)\b|\bthanks?\b|\bcredit|\bquantiz|\bquantis", re.IGNORECASE)
_PAPER_OF_MODEL = re.compile(r"\bmodel (?:of|from|in) (?:the\s+)+paper\b"
                             r"|\b(?:introduced|presented|described) in (?:the\s+)+paper\b", re.IGNORECASE)
_paper_of_model = gated(_PAPER_OF_MODEL, ("paper",))
"""``_PAPER_OF_MODEL``'s search: each of its alternatives ends in the word "paper"."""
_DERIVED_LINE = re.compile(r"(?<!non-)\bfine-?tun\w* (?:version )?(?:of|from|on)\b|\bbased on\b|\boriginal\b",
                           re.IGNORECASE)
_CITATION = re.compile(r"citation|cite|bibtex|^papers?$|publication", re.IGNORECASE)
_not_own_section, _citation = matcher(_NOT_OWN_SECTION), matcher(_CITATION)

_CODE_HOST = re.compile(r"https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org)/([\w.-]+)/([\w.-]+)"
                        r"|https?://huggingface\.co/spaces/([\w.-]+)/([\w.-]+)", re.IGNORECASE)
_NOT_CODE = re.compile(r"^https?://[^/]+/[^/]+/[^/?#]+/(?:stargazers|network|forks?|watchers|issues|pulls|discussions)\b"
                       r"|^https?://[^/]+/[^/]+/awesome[-_]"
                       r"|(?<!/blob/main/README)(?<!/blob/master/README)"
                       r"\.(?:md|markdown|txt|rst|pdf|png|jpe?g|gif|svg|webp)(?:[?#].*)?$"
                       r"|huggingface\.co/spaces/[^/]+/[^/?#]*(?:licen[cs]e|leaderboard|arena)", re.IGNORECASE)
"""Links to a code host that are not code: a repository's social pages, documents and images
in it (a methodology ``.md``, a logo), "awesome-" lists of links, Spaces that hold a license
text or a leaderboard. The README at a repository's root stands for the repository itself."""
_TOOL_ORGS = frozenset({
    "huggingface", "ggerganov", "ggml-org", "unslothai", "openaccess-ai-collective", "axolotl-ai-cloud",
    "vllm-project", "oobabooga", "ollama", "lm-sys", "turboderp", "autogptq", "casper-hansen", "mlc-ai",
    "pytorch", "lostruins", "nomic-ai", "abetlen", "mozilla-ocho", "ml-explore", "bitsandbytes-foundation",
    "timdettmers", "artidoro", "hiyouga", "modelcloud", "tatsu-lab", "sgl-project", "eleutherai"})
"""Organisations whose repositories are tools a card credits (loaders, trainers, quantisers),
not this model's code."""
_OWN_CODE = re.compile(r"\brepo(?:sitory)?\b|\bcode\b|\bgithub\b|\bofficial\b|\bour\b|\bsource\b|\bimplementation\b"
                       r"|\btraining\b|\bscripts?\b", re.IGNORECASE)
_OURS = re.compile(r"\bour\b|\bofficial\b|\bwe release\b", re.IGNORECASE)
_TOOL_LINE = re.compile(r"\busing\b|\bwith\b|\bvia\b|\binitiali[sz]ed from\b|\bfine-?tuned (?:from|on)\b"
                        r"|\bmerg|\bweb ?ui\b|\bintended for use\b|\bdata(?:set)?s?\b|\bcompatible\b"
                        r"|\bsupport", re.IGNORECASE)
_NOT_OWN_WORDS = re.compile(_NOT_OWN_LINE.pattern.replace(r"|^\|", ""), re.IGNORECASE)
r"""``_NOT_OWN_LINE`` but for a table row (``^\|``, which ``_not_own_line`` tests as a prefix)."""
_not_own_words = gated(_NOT_OWN_WORDS, ("based on", "base model", "original", "method", "inspired", "following",
                                        "version", "fine", "initiali", "derived from", "baseline", "proposed",
                                        "thank", "credit", "quanti"))


@short_cache
def _not_own_line(context: str) -> bool:
    """Whether ``_NOT_OWN_LINE`` matches the line: a table row, or a line crediting another work."""
    return context[:1] == "|" or _not_own_words(context) is not None


_own_paper = gated(_OWN_PAPER, ("our ", "report", "paper", "we "))
_tool_line = gated(_TOOL_LINE, ("using", "with", "via", "initiali", "fine", "merg", "web", "intended for use",
                                "data", "compatible", "support"))
_ours = gated(_OURS, ("our", "official", "we release"))
_own_code = gated(_OWN_CODE, ("repo", "code", "github", "official", "our", "source", "implementation",
                              "training", "script"))
"""The searches of ``_link``, each with the literal words its pattern's alternatives hold."""
_CODE_KINDS = (
    ("data-preprocessing-code", re.compile(r"preprocess|data (?:processing|pipeline|cleaning|filtering)|dedup",
                                           re.IGNORECASE)),
    ("evaluation-code", re.compile(r"\beval(?:uation)?\b|\bbenchmark", re.IGNORECASE)),
    ("training-code", re.compile(r"\b(?:pre-?|re)?train(?!ed)|fine-?tun(?!ed)|reproduc", re.IGNORECASE)),
    ("model-architecture", re.compile(r"architecture|modell?ing code|implementation", re.IGNORECASE)),
)
_KIND_WORDS = {"data-preprocessing-code": ("preprocess", "data ", "dedup"),
               "evaluation-code": ("eval", "benchmark"), "training-code": ("train", "fine", "reproduc"),
               "model-architecture": ("architecture", "model", "implementation")}
_code_kinds = tuple((cid, gated(wording, _KIND_WORDS[cid])) for cid, wording in _CODE_KINDS)


_presents_own_paper = found(_own_paper, "Whether ``_OWN_PAPER`` matches a link's line.")
_credits_tool = found(_tool_line, "Whether ``_TOOL_LINE`` matches a link's line.")
_says_ours = found(_ours, "Whether ``_OURS`` matches a link's line.")
_presents_code = found(_own_code, "Whether ``_OWN_CODE`` matches a link's line or one of its headings.")


@short_cache
def _code_kind(text: str) -> str | None:
    """The first component of ``_CODE_KINDS`` whose wording ``text`` holds."""
    return next((cid for cid, wording in _code_kinds if wording(text)), None)


@short_cache
def _code_kind_joined(*texts: str) -> str | None:
    """``_code_kind`` of a link's headings and line (``*section, context``), read as one text."""
    return _code_kind(" ".join(texts))


_EVAL_SECTION = re.compile(r"eval|result|benchmark|performance|leaderboard", re.IGNORECASE)
_DATA_SECTION = re.compile(r"training data|dataset|data$", re.IGNORECASE)
_CHECKPOINT_URL = re.compile(r"huggingface\.co/[\w.-]+/[\w.-]+/tree/(?:step|checkpoint|ckpt|iter)", re.IGNORECASE)

_NEGATION = re.compile(r"\b(?:not|n't|never|no longer|neither|nor)\b[\w\s,-]{0,20}$|\bno$", re.IGNORECASE)
_eval_section, _negated = matcher(_EVAL_SECTION), matcher(_NEGATION)
_eval_heading = short_cache(_eval_section)
"""``_eval_section`` of a heading's title: cards repeat their headings, so each title is judged once."""
_OTHER_THING = re.compile(
    r"^[\s*_]*(?:-|\))?\s*(?:ai\s+|llm\s+|)(?:librar|communit|tool|framework|project|software|package|ecosystem|"
    r"contributor|implementation|repo|code|codebase|licen[cs]e|alternative|dataset|datasets|initiative|"
    r"movement|world|research|developer|release|models|llms|counterparts|peers|competitors|baselines|"
    r"solutions|engine|inference|stack|platform|app|ui|webui|program|definition|initiative)", re.IGNORECASE)
_COMPARISON = re.compile(r"\b(?:other|others|existing|than|among|amongst|outperform\w*|compared?|compet\w*|"
                         r"rival\w*|versus|vs\.?|best|leading|top|popular|many|most|like|such as|similar|"
                         r"state-of-the-art|sota|previous|prior|thanks|using|uses|built (?:on|with)|based on|"
                         r"via|from|powered by|leverag\w*|support\w*|contribut\w*)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _add(found: Found, component: str, evidence: dict[str, Any], **fields: Any) -> None:
    entry = found.setdefault(component, {"inferred": True, "evidence": []})
    for name, value in fields.items():
        entry.setdefault(name, value)
    held = (component, frozenset(evidence.items()))  # equal sets of items: equal evidence
    if held not in found.held:
        found.held.add(held)
        entry["evidence"].append(evidence)


def _key(key: str, line: int | None, basis: str = "inferred") -> dict[str, Any]:
    return {"key": key, "line": line, "basis": basis}


def _url(url: str, line: int, basis: str = "inferred") -> dict[str, Any]:
    return {"url": url, "line": line, "basis": basis}


_TOKEN = re.compile(r"[a-z][a-z0-9]{2,}")
_GENERIC = frozenset({"the", "and", "model", "models", "readme", "cards", "card", "base", "large", "small",
                      "chat", "instruct", "gguf", "awq", "gptq", "hf", "llm", "bert", "gpt", "lora", "main",
                      "tree", "blob", "master", "com", "github", "huggingface", "spaces", "v1", "v2", "uncased",
                      "cased", "fine", "tuned", "finetuned", "transformers", "turkish", "english", "diffusion"})


def name_tokens(*names: str) -> frozenset[str]:
    """The distinctive words of the model's names (title, repository path): what ties a code
    repository to this model rather than to a tool or another model."""
    return frozenset(t for name in names for t in _TOKEN.findall(name.lower()) if t not in _GENERIC)


@short_cache
def _repository_tokens(org: str, repo: str) -> frozenset[str]:
    """``name_tokens`` of a code repository's owner and name: cards link the same repositories."""
    return name_tokens(org, repo)


def components(meta: dict[str, Any], scan: Scan, key_line: dict[str, int | None],
               names: frozenset[str] = frozenset()) -> Found:
    """Artifact entries (``inferred``, ``evidence``, ``availability``, ``location``) by
    component id. ``key_line``: the card line of each top-level front-matter key; ``names``:
    ``name_tokens`` of the model's names."""
    found = Found()
    gated = any(isinstance(k, str) and k.startswith("extra_gated") for k in meta)
    availability = {"availability": "gated"} if gated else {}
    tags = {t.lower() for t in meta.get("tags") or [] if isinstance(t, str)}
    base = _derived(meta.get("base_model"), names)
    if not _no_weights(meta, scan):
        weights_key = next((k for k in ("library_name", "base_model_relation", "pipeline_tag", "model-index")
                            if meta.get(k)), None)
        if weights_key is None and tags & _WEIGHT_TAGS:
            weights_key = "tags"
        evidence = _key(weights_key, key_line.get(weights_key)) if weights_key is not None else \
            {"url": None, "key": None, "line": 1, "basis": "inferred"}  # a Hub model card: its repository's weights
        _add(found, "model-parameters-final", evidence, **availability)
    if "custom_code" in tags or meta.get("auto_map"):
        key = "auto_map" if meta.get("auto_map") else "tags"
        _add(found, "model-architecture", _key(key, key_line.get(key)))
    if meta.get("model-index"):
        _add(found, "evaluation-results", _key("model-index", key_line.get("model-index"), "stated"))
    datasets = meta.get("datasets")
    if isinstance(datasets, str):
        datasets = [datasets]
    if isinstance(datasets, list) and any(isinstance(d, str) and "/" in d for d in datasets):
        first = next(d for d in datasets if isinstance(d, str) and "/" in d)
        _add(found, "data-card", {"url": f"https://huggingface.co/datasets/{first}", "key": "datasets",
                                  "line": key_line.get("datasets"), "basis": "inferred"},
             location=f"https://huggingface.co/datasets/{first}")
    for hit in scan.links:
        _link(found, hit, base, names)
    for index, (line, _level, title) in enumerate(scan.headings):
        if "evaluation-results" not in found and _eval_heading(title) and scan.has_table(index):
            _add(found, "evaluation-results", {"key": None, "url": None, "line": line, "basis": "inferred"})
    for hit in scan.phrases:
        if hit.text.lower().startswith("intermediate checkpoint") and not _checkpoint_negated(hit.context):
            _add(found, "model-parameters-intermediate", {"url": None, "key": None, "line": hit.line,
                                                          "basis": "inferred"})
    return found


@short_cache
def _checkpoint_negated(context: str) -> bool:
    """Whether a line negates what it says before its first "intermediate" (checkpoints)."""
    return _negated(context[:context.lower().find("intermediate")])


@short_cache
def _says(text: str, word: str) -> bool:
    """Whether ``text`` holds ``word`` (in lower case), in any case."""
    return word in text.lower()


def _derived(base_model: Any, names: frozenset[str]) -> bool:
    """The card names a base model of another producer: a base model whose organisation is not
    this card's (Qwen/Qwen2.5-7B-Instruct on Qwen/Qwen2.5-7B shares its base's technical report
    and repository; a fine-tune of meta-llama/Llama-2-70b-hf does not)."""
    bases = [base_model] if isinstance(base_model, str) else base_model if isinstance(base_model, list) else []
    ids = [b for b in bases if isinstance(b, str) and b.strip()]
    if not ids:
        return bool(base_model)
    return any("/" not in b or b.split("/", 1)[0].lower().replace("-", "").replace("_", "") not in names
               for b in ids)


_NO_WEIGHTS = re.compile(r"\bweights?\b|\bcheckpoints?\b|\bmodel files?\b", re.IGNORECASE)
_names_weights = matcher(_NO_WEIGHTS)


def _no_weights(meta: dict[str, Any], scan: Scan) -> bool:
    """The card says its weights are not (yet) here, or it is an empty placeholder."""
    if not meta and scan.blank:
        return True
    for hit in scan.phrases:
        lowered = hit.text.lower()
        if (lowered == "coming soon" or lowered.startswith(("not ", "does not", "do not"))) and \
                _names_weights(hit.context):
            return True
    return False


WORTH_A_LOOK = re.compile(r"https?://(?:www\.)?(?:arxiv\.org/|aclanthology\.org/|openreview\.net/|github\.com/"
                          r"|gitlab\.com/|codeberg\.org/|huggingface\.co/(?:spaces/|[\w.-]+/[\w.-]+/tree/))|.*\.pdf$",
                          re.IGNORECASE)
"""The hosts of papers, code and checkpoints: every other link is passed over at once."""
EVIDENCE_URLS = (
    ("http", re.compile(
        r"https?://(?:(?:www\.)?(?:arxiv\.org/|aclanthology\.org/|openreview\.net/|github\.com/|gitlab\.com/"
        r"|codeberg\.org/|huggingface\.co/(?:spaces/|[\w.-]+/[\w.-]+/tree/))(?:[^\s<>()\[\]\"'`|*]++|\([^\s()<>]*\))*"
        r"|[^\s<>()\[\]\"'`|*]+\.pdf(?![\w/]))")),
    ("](arxiv.org/", re.compile(r"\]\(arxiv\.org/(?:abs|pdf)/[\w.]+")),
)
"""The URLs of ``card_scan._URL`` that ``WORTH_A_LOOK`` keeps, found directly in the body, and
arXiv links written without their scheme as a Markdown link's target (``[paper](arxiv.org/abs/...)``,
as Meta's Llama 2 cards write them: that match keeps its ``](``, which ``card_scan.scan`` drops).
Each pattern is searched only in a body holding its literal, and each starts with that literal,
so the search skips between candidates instead of trying the pattern at every offset; runs of
URL characters are matched in one step (``++``). No match of one can overlap a match of the
other (a URL run stops at ``]`` and ``(``)."""


def _link(found: Found, hit: Hit, has_base: bool, names: frozenset[str]) -> None:
    url, context, section = hit.text, hit.context, hit.section
    url = url.rstrip("}")  # a BibTeX url={...} field
    if url.startswith("arxiv.org/"):
        url = "https://" + url
    kind = _url_kind(url)
    if kind is None:
        return
    checkpoint, paper, code = kind
    if hit.in_code:
        code = None
    if not (checkpoint or paper or code):
        return
    if path_mentions(_not_own_section, section):  # about other work: related work, the base model
        return
    if _not_own_line(context) and not (paper and _paper_of_this_model(context, names)):
        return
    if checkpoint:
        _add(found, "model-parameters-intermediate", _url(url, hit.line))
        return
    if paper:
        own = ((not has_base or _says(context, "our")) and _presents_own_paper(context)) or \
            (not has_base and path_mentions(_citation, section)) or \
            (not has_base and _paper_of_this_model(context, names))
        if own:
            report = _says(context, "report") or any(_says(title, "report") for title in section)
            _add(found, "technical-report" if report else "research-paper", _url(url, hit.line), location=url)
        return
    assert code is not None
    org, repo = code
    producer = org.replace("-", "").replace("_", "") in names  # lm-sys/FastChat on lmsys/vicuna
    if (org in _TOOL_ORGS and not producer) or _credits_tool(context):
        return
    ours = producer or _says_ours(context) or bool(_repository_tokens(org, repo) & names)
    if not ours or not (_presents_code(context) or any(map(_presents_code, section))):
        return
    kind = _code_kind(context) or _code_kind_joined(*section, context) or "inference-code"
    _add(found, kind, _url(url, hit.line), location=url)


@lru_cache(maxsize=8192)
def _url_kind(url: str) -> tuple[bool, bool, tuple[str, str] | None] | None:
    """(an intermediate checkpoint, a paper, (organisation in lower case, repository) of a code
    repository) of a URL worth a look; None for any other URL. Cards link the same repositories
    and papers again and again, so each URL is judged once."""
    if WORTH_A_LOOK.match(url) is None:
        return None
    checkpoint = _CHECKPOINT_URL.search(url) is not None
    paper = not checkpoint and _PAPER.match(url) is not None
    host = None if checkpoint or paper or _NOT_CODE.search(url) else _CODE_HOST.match(url)
    if host is None:
        return checkpoint, paper, None
    return checkpoint, paper, ((host.group(1) or host.group(3) or "").lower(), host.group(2) or host.group(4) or "")


@short_cache
def _paper_of_this_model(context: str, names: frozenset[str]) -> bool:
    """The line presents the paper as the one of a model it names, and that model is this one:
    "This is the RAG-Token Model of the paper [...]" on facebook/rag-token-nq; not "fine-tuned
    from the model of the paper"."""
    of_model = _paper_of_model(context)
    return of_model is not None and _DERIVED_LINE.search(context) is None and \
        bool(name_tokens(context[:of_model.start()]) & names)


_CLAIM_OF = {"open source": "open_source", "open-source": "open_source", "opensource": "open_source",
             "open sourced": "open_source", "open-sourced": "open_source", "fully open": "open_source",
             "open weights": "open_weights", "open-weights": "open_weights", "open weight": "open_weights",
             "open-weight": "open_weights", "free for commercial use": "commercial_use",
             "commercial use is permitted": "commercial_use"}


MOST_JUDGED = 200
"""Lines holding a claim phrase that are judged at most (each costs a few clause searches): a
card that repeats the phrases past this is judged on its first ones, so the work stays bounded
on any input. Real cards hold at most 20 such lines (the corpus's most)."""


def claims(meta: dict[str, Any], scan: Scan, key_line: dict[str, int | None],
           names: frozenset[str] = frozenset(), own: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """``{claim: {"value", "line", "text"}}`` for what the card claims about this model.
    ``names``: ``name_tokens`` of the model's names; ``own``: those names as written (title,
    file or repository name)."""
    out: dict[str, dict[str, Any]] = {}
    verdicts: dict[tuple[str, str], bool | None] = {}
    for hit in scan.phrases:
        phrase = hit.text.lower()
        name = _CLAIM_OF.get(phrase) or ("open_source" if phrase.startswith("fully") else None)
        if name is None or name in out:
            continue
        if path_mentions(_not_own_section, hit.section):
            continue
        key = (hit.context, phrase)
        if key not in verdicts:  # the hits of one line share its verdict
            if len(verdicts) >= MOST_JUDGED:
                break
            verdicts[key] = _about_this_model(hit, names, own)
        value = verdicts[key]
        if value is not None:
            out[name] = {"value": value, "line": hit.line, "text": hit.context[:200]}
    tags = meta.get("tags")
    if "open_source" not in out and isinstance(tags, list) and any(
            isinstance(t, str) and t.lower() == "open-source" for t in tags):
        out["open_source"] = {"value": True, "line": key_line.get("tags"), "text": "tags: open-source"}
    return out


_COPULA = re.compile(r"\b(?:is|are|remains?|be|been|being|was|were)\s+(?:not\s+|n't\s+)?"
                     r"(?:(?:an?|the|fully|truly|completely|entirely|100%|also|now|still)\s+)*$", re.IGNORECASE)
_NEGATED_COPULA = re.compile(r"(?:\bnot|n't)\s+(?:(?:an?|the|fully|truly|completely|entirely|yet)\s+)*$",
                             re.IGNORECASE)
_OWN_SUBJECT = re.compile(r"\b(?:this|our|the) (?:model|release|checkpoint|llm|version)s?\b|^\W*(?:it|this|we|they)\b"
                          r"|\b(?:it|we)\b", re.IGNORECASE)
_NOT_MODEL_SUBJECT = re.compile(r"\b(?:tools?|librar\w*|code|codebase|datasets?|data|framework|toolkit|scripts?"
                                r"|community|platform|app)\b", re.IGNORECASE)
_OUR_NOUN = re.compile(r"\b(?:this|our)\s+(?:(?:fully|first|new)\s+)?$", re.IGNORECASE)
_MODEL_NOUN = re.compile(r"^\s*(?:(?:large\s+)?language\s+)?(?:model|llm|release|checkpoint|weights?)\b", re.IGNORECASE)
_WE_OPEN = re.compile(r"\b(?:we|team)\s+(?:(?:have|are|will|hereby|fully|officially|publicly|proudly|now"
                      r"|recently|today)\s+)*$", re.IGNORECASE)
"""The makers as the subject of "open-source" used as a verb: "we open-source", "we have fully
open-sourced", "the Fengshenbang team officially open-sourced"."""
_NAMED_MODEL = re.compile(r"(?=[\w./-]*\d)(?=[\w./-]*-)[A-Za-z][\w./-]*")
"""A model named in the text: one token with a letter first, a digit and a hyphen
(``Ziya-Coding-15B-v1``, ``Llama-2-7b``)."""


_SEPARATORS = re.compile(r"[\s_]+")


def _spelt(name: str) -> str:
    """A model's name as names are compared: lower case, ``_`` and spaces as ``-``, no trailing
    punctuation."""
    return _SEPARATORS.sub("-", name.lower()).strip(".,;:!?)(-")


def _names_other_model(rest: str, own: tuple[str, ...]) -> bool:
    """Whether the text after a phrase names models and none of them is this one: for each, neither
    its name nor one of the model's own names (title, file or repository name) holds the other.
    "we open-sourced the code model Ziya-Coding-15B-v1" on IDEA-CCNL/Ziya-Coding-34B-v1.0 is about
    the earlier model; "we open-source our Aquila2 series, ... AquilaChat2-34B" names this one."""
    spelt_own = [spelt for spelt in map(_spelt, own) if spelt]
    named = [_spelt(match.group()) for match in _NAMED_MODEL.finditer(rest)]
    return bool(named and spelt_own) and not any(
        mentioned in spelt or spelt in mentioned for mentioned in named for spelt in spelt_own)


def _about_this_model(hit: Hit, names: frozenset[str], own: tuple[str, ...] = ()) -> bool | None:
    """True / False (negated) when the phrase is said of this model; None when it is not: the
    subject of its clause must be the model ("<name> is an open-source model", "this model is
    free for commercial use", "our open-weight model", "we open-source"), and what the phrase
    qualifies must not be something else ("open-source library", "other open-source models").
    When the makers say they open-source models, at least one model they name, if they name any,
    must be this one (``_names_other_model``; ``own``: the model's names as written)."""
    context, phrase = hit.context, hit.text.lower()
    at = context.lower().find(phrase)
    if at < 0:
        return None
    before, after = context[:at], context[at + len(phrase):]
    ends = list(_SENTENCE_END.finditer(before))
    clause = before[ends[-1].end():] if ends else before
    end = _SENTENCE_END.search(after)
    rest = after[:end.start()] if end else after
    if _OTHER_THING.match(rest) or _COMPARISON.search(clause) or _COMPARISON.search(rest[:40]):
        return None
    if phrase == "commercial use is permitted":
        return not _negated(clause)
    copula = _COPULA.search(clause)
    if copula is not None:
        subject = clause[:copula.start()]
        if _NOT_MODEL_SUBJECT.search(subject):
            return None
        if _OWN_SUBJECT.search(subject) or name_tokens(subject) & names:
            return not _NEGATED_COPULA.search(clause)
        return None
    if _OUR_NOUN.search(clause) and _MODEL_NOUN.match(rest):
        return True
    if phrase.startswith("open") and _WE_OPEN.search(clause):
        return None if _names_other_model(rest, own) else True
    return None
