"""``chidao apitoken USERNAME [--name NAME]``: issue an API token and print it once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from chidao.core.actors import system_actor
from chidao.core.errors import ServiceError


class Command(BaseCommand):
    help = "Cấp một token API cho người dùng và in ra (chỉ hiển thị một lần)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="Token dùng cho việc gì")

    def handle(self, *args, username, name, **options):
        from chidao.api.services import do_issue_token

        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng '{username}'.")
        try:
            plaintext, token = do_issue_token(system_actor(), user=user, name=name)
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(plaintext)
        self.stderr.write(
            f"Token {token.prefix}… cho {user.username}: hãy lưu lại ngay, "
            "chidao không lưu và không hiển thị lại token này."
        )
