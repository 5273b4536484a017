"""Rebuild both search stores: the database executor's table, then the engine index.

    python manage.py rebuild_search_index

The database table is always rebuilt (it answers searches in the embedded
default and whenever the engine cannot). With an engine configured, the command
then fills a new versioned index with every published listing, swaps the alias
``<SEARCH_INDEX_PREFIX>-listings`` to it in one step and deletes the older
indices. Run it after deploying a new mapping version, and nightly to repair
any incremental update that could not reach the engine.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from marketplace.core.services import audit_record
from search.engine_client import EngineUnavailable
from search.engine_index import search_index_rebuild
from search.engine_mapping import index_alias
from search.executor import ENGINES
from search.services import search_entries_rebuild


class Command(BaseCommand):
    help = "Rebuild the database search table, then the engine index (new index, alias swap)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        written = search_entries_rebuild()
        self.stdout.write(
            f"Database search table: {written:,} listings in {time.perf_counter() - started:.1f}s"
        )
        if settings.SEARCH_ENGINE not in ENGINES:
            self.stdout.write(
                f"SEARCH_ENGINE is {settings.SEARCH_ENGINE!r}: searches use the database, "
                "so there is no engine index to rebuild."
            )
            return
        self.stdout.write(f"Rebuilding {index_alias()} on {settings.SEARCH_ENGINE_URL}…")
        started = time.perf_counter()

        def progress(count: int) -> None:
            rate = count / max(time.perf_counter() - started, 1e-6)
            self.stdout.write(f"      {count:>8,} listings indexed ({rate:,.0f} listings/s)")

        try:
            report = search_index_rebuild(progress=progress)
        except EngineUnavailable as error:
            raise CommandError(f"The search engine did not answer: {error}") from error
        audit_record(
            actor=None,
            action="search_index.rebuilt",
            data={"index": report.index, "count": report.count},
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.count:,} listings indexed into {report.index} in "
                f"{report.seconds:.1f}s ({report.per_second:,.0f} listings/s); "
                f"alias {index_alias()} now points to it."
            )
        )
        if report.deleted_indices:
            self.stdout.write(f"Deleted older indices: {', '.join(report.deleted_indices)}")
