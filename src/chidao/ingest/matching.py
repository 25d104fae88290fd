"""Resolve a fact to the records already in the registry, so they are linked, not duplicated.

- **Bodies** by folded name (``orgs.models.fold_name``), their short names, and the usual
  variants of a name ("Huyện ủy Cao Lộc" = "Huyện ủy huyện Cao Lộc", "UBND tỉnh Lạng Sơn" =
  "Ủy ban nhân dân tỉnh Lạng Sơn"); when several bodies share a name (a district abolished
  in 2025 and its successor), the one active on the event date wins.
- **People** by folded name; when two people share a name, the one holding a matching
  position on the event date (else any matching position; else the match is ambiguous).
- **Documents** by parsed number, symbol and issuer (``find_document_by_number``).

Every function returns a ``Match``: the record or None and a reason in Vietnamese, shown on
the proposal ("sẽ liên kết với: Huyện ủy Cao Lộc (#12)"). ``Matcher`` caches the bodies for
a bulk load.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from chidao.orgs.models import Organization, Person, fold_name

# Body names: the prefixes written before the unit's name, and the unit words a text may
# repeat after them ("Huyện ủy huyện Cao Lộc", "Đảng ủy xã Tân Liên").
_ABBREVIATIONS = (
    (re.compile(r"^ubnd\b"), "uy ban nhan dan"),
    (re.compile(r"^hdnd\b"), "hoi dong nhan dan"),
    (re.compile(r"^mttq\b"), "mat tran to quoc"),
    (re.compile(r"^btv\b"), "ban thuong vu"),
    (re.compile(r"\btp\.?\s"), "thanh pho "),
)
_BODY_PREFIXES = ("tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy")
_UNIT_WORDS = ("thanh pho", "thi xa", "thi tran", "tinh", "huyen", "quan", "xa", "phuong")


def org_key(name: str) -> str:
    """The comparable form of a body's name: folded, abbreviations expanded, and the unit
    word after a committee prefix dropped ("Huyện ủy huyện Cao Lộc" → "huyen uy cao loc")."""
    key = fold_name(name or "").replace("-", " ")
    key = " ".join(key.split())
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    for prefix in _BODY_PREFIXES:
        if key.startswith(prefix + " "):
            rest = key[len(prefix) + 1 :]
            for unit in _UNIT_WORDS:
                if rest.startswith(unit + " "):
                    rest = rest[len(unit) + 1 :]
                    break
            key = f"{prefix} {rest}"
            break
    return key.strip()


@dataclass
class Match:
    record: Any = None
    reason: str = ""
    ambiguous: bool = False  # several records fit: the reviewer must choose

    @property
    def found(self) -> bool:
        return self.record is not None

    def annotation(self) -> dict[str, Any]:
        """What is stored in ``Fact.data["match"]``."""
        if self.record is None:
            annotation = {"id": None, "model": None, "label": "", "reason": self.reason}
            if self.ambiguous:
                annotation["ambiguous"] = True
            return annotation
        return {
            "id": self.record.pk,
            "model": self.record._meta.model_name,
            "label": str(self.record),
            "reason": self.reason,
        }


def describe(annotation: dict[str, Any] | None) -> str:
    """One line for a proposal: "sẽ liên kết với: Huyện ủy Cao Lộc (#12)" or the reason."""
    if not annotation:
        return ""
    if annotation.get("id"):
        return f"sẽ liên kết với: {annotation.get('label')} (#{annotation['id']})"
    return annotation.get("reason") or ""


def _active_first(candidates: list, on: dt.date | None) -> list:
    def rank(org) -> tuple:
        active = (
            on is not None
            and (org.valid_from is None or org.valid_from <= on)
            and (org.valid_to is None or on <= org.valid_to)
        )
        return (0 if active else 1, 0 if org.valid_to is None else 1, org.pk)

    return sorted(candidates, key=rank)


class Matcher:
    """Matches against the registry; bodies are read once (one query per bulk load)."""

    def __init__(self) -> None:
        self._orgs: dict[str, list[Organization]] | None = None
        self._people: dict[str, list[Person]] = {}

    def prime_people(self, names) -> None:
        """Read the people of these names (and their positions) in one query."""
        wanted = {fold_name(n) for n in names if isinstance(n, str)} - set(self._people)
        wanted.discard("")
        if not wanted:
            return
        for folded in wanted:
            self._people[folded] = []
        found = Person.objects.filter(name_folded__in=wanted).prefetch_related("positions")
        for person in found.order_by("pk"):
            self._people[person.name_folded].append(person)

    def _namesakes(self, folded: str) -> list[Person]:
        if folded not in self._people:
            self._people[folded] = list(
                Person.objects.filter(name_folded=folded).prefetch_related("positions")
            )
        return self._people[folded]

    def _org_index(self) -> dict[str, list[Organization]]:
        if self._orgs is None:
            index: dict[str, list[Organization]] = {}
            for org in Organization.objects.only(
                "pk", "name", "short_name", "valid_from", "valid_to", "symbol", "parent_id"
            ):
                keys = {org_key(org.name)}
                if org.short_name:
                    keys.add(org_key(org.short_name))
                for key in keys:
                    if key:
                        index.setdefault(key, []).append(org)
            self._orgs = index
        return self._orgs

    # ------------------------------------------------------------------ bodies

    def organization(self, name: str, on: dt.date | None = None) -> Match:
        key = org_key(name)
        if not key:
            return Match(None, "không có tên cơ quan")
        candidates = self._org_index().get(key, [])
        if not candidates:
            return Match(None, "chưa có trong danh mục cơ quan")
        best = _active_first(candidates, on)[0]
        if len(candidates) == 1:
            return Match(best, "trùng tên cơ quan")
        when = f" ngày {on:%d/%m/%Y}" if on else ""
        return Match(best, f"{len(candidates)} cơ quan cùng tên; chọn cơ quan hoạt động{when}")

    # ------------------------------------------------------------------ people

    def person(self, name: str, positions: list[str] | None = None, on: dt.date | None = None):
        folded = fold_name(name or "")
        if not folded:
            return Match(None, "không có họ tên")
        people = self._namesakes(folded)
        if not people:
            return Match(None, "chưa có trong danh sách cán bộ: sẽ tạo mới")
        if len(people) == 1:
            return Match(people[0], "trùng họ tên")
        titles = {fold_name(t) for t in positions or [] if t}

        def holds(person, on_date: dt.date | None) -> bool:
            return any(
                fold_name(p.title) in titles and (on_date is None or p.held_on(on_date))
                for p in person.positions.all()
            )

        if titles and on is not None:
            dated = [p for p in people if holds(p, on)]
            if len(dated) == 1:
                return Match(dated[0], f"trùng họ tên và chức vụ ngày {on:%d/%m/%Y}")
        if titles:
            any_date = [p for p in people if holds(p, None)]
            if len(any_date) == 1:
                return Match(any_date[0], "trùng họ tên và chức vụ")
        return Match(None, f"{len(people)} người trùng họ tên, chưa phân biệt được: cần chọn", True)

    # ------------------------------------------------------------------ documents

    def document(self, data: dict[str, Any], on: dt.date | None = None) -> Match:
        from chidao.core.errors import ServiceError
        from chidao.documents.services import find_document_by_number

        number, symbol, raw = data.get("number"), data.get("symbol"), data.get("raw") or ""
        if not number or not symbol:
            return Match(None, "văn bản không có số, ký hiệu")
        tries = [f"{number}-{symbol}" if "-" not in symbol and "/" in symbol else "", raw]
        tries.append(f"{number}/{symbol}")
        for written in tries:
            if not written:
                continue
            try:
                document = find_document_by_number(written, on=on)
            except ServiceError:
                continue
            if document is not None:
                return Match(document, "trùng số, ký hiệu và cơ quan ban hành")
        return Match(None, "chưa có văn bản số này: sẽ đề xuất tạo mới")


def event_date(value: Any) -> dt.date | None:
    """``"2021-08-19"`` → a date; ``"2021-08"`` → the first of the month; else None."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if len(value) == 7:
            return dt.date.fromisoformat(value + "-01")
    except ValueError:
        return None
    return None


