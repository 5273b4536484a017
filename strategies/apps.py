from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Procurement strategies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: they use the models, which Django
        # loads only after every app's config.
        from . import signals
        from .services import strategy_permissions_sync

        signals.connect()

        # After accounts' roles_sync (an earlier app), so the CCS groups exist.
        post_migrate.connect(strategy_permissions_sync, sender=self)
