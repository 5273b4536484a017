from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo catalogue and its ``load_demo_data`` command. It reads and writes
    through every other app; no app imports it, so the service runs without it."""

    name = "marketplace.demo"
    label = "demo"
    verbose_name = _("Demo data")
