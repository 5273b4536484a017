"""Time generating the framework map PDF for the demo data.

    .venv/bin/python benchmarks/framework_map_pdf.py [runs]

Loads the demo data (idempotent), then renders /frameworks/map.pdf the given
number of times through the full Django stack and reports percentiles.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django

django.setup()

from django.core.management import call_command
from django.test import Client


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("migrate", verbosity=0)
    call_command("load_demo_data", "--no-users", stdout=io.StringIO())
    client = Client(HTTP_HOST="127.0.0.1")
    timings, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get("/frameworks/map.pdf")
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(
        f"framework map PDF: {runs} runs, {size / 1024:.0f} KiB, "
        f"median {statistics.median(timings):.2f} s, p95 {p95:.2f} s, max {timings[-1]:.2f} s"
    )


if __name__ == "__main__":
    main()
