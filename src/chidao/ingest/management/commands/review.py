"""``chidao review``: the review queue from the command line (for scripts).

    chidao review list [--status proposed|accepted|edited|rejected|all] [--source ID]
    chidao review show FACT_ID
    chidao review accept FACT_ID... [--set FIELD=VALUE ...] [--body ORG_ID]
    chidao review accept-source SOURCE_ID [--body ORG_ID]
    chidao review reject FACT_ID... [--reason TEXT]
    (every sub-command) [--as USERNAME]   # default: the system actor

Exit status: 0 done, 1 when any fact was refused or not found (one line each on stderr),
2 for bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from chidao.core.errors import ServiceError


def _one_line(text: str, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(fact) -> str:
    data = fact.data or {}
    kind = fact.kind
    if kind == "indicator":
        parts = [
            data.get("name") or "",
            str(data.get("value") if data.get("value") is not None else ""),
        ]
        parts.append(data.get("unit") or "")
        if data.get("pct_of_plan") is not None:
            parts.append(f"{data['pct_of_plan']}% kế hoạch")
        if data.get("period"):
            parts.append(f"({data['period']})")
        return " ".join(p for p in parts if p)
    if kind == "people":
        return ", ".join([data.get("name") or "", *(data.get("positions") or [])])
    if kind == "organization":
        return data.get("name") or ""
    if kind == "document_ref":
        return data.get("raw") or ""
    if kind == "documents_issued":
        return f"{data.get('count')} {data.get('type')}"
    if kind == "task_counts":
        return ", ".join(
            f"{k} {data[k]}"
            for k in ("total", "groups", "completed", "on_track", "behind")
            if data.get(k) is not None
        )
    if kind == "event":
        return f"{data.get('event_kind') or '?'} {data.get('event_date') or '?'}"
    return data.get("text") or ""


class Command(BaseCommand):
    help = "Duyệt dữ liệu trích xuất: liệt kê, xem, chấp nhận, loại."

    def add_arguments(self, parser):
        parser.add_argument("--as", dest="username", help="act as this user (default: system)")
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list facts")
        listing.add_argument(
            "--status",
            default="proposed",
            choices=["proposed", "accepted", "edited", "rejected", "all"],
        )
        listing.add_argument("--source", type=int, help="only the facts of this source")
        show = sub.add_parser("show", help="show one fact")
        show.add_argument("fact_id", type=int)
        accept = sub.add_parser("accept", help="accept facts (after edits)")
        accept.add_argument("fact_ids", type=int, nargs="+", metavar="FACT_ID")
        accept.add_argument(
            "--set",
            dest="edits",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="change a field before accepting (value read as JSON when it parses)",
        )
        accept.add_argument("--body", type=int, metavar="ORG_ID", help="the body reported on")
        whole = sub.add_parser("accept-source", help="accept every remaining fact of a source")
        whole.add_argument("source_id", type=int)
        whole.add_argument("--body", type=int, metavar="ORG_ID", help="the body reported on")
        reject = sub.add_parser("reject", help="reject facts (the decision is kept)")
        reject.add_argument("fact_ids", type=int, nargs="+", metavar="FACT_ID")
        reject.add_argument("--reason", default="")
        for each in (listing, show, accept, whole, reject):  # --as also after the action
            each.add_argument("--as", dest="username", default=argparse.SUPPRESS)

    # ------------------------------------------------------------------ helpers

    def _actor(self, username):
        from chidao.core.actors import system_actor
        from chidao.core.models import User

        if not username:
            return system_actor()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no such user: {username}", returncode=2)
        return user

    def _body(self, org_id):
        from chidao.orgs.models import Organization

        if org_id is None:
            return None
        body = Organization.objects.filter(pk=org_id).first()
        if body is None:
            raise CommandError(f"no such organization: {org_id}", returncode=2)
        return body

    def _err(self, message: str) -> None:
        self.stderr.write(message)
        self.failed = True

    def line(self, fact) -> str:
        from chidao.ingest.matching import describe

        quote = _one_line(fact.quote, 70)
        match = describe((fact.data or {}).get("match"))
        parts = [f"{fact.pk}", fact.status, fact.kind, _one_line(summary(fact), 60)]
        if quote:
            parts.append(f"“{quote}”")
        if match:
            parts.append(f"[{match}]")
        return "\t".join(parts)

    # ------------------------------------------------------------------ actions

    def handle(self, *args, **options):
        from chidao.ingest.models import Fact

        self.failed = False
        actor = self._actor(options.get("username"))
        action = options["action"]
        if action == "list":
            facts = Fact.objects.select_related("source").order_by("source_id", "span_start", "id")
            if options["status"] != "all":
                facts = facts.filter(status=options["status"])
            if options.get("source") is not None:
                facts = facts.filter(source_id=options["source"])
            for fact in facts.iterator(chunk_size=500):
                self.stdout.write(self.line(fact))
        elif action == "show":
            fact = Fact.objects.select_related("source").filter(pk=options["fact_id"]).first()
            if fact is None:
                raise CommandError(f"no such fact: {options['fact_id']}")
            self.stdout.write(self.line(fact))
            self.stdout.write(f"source\t{fact.source_id}\t{fact.source}")
            self.stdout.write(f"span\t{fact.span_start}\t{fact.span_end}")
            self.stdout.write(json.dumps(fact.data, ensure_ascii=False, indent=2))
        elif action == "accept":
            self._accept(actor, options)
        elif action == "accept-source":
            self._accept_source(actor, options)
        elif action == "reject":
            self._reject(actor, options)
        if self.failed:
            sys.exit(1)

    def _facts(self, ids):
        from chidao.ingest.models import Fact

        found = {f.pk: f for f in Fact.objects.select_related("source").filter(pk__in=ids)}
        for fact_id in ids:
            if fact_id not in found:
                self._err(f"{fact_id}: no such fact")
            else:
                yield found[fact_id]

    def _accept(self, actor, options):
        from chidao.ingest.review import do_accept_fact, parse_value

        edits = {}
        for item in options["edits"]:
            field, sep, value = item.partition("=")
            if not sep or not field.strip():
                raise CommandError(f"--set expects FIELD=VALUE, got {item!r}", returncode=2)
            edits[field.strip()] = parse_value(value)
        body = self._body(options.get("body"))
        for fact in self._facts(options["fact_ids"]):
            try:
                records = do_accept_fact(actor, fact, edits=edits or None, body=body)
            except ServiceError as error:
                self._err(f"{fact.pk}: {_one_line(str(error), 200)}")
                continue
            made = (
                ", ".join(f"{r._meta.model_name} #{r.pk}" for r in records) or "không tạo bản ghi"
            )
            self.stdout.write(f"{fact.pk}\taccepted\t{made}")

    def _accept_source(self, actor, options):
        from chidao.ingest.models import Source
        from chidao.ingest.review import do_accept_source

        source = Source.objects.filter(pk=options["source_id"]).first()
        if source is None:
            raise CommandError(f"no such source: {options['source_id']}")
        try:
            result = do_accept_source(actor, source, body=self._body(options.get("body")))
        except ServiceError as error:
            raise CommandError(_one_line(str(error), 200)) from None
        for fact, reason in result["refused"]:
            self._err(f"{fact.pk}: {_one_line(reason, 200)}")
        self.stdout.write(
            f"source {source.pk}: {len(result['accepted'])} accepted, "
            f"{len(result['refused'])} refused, {result['records']} records linked"
        )

    def _reject(self, actor, options):
        from chidao.ingest.review import do_reject_fact

        for fact in self._facts(options["fact_ids"]):
            try:
                do_reject_fact(actor, fact, reason=options["reason"])
            except ServiceError as error:
                self._err(f"{fact.pk}: {_one_line(str(error), 200)}")
                continue
            self.stdout.write(f"{fact.pk}\trejected")
