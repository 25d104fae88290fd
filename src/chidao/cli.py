"""The ``chidao`` command.

``extract`` and ``eval`` run the pure-Python extraction engine without starting Django;
every other sub-command is a Django management command (``demo``, ``serve``, ``loadrefdata``,
and Django's own such as ``migrate`` and ``createsuperuser``).
"""

from __future__ import annotations

import os
import sys

# Sub-commands that never need the database: "module:function" taking argv, returning an exit code.
PURE_COMMANDS = {
    "extract": "chidao.extraction.command:main_extract",
    "eval": "chidao.extraction.evaluate:main",
}


def _run_pure(target: str, argv: list[str]) -> int:
    module_name, function_name = target.split(":")
    module = __import__(module_name, fromlist=[function_name])
    return int(getattr(module, function_name)(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        return _run_pure(PURE_COMMANDS[argv[0]], argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chidao.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["chidao", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
