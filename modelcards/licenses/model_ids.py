"""Whether a base model's id is a Hub repository id, and the model name inside one that is not.

A Hub model id is ``organisation/name`` (https://huggingface.co/docs/hub/models-uploading: a
model lives in a repository under a user or organisation), or one of the Hub's legacy ids
without an organisation (``gpt2``, ``bert-base-uncased``) that the sourced table of
``known-models.yaml`` knows. Cards often give something else: a local path from the training
machine (``/public/Mistral-7B-Instruct-v0.2``), a URL, or a bare name (``EXAONE-3.5-2.4B-Instruct``).
None of these can be looked up, so a rule says so; the model name inside is still matched
against the table where exactly one entry fits (``obligations.known_model_by_name``).
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from modelcards.licenses.obligations import KnownEntry, known_model, known_model_by_name

Problem = Literal["local path", "URL", "no organisation", "malformed"]

_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")
_HUB_URL = re.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([\w.-]+/[\w.-]+)", re.IGNORECASE)
_WINDOWS = re.compile(r"[A-Za-z]:[\\/]")


class IdProblem(NamedTuple):
    problem: Problem
    name: str
    """The model name inside (a path's last component, a URL's repository id), for matching."""

    def describe(self, model_id: str) -> str:
        """What is wrong with ``model_id``, for a finding."""
        if self.problem == "local path":
            return f"base model {model_id!r} is a local path, not a Hub repo id (organisation/name)"
        if self.problem == "URL":
            hint = f"; write {self.name!r}" if _HUB_ID.fullmatch(self.name) else ""
            return f"base model {model_id!r} is a URL, not a Hub repo id (organisation/name){hint}"
        if self.problem == "no organisation":
            return f"base model {model_id!r} has no organisation: not a Hub repo id (organisation/name)"
        return f"base model {model_id!r} is not a Hub repo id (organisation/name)"


def id_problem(model_id: str) -> IdProblem | None:
    """Why ``model_id`` is not a Hub model id, or None when it is one."""
    text = model_id.strip()
    url = _HUB_URL.match(text)
    if url:
        return IdProblem("URL", url.group(1))
    if re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        return IdProblem("URL", _last(text))
    if text.startswith(("/", "./", "../", "~")) or "\\" in text or _WINDOWS.match(text) or text.count("/") > 1:
        return IdProblem("local path", _last(text))
    if "/" not in text:
        if re.fullmatch(r"[\w.-]+", text) and known_model(text) is not None:
            return None  # a legacy id the table knows
        return IdProblem("no organisation" if re.fullmatch(r"[\w.-]+", text) else "malformed", text)
    if not _HUB_ID.fullmatch(text):
        return IdProblem("malformed", _last(text))
    return None


def _last(text: str) -> str:
    return re.split(r"[\\/]", text.rstrip("/\\"))[-1]


def known_base(model_id: str) -> KnownEntry | None:
    """The table's entry for a base model id: the id itself, else for an id that is not a Hub id
    the repository id of a Hub URL or the unambiguous model name inside."""
    known = known_model(model_id)
    if known is not None:
        return known
    problem = id_problem(model_id)
    if problem is None:
        return None
    if problem.problem == "URL" and _HUB_ID.fullmatch(problem.name):
        return known_model(problem.name)
    found = known_model_by_name(problem.name) if problem.name else None
    return KnownEntry(model_id, found.license, found.source, found.base) if found else None
