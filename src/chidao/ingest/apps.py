from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "chidao.ingest"
    label = "ingest"
    verbose_name = "Nguồn và dữ liệu trích xuất"
