from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "chidao.recommendations"
    label = "recommendations"
    verbose_name = "Kiến nghị"
