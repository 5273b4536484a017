from datetime import date

import pytest

from frameworks import lifecycle
from marketplace.demo import loaders

# A day when the demo map's illustrative dates say what its stored statuses say:
# G-Cloud III and Sprint ii expired, the others live, the planned ones coming.
# Tests of the demo map are about that map, so they look at it on this day;
# tests of status itself use today's date.
DEMO_DAY = date(2025, 6, 1)


def framework_map_load() -> None:
    """Only the demo's framework map (categories, frameworks, usage), not the whole
    catalogue: these tests need nothing else, and the full load takes far longer."""
    for step in (loaders.categories_load, loaders.frameworks_load, loaders.framework_usage_load):
        step(lambda line: None)


def demo_day_pin(monkeypatch) -> None:
    monkeypatch.setattr(lifecycle, "current_date", lambda: DEMO_DAY)


@pytest.fixture
def demo_map(db, monkeypatch):
    """The demo framework map: the review's frameworks with their real overlaps,
    seen on DEMO_DAY."""
    demo_day_pin(monkeypatch)
    framework_map_load()