def annotate_facts(facts: list, matcher: Matcher | None = None) -> None:
    """Add ``data["match"]`` to the (unsaved) facts of one source, and to its event fact
    (the meeting proposal) the bodies and people named and the body it is about."""
    from chidao.ingest.models import FactKind

    matcher = matcher or Matcher()
    event = next((f for f in facts if f.kind == FactKind.EVENT), None)
    on = event_date(event.data.get("event_date")) if event is not None else None
    bodies: list[tuple[tuple, Match]] = []
    for index, fact in enumerate(facts):
        data = fact.data if isinstance(fact.data, dict) else {}
        if fact.kind == FactKind.ORGANIZATION:
            match = matcher.organization(data.get("name") or "", on)
            if match.found:
                # The body the text is about: the most mentioned, then a lower-level one
                # (a delegation from the province visits the district), then the first.
                mentions = len(data.get("spans") or []) or 1
                lower = match.record.parent_id is not None
                bodies.append(((-mentions, not lower, index), match))
        elif fact.kind == FactKind.PEOPLE:
            match = matcher.person(data.get("name") or "", data.get("positions") or [], on)
        elif fact.kind == FactKind.DOCUMENT_REF:
            match = matcher.document(data, on)
        else:
            continue
        fact.data = {**data, "match": match.annotation()}
    body = min(bodies, key=lambda item: item[0])[1] if bodies else None
    if event is not None:
        event.data = {
            **event.data,
            "organizations": [f.data.get("name") for f in facts if f.kind == FactKind.ORGANIZATION],
            "people": [f.data.get("name") for f in facts if f.kind == FactKind.PEOPLE],
            "match": (body or Match(None, "chưa xác định được cơ quan chủ trì")).annotation(),
        }
