"""Load the demo catalogue and demo accounts.

    python manage.py load_demo_data [--no-users]

Idempotent: run it as often as you like. Demo account passwords are generated
afresh on every run and printed, so none is stored in the repository.
"""

import secrets
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marketplace.accounts.models import BuyerOrganisation, User
from marketplace.accounts.roles import CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP
from marketplace.core.services import audit_record
from marketplace.demo import feedback_loader, loaders, orders_loader
from suppliers.models import SupplierOrganisation

DEMO_USERS = [
    ("admin@ccs.example.gov.uk", "CCS administrator", CCS_ADMINS_GROUP),
    ("reviewer@ccs.example.gov.uk", "CCS reviewer", CCS_REVIEWERS_GROUP),
    ("buyer@education.gov.uk", "Demo buyer (Department for Education)", "buyer"),
    ("supplier@example.co.uk", "Demo supplier user", "supplier"),
]


class Command(BaseCommand):
    help = "Load the demo catalogue (frameworks, suppliers, buyers, listings) and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Load data but no accounts.")

    def handle(self, *args, **options):
        steps = [
            ("categories", loaders.categories_load),
            ("frameworks", loaders.frameworks_load),
            ("framework usage", loaders.framework_usage_load),
            ("suppliers", loaders.suppliers_load),
            ("buyer organisations", loaders.buyer_organisations_load),
            # After suppliers and frameworks: profiles and listings refer to both.
            ("supplier profiles", loaders.supplier_profiles_load),
            ("listings", loaders.listings_load),
            ("card payments", orders_loader.card_payments_load),
            ("procurement strategies", loaders.strategies_load),
        ]
        started = time.perf_counter()
        for number, (label, step) in enumerate(steps, start=1):
            self.stdout.write(f"[{number}/{len(steps)}] Loading {label}…")
            step_started = time.perf_counter()
            step(lambda line: self.stdout.write(f"      {line}"))
            self.stdout.write(f"      ({time.perf_counter() - step_started:.1f} s)")
        self.stdout.write(f"Catalogue loaded in {time.perf_counter() - started:.1f} s")
        audit_record(actor=None, action="demo_data.loaded", data={"steps": [s for s, _ in steps]})
        if not options["no_users"]:
            self._users()
        # After the listings: illustrative feedback goes to suppliers with published ones.
        self.stdout.write("Loading illustrative feedback…")
        feedback_loader.illustrative_feedback_load(lambda line: self.stdout.write(f"      {line}"))
        # The loaders write in bulk and send no signals, so rebuild the search stores.
        self.stdout.write("Building the search index…")
        try:
            call_command("rebuild_search_index", stdout=self.stdout)
        except CommandError as error:
            self.stdout.write(f"      {error} Run rebuild_search_index once it is up.")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    @transaction.atomic
    def _users(self) -> None:
        from django.contrib.auth.models import Group

        password = secrets.token_urlsafe(12)
        buyer_org = BuyerOrganisation.objects.get(name="Department for Education")
        supplier_org = SupplierOrganisation.objects.order_by("name").first()
        self.stdout.write("Demo accounts (the password changes on every load):")
        for email, name, role in DEMO_USERS:
            user = User.objects.filter(email=email).first() or User(email=email)
            user.full_name = name
            user.is_active = True
            user.email_verified_at = user.email_verified_at or user.date_joined
            user.is_superuser = role == CCS_ADMINS_GROUP
            user.is_staff = role == CCS_ADMINS_GROUP
            user.buyer_organisation = buyer_org if role == "buyer" else None
            user.supplier_organisation = supplier_org if role == "supplier" else None
            user.set_password(password)
            user.save()
            if role in {CCS_ADMINS_GROUP, CCS_REVIEWERS_GROUP}:
                user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"      {email:<32} {name}")
        self.stdout.write(f"      password for all of them: {password}")
