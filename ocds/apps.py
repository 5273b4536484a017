from django.apps import AppConfig


class OcdsConfig(AppConfig):
    name = "ocds"
    verbose_name = "Open Contracting Data Standard"
