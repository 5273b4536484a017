"""Import a pipeline CSV file (such as Contracts Finder's) into each buying
organisation's procurement strategy for a financial year.

    python manage.py import_pipeline_csv PATH [--financial-year 2014] [--illustrative]

Idempotent: entries are matched on their notice id, and a strategy whose
pipeline has not changed gets no new revision. Rejected rows are listed with
the reason, and the command says how every row was accounted for.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strategies.services import pipeline_csv_import


class Command(BaseCommand):
    help = "Import a pipeline CSV file into buying organisations' procurement strategies."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--financial-year",
            type=int,
            default=2014,
            help="Year the financial year starts (2014 means 2014 to 2015). Default 2014.",
        )
        parser.add_argument(
            "--illustrative",
            action="store_true",
            help="Label the strategies as illustrative (demonstration content).",
        )

    def handle(self, *args, path: Path, financial_year: int, illustrative: bool, **options):
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        report = pipeline_csv_import(
            path=path,
            financial_year=financial_year,
            illustrative=illustrative,
            progress=lambda line: self.stdout.write(f"  {line}"),
        )
        for row_number, reason in report["rejected"]:
            self.stdout.write(self.style.WARNING(f"  rejected row {row_number}: {reason}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{report['rows']} rows: {report['imported']} imported, "
                f"{len(report['rejected'])} rejected. Strategies: {report['created']} created, "
                f"{report['updated']} updated, {report['unchanged']} unchanged."
            )
        )
