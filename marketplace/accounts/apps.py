from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .services import roles_sync

        # For every app, not just this one: permissions are created app by app
        # after migrate, so the last call sees them all. Each call is idempotent.
        post_migrate.connect(roles_sync, dispatch_uid="marketplace.accounts.roles_sync")
