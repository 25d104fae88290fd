"""``chidao loadrefdata``: document types and the reference bodies (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from chidao.core.actors import system_actor


class Command(BaseCommand):
    help = "Load document types and the Lạng Sơn reference bodies (safe to run again)."

    def handle(self, *args, **options):
        from chidao.orgs.refload import load_reference_data

        actor = system_actor()
        try:
            from chidao.documents.services import load_document_types

            types = load_document_types(actor)
        except ImportError as error:  # the documents app is older than this command
            raise CommandError(f"cannot load document types: {error}") from error
        created = load_reference_data(actor)
        self.stdout.write(
            f"document types: {types['created']} new; organizations: {created['organizations']} new; "
            f"administrative units: {created['admin_units']} new; terms: {created['terms']} new"
        )
