from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self) -> None:
        from listings.signals import listing_visibility_changed
        from marketplace.core.health import health_check_register

        from .health import search_engine_health
        from .services import search_entry_refresh_receiver
        from .tasks import on_listing_visibility_changed

        # Both executors follow every change: the database table always (it is
        # the fallback), the engine index when one is configured.
        listing_visibility_changed.connect(
            search_entry_refresh_receiver, dispatch_uid="catalogue_search.entry_refresh"
        )
        listing_visibility_changed.connect(
            on_listing_visibility_changed, dispatch_uid="search.listing_refresh"
        )
        health_check_register(name="search-engine", run=search_engine_health, critical=False)
