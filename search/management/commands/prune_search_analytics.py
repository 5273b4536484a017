"""Remove daily search counts older than the retention period (docs/operations.md)."""

from django.core.management.base import BaseCommand

from search.services import SEARCH_ANALYTICS_KEEP_DAYS, search_analytics_prune


class Command(BaseCommand):
    help = "Remove daily search counts older than the retention period (two years by default)."

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=SEARCH_ANALYTICS_KEEP_DAYS)

    def handle(self, *args, keep_days: int, **options):
        removed = search_analytics_prune(keep_days=keep_days)
        self.stdout.write(f"Removed {removed} daily search counts older than {keep_days} days.")
