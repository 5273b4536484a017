from django.apps import AppConfig


class DirectAwardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "direct_award"
    verbose_name = "Saved searches and direct award"
