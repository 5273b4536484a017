from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self) -> None:
        from marketplace.core.health import health_check_register

        from .health import search_engine_health
        from .signal_handlers import signal_handlers_connect

        # Both stores follow every change to what a document carries: the
        # database table always (it is the fallback), the engine index when
        # one is configured.
        signal_handlers_connect()
        health_check_register(name="search-engine", run=search_engine_health, critical=False)
