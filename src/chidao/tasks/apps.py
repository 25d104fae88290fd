from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "chidao.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ trọng tâm"

    def ready(self):
        from chidao.orgs.succession import register_open_work_mover
        from chidao.tasks.services import move_open_tasks

        register_open_work_mover("tasks", move_open_tasks)
