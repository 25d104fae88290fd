"""Full-text search that ignores diacritics: "cao loc" finds "Cao Lộc", "chi thi 10" finds
"Chỉ thị số 10-CT/TW".

Each indexed record has one ``SearchEntry`` (kind, id, title, and its text folded without
diacritics or case). The database's own full-text engine does the matching: SQLite FTS5
(a virtual table kept in step by triggers, see migration ``core.0002_search``) or
PostgreSQL ``to_tsvector('simple', unaccent(...))`` with a GIN index. The query is folded
the same way, and every word must match (as a prefix: "chi th" finds "chỉ thị").

Entries are kept up to date by ``post_save``/``post_delete`` signals connected in
``CoreConfig.ready`` for the models of ``INDEXED``; ``index_record(instance)`` may also be
called directly, and ``rebuild_index()`` indexes everything again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db import connection
from django.db.models import Model

from chidao.core.models import SearchEntry


def fold(text: str) -> str:
    """Lower case, without diacritics ("Đ" → "d"), single spaces."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


_WORD = re.compile(r"[0-9a-z]+")


def words(query: str) -> list[str]:
    """The folded words of a query ("Chỉ thị 10-CT/TW" → chi, thi, 10, ct, tw)."""
    return _WORD.findall(fold(query))[:12]


def _join(*parts) -> str:
    return " ".join(str(p) for p in parts if p)


def _document(d) -> tuple[str, str]:
    title = str(d)
    return title, _join(
        title, d.number_display, d.symbol, d.excerpt, d.issuer, d.signer_title, d.year
    )


def _meeting(m) -> tuple[str, str]:
    return m.title, _join(m.title, m.place, m.host, m.period_label, m.get_kind_display())


def _task(t) -> tuple[str, str]:
    return t.title, _join(t.title, t.description, t.lead_unit)


def _recommendation(r) -> tuple[str, str]:
    return r.text[:500], _join(r.text, r.raised_by, r.addressed_to)


def _indicator(i) -> tuple[str, str]:
    return i.name, _join(i.name, i.code.replace("_", " "), i.unit)


def _organization(o) -> tuple[str, str]:
    return o.name, _join(o.name, o.short_name, o.symbol)


def _person(p) -> tuple[str, str]:
    return p.full_name, _join(p.full_name, p.note)


# kind -> ("app_label.Model", function giving (title, text))
INDEXED: dict[str, tuple[str, Callable[[Model], tuple[str, str]]]] = {
    "document": ("documents.Document", _document),
    "meeting": ("meetings.Meeting", _meeting),
    "task": ("tasks.Task", _task),
    "recommendation": ("recommendations.Recommendation", _recommendation),
    "indicator": ("indicators.Indicator", _indicator),
    "organization": ("orgs.Organization", _organization),
    "person": ("orgs.Person", _person),
}

KIND_LABELS = {
    "document": "Văn bản",
    "meeting": "Hội nghị, buổi làm việc",
    "task": "Nhiệm vụ",
    "recommendation": "Kiến nghị",
    "indicator": "Chỉ tiêu",
    "organization": "Cơ quan, tổ chức",
    "person": "Cán bộ",
}


def kind_of(model: type[Model]) -> str | None:
    label = f"{model._meta.app_label}.{model._meta.object_name}"
    for kind, (name, _) in INDEXED.items():
        if name == label:
            return kind
    return None


def index_record(instance: Model) -> None:
    """Create or refresh the search entry of one record."""
    kind = kind_of(type(instance))
    if kind is None or instance.pk is None:
        return
    title, text = INDEXED[kind][1](instance)
    SearchEntry.objects.update_or_create(
        kind=kind,
        object_id=instance.pk,
        defaults={"title": title[:500], "text": fold(text)},
    )


def unindex_record(instance: Model) -> None:
    kind = kind_of(type(instance))
    if kind is not None and instance.pk is not None:
        SearchEntry.objects.filter(kind=kind, object_id=instance.pk).delete()


def rebuild_index() -> int:
    """Index every record of every indexed model again. Returns how many."""
    count = 0
    for _kind, (label, _) in INDEXED.items():
        for instance in apps.get_model(label)._default_manager.all().iterator():
            index_record(instance)
            count += 1
    return count


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index_record(instance)


def _on_delete(sender, instance, **kwargs):
    unindex_record(instance)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save

    for _kind, (label, _) in INDEXED.items():
        model = apps.get_model(label)
        post_save.connect(_on_save, sender=model, dispatch_uid=f"chidao-search-save-{label}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"chidao-search-del-{label}")


def _fts_sqlite(
    tokens: list[str], kinds: Iterable[str] | None, limit: int
) -> list[tuple[str, int]]:
    match = " ".join(f'"{t}"*' for t in tokens)
    sql = (
        "SELECT e.kind, e.object_id FROM core_search_fts f "
        "JOIN core_searchentry e ON e.id = f.rowid WHERE core_search_fts MATCH %s"
    )
    params: list = [match]
    if kinds:
        kinds = list(kinds)
        sql += f" AND e.kind IN ({', '.join(['%s'] * len(kinds))})"
        params += kinds
    sql += " ORDER BY bm25(core_search_fts) LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(k, int(i)) for k, i in cursor.fetchall()]


def _fts_postgres(tokens: list[str], kinds, limit: int) -> list[tuple[str, int]]:
    query = " & ".join(f"{t}:*" for t in tokens)
    sql = (
        "SELECT kind, object_id FROM core_searchentry "
        "WHERE to_tsvector('simple', chidao_unaccent(text)) @@ to_tsquery('simple', %s)"
    )
    params: list = [query]
    if kinds:
        kinds = list(kinds)
        sql += " AND kind = ANY(%s)"
        params.append(kinds)
    sql += (
        " ORDER BY ts_rank(to_tsvector('simple', chidao_unaccent(text)), "
        "to_tsquery('simple', %s)) DESC LIMIT %s"
    )
    params += [query, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(k, int(i)) for k, i in cursor.fetchall()]


def _fallback(tokens: list[str], kinds, limit: int) -> list[tuple[str, int]]:
    qs = SearchEntry.objects.all()
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    for token in tokens:
        qs = qs.filter(text__contains=token)
    return [(k, int(i)) for k, i in qs.values_list("kind", "object_id")[:limit]]


def search(
    query: str, kinds: Iterable[str] | None = None, limit: int = 500
) -> list[tuple[str, int]]:
    """(kind, id) of the records matching every word of ``query``, best first."""
    tokens = words(query)
    if not tokens:
        return []
    vendor = connection.vendor
    if vendor == "sqlite":
        return _fts_sqlite(tokens, kinds, limit)
    if vendor == "postgresql":
        return _fts_postgres(tokens, kinds, limit)
    return _fallback(tokens, kinds, limit)


def matching_ids(query: str, kind: str, limit: int = 2000) -> list[int]:
    """Ids of the records of one kind matching ``query``, best first."""
    return [pk for _, pk in search(query, [kind], limit)]
