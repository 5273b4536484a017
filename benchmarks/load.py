"""Load benchmark: buyers browsing the production-shaped stack, at several levels of
concurrency, with Locust on loopback. A script, not a test.

    scripts/serve-production --background        # the stack (see docs/operations.md)
    .venv/bin/python benchmarks/load.py [--host http://127.0.0.1:8001]
        [--users 10,50,100] [--duration 60] [--spawn-rate 10] [--settle 5]
        [--wait 1,3] [--gunicorn-pid .services/production/gunicorn.pid]

Before the first level it discovers what to ask for from the site itself, as a
buyer would: the filter values the search page offers, service and supplier
pages linked from the results, keywords from the services' names, the CSV files
the open-data pages link to. Nothing is hard-coded, so it runs on any catalogue.

Each simulated buyer waits ``--wait`` seconds (uniformly) between pages and picks
one at random, weighted: the home page, /search/ without keywords, with facets
only, with keywords, with keywords and facets, a service page, a supplier page,
a feedback page, a CSV download. For each level the users are started at
``--spawn-rate`` a second, left ``--settle`` seconds, then measured for
``--duration`` seconds; then the next level, and after the last it stops.

It prints, per level and page type, requests/s and p50/p95/p99 (milliseconds),
error counts (any status but 200, or a connection error) and how many searches
the database answered because the engine did not (the fallback notice); beside
them the machine's load average before and after the level, the gunicorn worker
count and the CPU time Locust itself used (it shares the machine with the
server). The same figures go to benchmarks/results/load-<date>.json.

It also works as a plain locustfile: ``locust -f benchmarks/load.py --host …``.
"""

import argparse
import json
import math
import os
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin

import gevent
from locust import FastHttpUser, between, events, task
from locust.env import Environment

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
REPO_ROOT = HERE.parent
# What the results page says when the engine did not answer and the database did
# (marketplace/templates/search/results.html): a degraded answer, counted apart.
FALLBACK_TEXT = "simpler mode"
SEARCH_TYPES = (
    "search (no keywords)",
    "search (facets only)",
    "search (keywords)",
    "search (keywords + facets)",
)
# Which page a simulated buyer asks for next: not a secret.
RNG = random.Random(2026)  # noqa: S311
STOP_WORDS = {
    "and", "for", "the", "with", "from", "service", "services", "limited", "ltd",
    "this", "that", "your", "into", "plus", "support",
}  # fmt: skip


# --- Discovering the catalogue from the site -------------------------------------


