"""``chidao serve``: serve the application with waitress (a production WSGI server)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve chidao over HTTP (default http://127.0.0.1:8000)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from chidao.wsgi import application

        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"chidao đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")
        serve(application, host=host, port=port, threads=threads, ident="chidao")
