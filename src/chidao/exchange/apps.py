from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "chidao.exchange"
    verbose_name = "Nhập, xuất bảng tính"
