from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "chidao.meetings"
    label = "meetings"
    verbose_name = "Hội nghị, buổi làm việc"
