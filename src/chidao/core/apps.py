from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "chidao.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        # Keep the full-text index (chidao.core.search) in step with the records.
        from chidao.core.search import connect_signals

        connect_signals()
