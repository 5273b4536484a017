from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuppliersConfig(AppConfig):
    name = "suppliers"
    verbose_name = _("Suppliers")

    def ready(self):
        from wagtail.signals import page_published

        from .models import SupplyChainGuidelinesPage
        from .services import guidelines_version_published

        # When CCS publishes a new version of the supply-chain guidelines, suppliers
        # that declared for an earlier one are asked to declare again.
        page_published.connect(
            guidelines_version_published,
            sender=SupplyChainGuidelinesPage,
            dispatch_uid="suppliers.guidelines_version_published",
        )