class _PageParser(HTMLParser):
    """Links (with their text) and the choices (checkboxes, radios, select options)
    of every form on a page."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.choices: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self._href, self._text = attrs["href"], []
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and attrs.get("name"):
            self.choices.append((attrs["name"], attrs.get("value") or "on"))
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and attrs.get("value"):
            self.choices.append((self._select, attrs["value"]))

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def _parse(session, url: str) -> _PageParser:
    response = session.get(url, timeout=60)
    response.raise_for_status()
    parser = _PageParser()
    parser.feed(response.text)
    return parser


class Catalogue:
    """What the simulated buyers ask for, found by reading the site."""

    def __init__(self):
        self.facets: dict[str, list[str]] = defaultdict(list)
        self.services: set[int] = set()
        self.suppliers: set[str] = set()
        self.keywords: list[str] = []
        self.csv_paths: list[str] = []
        self.feedback_paths: list[str] = []

    def summary(self) -> dict:
        return {
            "facet_values": {name: len(values) for name, values in self.facets.items()},
            "services": len(self.services),
            "suppliers": len(self.suppliers),
            "keywords": len(self.keywords),
            "keyword_sample": self.keywords[:10],
            "csv_paths": self.csv_paths,
            "feedback_paths": len(self.feedback_paths),
        }


def discover(host: str, *, result_pages: int = 15) -> Catalogue:
    import requests

    session = requests.Session()
    catalogue = Catalogue()
    words: Counter[str] = Counter()
    for page in range(1, result_pages + 1):
        parser = _parse(session, urljoin(host, f"/search/?{urlencode({'page': page})}"))
        if page == 1:
            for name, value in parser.choices:
                if name not in ("sort", "page") and value not in catalogue.facets[name]:
                    catalogue.facets[name].append(value)
        for href, text in parser.links:
            if match := re.fullmatch(r"/services/(\d+)/", href):
                catalogue.services.add(int(match[1]))
                words.update(
                    word
                    for word in re.findall(r"[a-z]{4,}", text.lower())
                    if word not in STOP_WORDS
                )
            elif match := re.fullmatch(r"/suppliers/([\w-]+)/", href):
                catalogue.suppliers.add(match[1])
    for page in range(1, 4):
        try:
            parser = _parse(session, urljoin(host, f"/suppliers/?page={page}"))
        except requests.HTTPError:
            break
        for href, _ in parser.links:
            if match := re.fullmatch(r"/suppliers/([\w-]+)/", href):
                catalogue.suppliers.add(match[1])
    # Words that name several services are what a buyer would type; singletons are
    # mostly suppliers' own product names.
    catalogue.keywords = [word for word, count in words.most_common(60) if count >= 2]
    for index in ("/feedback/data/", "/frameworks/data/"):
        for href, _ in _parse(session, urljoin(host, index)).links:
            if href.endswith(".csv") and href not in catalogue.csv_paths:
                catalogue.csv_paths.append(href)
    # Feedback pages of a sample of suppliers and services, keeping those that exist.
    candidates = [
        f"/feedback/suppliers/{slug}/"
        for slug in RNG.sample(sorted(catalogue.suppliers), min(15, len(catalogue.suppliers)))
    ]
    candidates += [
        f"/feedback/services/{pk}/"
        for pk in RNG.sample(sorted(catalogue.services), min(15, len(catalogue.services)))
    ]
    catalogue.feedback_paths = [
        path for path in candidates if session.get(urljoin(host, path), timeout=60).ok
    ]
    missing = [
        name
        for name, found in (
            ("facet values", catalogue.facets),
            ("services", catalogue.services),
            ("suppliers", catalogue.suppliers),
            ("keywords", catalogue.keywords),
            ("CSV downloads", catalogue.csv_paths),
            ("feedback pages", catalogue.feedback_paths),
        )
        if not found
    ]
    if missing:
        raise SystemExit(f"load.py: found no {', '.join(missing)} on {host}")
    catalogue.facets = dict(catalogue.facets)
    return catalogue


CATALOGUE: Catalogue | None = None


@events.test_start.add_listener
def _discover_on_start(environment, **_):
    """Under the plain ``locust`` command the runner below has not discovered yet."""
    global CATALOGUE
    if CATALOGUE is None:
        CATALOGUE = discover(environment.host)


# --- The simulated buyer ----------------------------------------------------------


class Buyer(FastHttpUser):
    wait_time = between(1, 3)
    network_timeout = 30.0
    connection_timeout = 10.0

    def _facet_params(self, how_many: int) -> list[tuple[str, str]]:
        names = RNG.sample(sorted(CATALOGUE.facets), min(how_many, len(CATALOGUE.facets)))
        return [(name, RNG.choice(CATALOGUE.facets[name])) for name in names]

    def _keywords(self) -> str:
        return " ".join(RNG.sample(CATALOGUE.keywords, RNG.choice((1, 1, 2))))

    def _search(self, name: str, params: list[tuple[str, str]]):
        with self.client.get(
            f"/search/?{urlencode(params)}", name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif FALLBACK_TEXT in (response.text or ""):
                # A page the buyer gets, but from the fallback: counted, not failed.
                events.request.fire(
                    request_type="FALLBACK",
                    name=name,
                    response_time=0,
                    response_length=0,
                    exception=None,
                    context={},
                )

    @task(4)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def search_browse(self):
        self._search(SEARCH_TYPES[0], [("page", str(RNG.randint(1, 5)))])

    @task(3)
    def search_facets(self):
        self._search(SEARCH_TYPES[1], self._facet_params(RNG.randint(1, 2)))

    @task(8)
    def search_keywords(self):
        self._search(SEARCH_TYPES[2], [("q", self._keywords())])

    @task(4)
    def search_keywords_facets(self):
        self._search(
            SEARCH_TYPES[3], [("q", self._keywords()), *self._facet_params(RNG.randint(1, 3))]
        )

    @task(8)
    def service(self):
        self.client.get(f"/services/{RNG.choice(list(CATALOGUE.services))}/", name="service")

    @task(4)
    def supplier(self):
        self.client.get(f"/suppliers/{RNG.choice(list(CATALOGUE.suppliers))}/", name="supplier")

    @task(2)
    def feedback(self):
        self.client.get(RNG.choice(CATALOGUE.feedback_paths), name="feedback")

    @task(1)
    def csv_download(self):
        self.client.get(RNG.choice(CATALOGUE.csv_paths), name="csv download")


# --- The runner -------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)], 1)


class Recorder:
    """Every request of the measured window, by page type (Locust's own stats
    round percentiles into buckets; these are exact)."""

    def __init__(self):
        self.recording = False
        self.clear()

    def clear(self):
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, Counter[str]] = defaultdict(Counter)
        self.fallbacks: Counter[str] = Counter()

    def __call__(self, request_type, name, response_time, exception=None, **_):
        if not self.recording:
            return
        if request_type == "FALLBACK":
            self.fallbacks[name] += 1
            return
        self.times[name].append(response_time)
        if exception is not None:
            self.errors[name][str(exception)[:120]] += 1

    def figures(self, seconds: float) -> dict:
        def row(times: list[float], errors: int, fallbacks: int | None = None) -> dict:
            figures = {
                "requests": len(times),
                "rps": round(len(times) / seconds, 2),
                "p50_ms": percentile(times, 0.50),
                "p95_ms": percentile(times, 0.95),
                "p99_ms": percentile(times, 0.99),
                "max_ms": round(max(times), 1) if times else None,
                "errors": errors,
            }
            if fallbacks is not None:
                figures["fallbacks"] = fallbacks
            return figures

        pages = {
            name: row(
                times,
                sum(self.errors[name].values()),
                self.fallbacks[name] if name in SEARCH_TYPES else None,
            )
            for name, times in sorted(self.times.items())
        }
        search_times = [t for name in SEARCH_TYPES for t in self.times.get(name, [])]
        pages["search (all)"] = row(
            search_times,
            sum(sum(self.errors[name].values()) for name in SEARCH_TYPES),
            sum(self.fallbacks[name] for name in SEARCH_TYPES),
        )
        every = [t for times in self.times.values() for t in times]
        pages["all"] = row(every, sum(sum(c.values()) for c in self.errors.values()))
        return {
            "pages": pages,
            "error_kinds": {
                name: dict(kinds.most_common(5)) for name, kinds in self.errors.items() if kinds
            },
        }


def gunicorn_workers(pid_file: Path) -> int | None:
    """How many workers the gunicorn arbiter in this pid file has forked."""
    try:
        arbiter = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The parent pid is the 2nd field after the parenthesised command name.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == arbiter:
                count += 1
        except (OSError, IndexError, ValueError):
            continue
    return count


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_level(environment, recorder: Recorder, *, users: int, options) -> dict:
    runner = environment.runner
    runner.start(users, spawn_rate=options.spawn_rate)
    while runner.user_count != users:
        gevent.sleep(0.5)
    gevent.sleep(options.settle)
    load_before, cpu_before = os.getloadavg(), cpu_seconds()
    recorder.clear()
    recorder.recording = True
    started = time.monotonic()
    gevent.sleep(options.duration)
    recorder.recording = False
    seconds = time.monotonic() - started
    return {
        "users": users,
        "seconds": round(seconds, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "locust_cpu_seconds": round(cpu_seconds() - cpu_before, 1),
        **recorder.figures(seconds),
    }


def print_level(level: dict) -> None:
    print(
        f"\n== {level['users']} users, {level['seconds']} s; load average "
        f"{level['load_before'][0]} before, {level['load_after'][0]} after (1 min); "
        f"Locust used {level['locust_cpu_seconds']} CPU-s; "
        f"{level['gunicorn_workers']} gunicorn workers"
    )
    print(f"{'page type':28} {'req':>6} {'rps':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'err':>5}")
    for name, row in level["pages"].items():
        cells = [row["p50_ms"], row["p95_ms"], row["p99_ms"]]
        cells = [f"{c:7.0f}" if c is not None else "      -" for c in cells]
        extra = f"  fallback {row['fallbacks']}" if row.get("fallbacks") else ""
        print(
            f"{name:28} {row['requests']:6} {row['rps']:7.2f} {' '.join(cells)} "
            f"{row['errors']:5}{extra}"
        )
    for name, kinds in level["error_kinds"].items():
        print(f"  errors on {name}: {kinds}")


def breaking_point(levels: list[dict]) -> dict | None:
    """The first level with an error or a p95 over a second on any page type."""
    for level in levels:
        slow = {
            name: row["p95_ms"]
            for name, row in level["pages"].items()
            if row["p95_ms"] is not None and row["p95_ms"] > 1000
        }
        errors = level["pages"]["all"]["errors"]
        if errors or slow:
            return {"users": level["users"], "errors": errors, "p95_over_1s": slow}
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="http://127.0.0.1:8001")
    parser.add_argument("--users", default="10,50,100", help="levels, comma-separated")
    parser.add_argument("--duration", type=float, default=60, help="seconds measured a level")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--settle", type=float, default=5, help="seconds after ramp-up")
    parser.add_argument("--wait", default="1,3", help="a buyer's pause between pages, s")
    parser.add_argument(
        "--gunicorn-pid", type=Path, default=REPO_ROOT / ".services/production/gunicorn.pid"
    )
    parser.add_argument("--output", type=Path, help="default results/load-<date>.json")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args(argv)
    levels = [int(n) for n in options.users.split(",")]
    low, high = (float(x) for x in options.wait.split(","))
    Buyer.wait_time = between(low, high)
    RNG.seed(options.seed)

    global CATALOGUE
    print(f"load.py: discovering the catalogue on {options.host}", flush=True)
    CATALOGUE = discover(options.host)
    print(json.dumps(CATALOGUE.summary()), flush=True)

    recorder = Recorder()
    environment = Environment(user_classes=[Buyer], host=options.host, events=events)
    environment.events.request.add_listener(recorder)
    environment.create_local_runner()
    started_at = datetime.now(UTC)
    results = []
    try:
        for users in levels:
            print(f"load.py: {users} users …", flush=True)
            level = run_level(environment, recorder, users=users, options=options)
            level["gunicorn_workers"] = gunicorn_workers(options.gunicorn_pid)
            results.append(level)
            print_level(level)
    finally:
        environment.runner.quit()

    report = {
        "benchmark": "load",
        "started_at": started_at.isoformat(timespec="seconds"),
        "host": options.host,
        "cpus": os.cpu_count(),
        "options": {
            "users": levels,
            "duration_s": options.duration,
            "spawn_rate": options.spawn_rate,
            "settle_s": options.settle,
            "wait_s": [low, high],
        },
        "catalogue": CATALOGUE.summary(),
        "levels": results,
        "breaks_at": breaking_point(results),
    }
    search_50 = next((lvl for lvl in results if lvl["users"] == 50), None)
    if search_50:
        p95 = search_50["pages"]["search (all)"]["p95_ms"]
        report["target_search_p95_50_users"] = {
            "p95_ms": p95,
            "met": p95 is not None and p95 <= 500,
        }
    print(f"\nbreaks at: {json.dumps(report['breaks_at'])}")
    output = options.output or RESULTS / f"load-{started_at:%Y-%m-%d}.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
