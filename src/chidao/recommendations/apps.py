from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "chidao.recommendations"
    label = "recommendations"
    verbose_name = "Kiến nghị"

    def ready(self):
        from chidao.orgs.succession import register_open_work_mover
        from chidao.recommendations.services import move_open_recommendations

        register_open_work_mover("recommendations", move_open_recommendations)
