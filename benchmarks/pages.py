"""Page latency benchmark: one buyer at a time against the production-shaped stack,
so each figure is a page's own time on an otherwise idle server. A script, not a test.

    scripts/serve-production --background        # the stack (see docs/operations.md)
    .venv/bin/python benchmarks/pages.py [--host http://127.0.0.1:8001]
        [--runs 50] [--warm-up 5] [--keywords "cloud hosting"]
        [--filters "region=TLI&size=sme"] [--framework g-cloud-13] [--label after]
    ADMIN_USERNAME=… ADMIN_PASSWORD=… .venv/bin/python benchmarks/pages.py --admin …

Each page is asked for ``--warm-up`` times (not counted: a fresh worker compiles
templates, opens its database connection), then ``--runs`` times in turn, the pages
interleaved so that a burst of load from elsewhere on the machine touches each of
them alike. Times are the whole request seen from the client on loopback. It prints
p50/p95/max per page, the gunicorn workers' mean CPU time per request (read from
/proc: on a shared machine the wall-clock time moves with everyone else's load,
this hardly does) and the machine's load average before and after, and writes
benchmarks/results/pages-<date>[-<label>].json. With ``--admin`` it also signs in
to the Wagtail admin and times the "All listings" page.

The defaults name words and filter values of the demo catalogue; any that match
nothing would make a "keywords" page a no-hits page, so the script checks that
each page it times answers 200 and that the searches meant to find something do.
"""

import argparse
import json
import math
import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import requests

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_P95_MS = 120
REPO_ROOT = Path(__file__).resolve().parent.parent
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def gunicorn_cpu_ms(arbiter: int | None) -> float:
    """CPU time (user + system) the gunicorn workers have used so far. One request
    at a time, so the difference across a request is that request's server CPU: a
    figure the machine's other load hardly moves, unlike the wall-clock time."""
    if arbiter is None:
        return 0.0
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == arbiter:  # fields[1] is the parent pid; utime, stime follow
            total += int(fields[11]) + int(fields[12])
    return total * TICK_MS


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)], 1)


def pages(options) -> dict[str, str]:
    keywords = urlencode({"q": options.keywords})
    return {
        "search: no keywords": "/search/",
        "search: keywords": f"/search/?{keywords}",
        "search: keywords + filters": f"/search/?{keywords}&{options.filters}",
        "search: framework filter": f"/search/?{urlencode({'framework': options.framework})}",
        "search: no hits": f"/search/?{urlencode({'q': options.no_hits})}",
        "framework page": f"/frameworks/{options.framework}/",
    }


def admin_session(host: str) -> requests.Session:
    """A session signed in to the Wagtail admin (Django's login form, with its CSRF token)."""
    session = requests.Session()
    login = session.get(f"{host}/admin/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
    _send_secure_cookies_over_loopback(session)
    response = session.post(
        f"{host}/admin/login/",
        data={
            "csrfmiddlewaretoken": token[1] if token else "",
            "username": os.environ["ADMIN_USERNAME"],
            "password": os.environ["ADMIN_PASSWORD"],
            "next": "/admin/",
        },
        headers={"Referer": f"{host}/admin/login/"},
        timeout=60,
        allow_redirects=False,
    )
    if response.status_code != 302 or "/login/" in response.headers.get("Location", ""):
        raise SystemExit("pages.py: the admin sign-in failed (ADMIN_USERNAME, ADMIN_PASSWORD)")
    _send_secure_cookies_over_loopback(session)
    return session


def _send_secure_cookies_over_loopback(session: requests.Session) -> None:
    """Production marks the session and CSRF cookies Secure; the local stack has no
    TLS, so a client keeping to the flag would never send them back."""
    for cookie in session.cookies:
        cookie.secure = False


def check(name: str, response: requests.Response) -> None:
    if response.status_code != 200:
        raise SystemExit(f"pages.py: {name} answered {response.status_code} ({response.url})")
    found = re.search(r"(\d[\d,]*) services? found", response.text)
    if name in ("search: keywords", "search: keywords + filters") and found and found[1] == "0":
        raise SystemExit(f"pages.py: {name} found nothing; pick other --keywords/--filters")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="http://127.0.0.1:8001")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--warm-up", type=int, default=5)
    parser.add_argument("--keywords", default="cloud hosting")
    parser.add_argument("--filters", default="region=TLI&size=sme")
    parser.add_argument("--framework", default="g-cloud-13")
    parser.add_argument("--no-hits", default="zqxjvw")
    parser.add_argument("--admin", action="store_true", help="also the admin's All listings")
    parser.add_argument("--label", default="", help="added to the results file name")
    parser.add_argument(
        "--gunicorn-pid", type=Path, default=REPO_ROOT / ".services/production/gunicorn.pid"
    )
    options = parser.parse_args(argv)
    try:
        arbiter = int(options.gunicorn_pid.read_text().strip())
    except (OSError, ValueError):
        arbiter = None

    targets = {name: (requests.Session(), path) for name, path in pages(options).items()}
    if options.admin:
        targets["admin: All listings"] = (admin_session(options.host), "/admin/listings/index/")
    for name, (session, path) in targets.items():
        for _ in range(options.warm_up):
            check(name, session.get(options.host + path, timeout=60))

    load_before = os.getloadavg()
    times: dict[str, list[float]] = {name: [] for name in targets}
    cpu: dict[str, float] = dict.fromkeys(targets, 0.0)
    sizes: dict[str, int] = {}
    for _ in range(options.runs):
        for name, (session, path) in targets.items():
            cpu_before, started = gunicorn_cpu_ms(arbiter), time.perf_counter()
            response = session.get(options.host + path, timeout=60)
            times[name].append((time.perf_counter() - started) * 1000)
            cpu[name] += gunicorn_cpu_ms(arbiter) - cpu_before
            check(name, response)
            sizes[name] = len(response.content)
    load_after = os.getloadavg()

    rows = {
        name: {
            "path": targets[name][1],
            "runs": len(values),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "max_ms": round(max(values), 1),
            "server_cpu_ms_mean": round(cpu[name] / len(values), 1) if arbiter else None,
            "bytes": sizes[name],
            "target_met": percentile(values, 0.95) <= TARGET_P95_MS,
        }
        for name, values in times.items()
    }
    print(
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min); "
        f"{os.cpu_count()} CPUs; {options.runs} runs after {options.warm_up} warm-up"
    )
    print(
        f"{'page':28} {'p50':>7} {'p95':>7} {'max':>7} {'cpu':>6} {'KB':>6}"
        f"  p95 <= {TARGET_P95_MS} ms  (ms; cpu: gunicorn CPU per request, mean)"
    )
    for name, row in rows.items():
        cpu_ms = row["server_cpu_ms_mean"]
        print(
            f"{name:28} {row['p50_ms']:7.0f} {row['p95_ms']:7.0f} {row['max_ms']:7.0f} "
            f"{cpu_ms if cpu_ms is not None else '-':>6} {row['bytes'] / 1024:6.0f}"
            f"  {'yes' if row['target_met'] else 'NO'}"
        )
    started_at = datetime.now(UTC)
    label = f"-{options.label}" if options.label else ""
    output = RESULTS / f"pages-{started_at:%Y-%m-%d}{label}.json"
    RESULTS.mkdir(exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "benchmark": "pages",
                "finished_at": started_at.isoformat(timespec="seconds"),
                "host": options.host,
                "cpus": os.cpu_count(),
                "runs": options.runs,
                "warm_up": options.warm_up,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in load_after],
                "pages": rows,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
