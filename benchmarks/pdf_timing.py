"""Time one PDF URL through the full Django stack and print percentiles.

Shared by the PDF benchmarks; Django must be set up before importing this.
"""

import statistics
import time

from django.test import Client


def pdf_time(*, label: str, url: str, runs: int) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    timings, size = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        size = len(response.content)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(
        f"{label}: {runs} runs, {size / 1024:.0f} KiB, "
        f"median {statistics.median(timings):.2f} s, p95 {p95:.2f} s, max {timings[-1]:.2f} s"
    )
