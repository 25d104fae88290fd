from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "chidao.reports"
    verbose_name = "Báo cáo sơ kết, tổng kết"
