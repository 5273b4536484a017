"""Time generating the framework map PDF for the demo data.

    .venv/bin/python benchmarks/framework_map_pdf.py [runs]

Loads the demo data (idempotent), then renders /frameworks/map.pdf the given
number of times through the full Django stack and reports percentiles.
"""

import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django

django.setup()

from django.core.management import call_command
from pdf_timing import pdf_time


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", "--no-users", stdout=io.StringIO())
    pdf_time(label="framework map PDF", url="/frameworks/map.pdf", runs=runs)


if __name__ == "__main__":
    main()
