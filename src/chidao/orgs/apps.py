from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "chidao.orgs"
    label = "orgs"
    verbose_name = "Cơ quan, tổ chức và cán bộ"
