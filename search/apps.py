from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self) -> None:
        from listings.signals import listing_visibility_changed

        from .tasks import on_listing_visibility_changed

        listing_visibility_changed.connect(
            on_listing_visibility_changed, dispatch_uid="search.listing_refresh"
        )
