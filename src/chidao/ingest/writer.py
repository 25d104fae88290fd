"""The database writer of ``chidao ingest`` (``command.database_writer()``).

A ``command.BulkLoader`` around ``services.load_results`` acting as the system actor: texts
already registered (Sources, by content hash) are skipped by the batch run; each commit
loads the buffered results in one transaction. ``CHIDAO_INGEST_WRITE_BATCH`` (default 200)
also loads the buffer whenever it holds that many results, bounding the writer's memory
(the buffered results carry their texts).
"""

from __future__ import annotations

import os

from chidao.ingest.command import BulkLoader


class DatabaseWriter(BulkLoader):
    def __init__(self, load_results, existing_hashes=(), batch_size: int = 200) -> None:
        super().__init__(load_results, existing_hashes)
        self.batch_size = max(1, batch_size)
        self.counts: dict[str, int] = {}

    def write(self, result) -> None:
        super().write(result)
        if len(self._buffer) >= self.batch_size:
            self.commit()


def _setup_django() -> None:
    from django.apps import apps

    if not apps.ready:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
        django.setup()


def database_sink() -> DatabaseWriter:
    _setup_django()
    from chidao.core.actors import system_actor
    from chidao.ingest.services import load_results, source_hashes

    actor = system_actor()
    try:
        batch_size = int(os.environ.get("CHIDAO_INGEST_WRITE_BATCH") or 200)
    except ValueError:
        batch_size = 200
    writer: DatabaseWriter

    def load(results):
        counts = load_results(results, actor)
        for key, value in counts.items():
            writer.counts[key] = writer.counts.get(key, 0) + value
        return counts

    writer = DatabaseWriter(load, source_hashes(), batch_size=batch_size)
    return writer
