"""Server time of every list and detail page with the demo data (target: under 150 ms).

    .venv/bin/python bench/pages.py              # office staff and a unit user, 3 rounds
    .venv/bin/python bench/pages.py --repeat 5 --roles office

Loads the reference data and the demo dataset (``chidao.demo.dataset.load_all``) into a
temporary SQLite database, after start-up freezes the garbage collector as ``chidao.wsgi``
does (``--no-freeze`` to skip), logs in with Django's test client
and requests every list page (plain and with a search) and the detail page of every
record the user may see. The time is the server's: the request handled in this process,
from the URL to the rendered HTML (no network). Printed: median and worst per page kind
and overall, and the pages over the target. Exit status 1 when the worst page is over it.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

TARGET_MS = 150.0


def setup(data_dir: str) -> None:
    os.environ["CHIDAO_DATA_DIR"] = data_dir
    os.environ.pop("CHIDAO_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", interactive=False, verbosity=0)


def users():
    from chidao.core.models import Classification, Role, User
    from chidao.orgs.models import Organization

    def make(username, role, org_name=None, clearance=Classification.NORMAL):
        org = Organization.objects.get(name=org_name) if org_name else None
        user, _ = User.objects.get_or_create(
            username=username, defaults={"role": role, "organization": org, "clearance": clearance}
        )
        return user

    return {
        "admin": make("bench-admin", Role.ADMIN, clearance=Classification.TOP_SECRET),
        "leader": make("bench-leader", Role.LEADER, "Tỉnh ủy Lạng Sơn", Classification.SECRET),
        "office": make("bench-office", Role.OFFICE, "Văn phòng Tỉnh ủy Lạng Sơn"),
        "unit": make("bench-unit", Role.UNIT, "Huyện ủy Cao Lộc"),
    }


def pages(user) -> list[tuple[str, str]]:
    """(kind, url) of every list page and every detail page the user may see."""
    from django.urls import reverse

    from chidao.core.access import sees_everything
    from chidao.documents.selectors import visible_documents
    from chidao.indicators.selectors import visible_indicators
    from chidao.ingest.models import Source
    from chidao.meetings.selectors import visible_meetings
    from chidao.orgs.selectors import visible_organizations, visible_people
    from chidao.recommendations.selectors import visible_recommendations
    from chidao.tasks.selectors import visible_tasks

    found = [
        ("dashboard", reverse("home")),
        ("search", reverse("search") + "?q=cao+loc"),
        ("search", reverse("search") + "?q=chi+thi+10"),
    ]
    for name in ("tasks", "recommendations", "documents", "meetings", "indicators"):
        found.append(("list", reverse(f"{name}:list")))
        found.append(("list+search", reverse(f"{name}:list") + "?q=cao+loc"))
    found += [
        ("list", reverse("orgs:list")),
        ("list", reverse("orgs:person_list")),
        ("list+search", reverse("orgs:list") + "?q=cao+loc"),
    ]
    for kind, url_name, qs in [
        ("task", "tasks:detail", visible_tasks(user)),
        ("recommendation", "recommendations:detail", visible_recommendations(user)),
        ("document", "documents:detail", visible_documents(user)),
        ("meeting", "meetings:detail", visible_meetings(user)),
        ("indicator", "indicators:detail", visible_indicators(user)),
        ("organization", "orgs:detail", visible_organizations(user)),
        ("person", "orgs:person_detail", visible_people(user)),
    ]:
        found += [(kind, reverse(url_name, args=[pk])) for pk in qs.values_list("pk", flat=True)]
    if sees_everything(user):  # imported texts are for readers of every body's work
        found += [
            ("source", reverse("ingest:detail", args=[pk]))
            for pk in Source.objects.values_list("pk", flat=True)
        ]
    return found


def import_a_text(actor) -> None:
    """One reviewed source, so the review page and the provenance links are measured too."""
    from chidao.extraction.pipeline import extract
    from chidao.ingest.services import do_record_facts, do_register_source

    text = (
        Path(__file__).resolve().parents[1] / "tests" / "web" / "data" / "bao_cao_cao_loc.txt"
    ).read_text("utf-8")
    source = do_register_source(actor, text=text, title="Làm việc với Huyện ủy Cao Lộc")
    if not source.facts.exists():
        do_record_facts(actor, source, extract(source.text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds over every page")
    parser.add_argument(
        "--roles", default="office,unit", help="comma-separated: admin, leader, office, unit"
    )
    parser.add_argument(
        "--no-freeze",
        dest="freeze",
        action="store_false",
        help="skip the gc.freeze() that chidao.wsgi does after start-up",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="chidao-bench-pages-") as data_dir:
        started = time.perf_counter()
        setup(data_dir)
        from django.test import Client

        from chidao.core.actors import system_actor
        from chidao.demo.dataset import load_all

        load_all(system_actor())
        loaded = "demo dataset"
        import_a_text(system_actor())
        accounts = users()
        if args.freeze:
            # What a server process is after start-up: the loader's garbage collected and
            # the long-lived objects (Django, the apps, URL and template caches) set aside,
            # so that a full collection does not walk them in the middle of a request.
            gc.collect()
            gc.freeze()
        print(f"Data: {loaded} ({time.perf_counter() - started:.1f} s to migrate and load)")

        times: dict[str, list[float]] = {}
        worst: list[tuple[float, str, str]] = []
        for role in args.roles.split(","):
            client = Client()
            client.force_login(accounts[role])
            urls = pages(accounts[role])
            # A running server has compiled its templates: warm one page of each kind.
            for kind in dict(urls):
                client.get(next(url for k, url in urls if k == kind))
            for _ in range(args.repeat):
                for kind, url in urls:
                    t0 = time.perf_counter()
                    response = client.get(url)
                    elapsed = (time.perf_counter() - t0) * 1000
                    if response.status_code != 200:
                        print(f"  {role} {url}: HTTP {response.status_code}", file=sys.stderr)
                        return 2
                    times.setdefault(kind, []).append(elapsed)
                    worst.append((elapsed, role, url))
            print(f"{role}: {len(urls)} pages × {args.repeat}")

        print(f"\n{'page kind':16} {'n':>5} {'median ms':>10} {'worst ms':>9}")
        every = []
        for kind, values in times.items():
            every += values
            print(f"{kind:16} {len(values):5} {statistics.median(values):10.1f} {max(values):9.1f}")
        print(f"{'overall':16} {len(every):5} {statistics.median(every):10.1f} {max(every):9.1f}")
        over = sorted((w for w in worst if w[0] > TARGET_MS), reverse=True)
        print(f"\nTarget {TARGET_MS:.0f} ms: {'met' if not over else f'{len(over)} over'}")
        for elapsed, role, url in over[:10]:
            print(f"  {elapsed:7.1f} ms  {role:7} {url}")
        return 0 if not over else 1


if __name__ == "__main__":
    sys.exit(main())
