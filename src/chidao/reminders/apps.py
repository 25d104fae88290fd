from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "chidao.reminders"
    label = "reminders"
    verbose_name = "Nhắc việc và thông báo"
