"""Text in, facts out: the ``chidao.facts/1`` object for one text.

``Pipeline`` composes the components; each is a plain callable and can be swapped::

    Pipeline(indicators=my_indicator_recognizer).extract(text)

The module is pure Python: importing it loads no Django module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import (
    classify,
    dates,
    directions,
    docrefs,
    documents_issued,
    indicators,
    normalize,
    organizations,
    people,
    recommendations,
    task_counts,
)
from .doc import Doc

SCHEMA = "chidao.facts/1"
GENRE_OTHER = "other"

Recognizer = Callable[..., Any]


@dataclass
class Pipeline:
    """The extraction components, in the order they run."""

    make_doc: Callable[[str, date | None], Doc] = normalize.make_doc
    classify: Recognizer = classify.recognize
    event_date: Callable[[Doc], str | None] = dates.event_date
    people: Recognizer = people.recognize
    organizations: Recognizer = organizations.recognize
    document_refs: Recognizer = docrefs.recognize
    documents_issued: Recognizer = documents_issued.recognize
    indicators: Recognizer = indicators.recognize
    task_counts: Recognizer = task_counts.recognize
    recommendations: Recognizer = recommendations.recognize
    directions: Recognizer = directions.recognize

    def extract(
        self,
        text: str,
        *,
        publication_date: date | None = None,
        path: str | None = None,
        sha256: str | None = None,
    ) -> dict[str, Any]:
        if sha256 is None:
            sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        doc = self.make_doc(text, publication_date)
        head = self.classify(doc) or {}
        genre = head.get("genre") or "party_gov_meeting"
        facts: dict[str, Any] = {
            "schema": SCHEMA,
            "source": {"path": path, "sha256": sha256, "chars": len(text)},
            "title": head.get("title"),
            "genre": genre,
            "event_date": None,
            "event_kind": head.get("event_kind"),
            "people": [],
            "authors": [],
            "organizations": [],
            "document_refs": [],
            "documents_issued": [],
            "indicators": [],
            "task_counts": None,
            "recommendations": [],
            "directions": [],
        }
        if genre == GENRE_OTHER:
            # Not the genre this extractor knows: no facts are invented.
            facts["event_kind"] = None
            return facts
        people, authors = self.people(doc)
        facts["authors"] = list(authors)
        facts["event_date"] = self.event_date(doc)
        facts["people"] = people
        facts["organizations"] = self.organizations(doc)
        facts["document_refs"] = self.document_refs(doc)
        facts["documents_issued"] = self.documents_issued(doc)
        facts["indicators"] = self.indicators(doc)
        facts["task_counts"] = self.task_counts(doc)
        facts["recommendations"] = self.recommendations(doc)
        facts["directions"] = self.directions(doc, people)
        return facts


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(
    text: str,
    *,
    publication_date: date | None = None,
    path: str | None = None,
    sha256: str | None = None,
) -> dict[str, Any]:
    """The ``chidao.facts/1`` object for ``text`` (see ``shared/contract/facts.md``)."""
    return default_pipeline().extract(
        text, publication_date=publication_date, path=path, sha256=sha256
    )
