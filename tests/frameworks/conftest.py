import pytest

from marketplace.demo import loaders


def framework_map_load() -> None:
    """Only the demo's framework map (categories, frameworks, usage), not the whole
    catalogue: these tests need nothing else, and the full load takes far longer."""
    for step in (loaders.categories_load, loaders.frameworks_load, loaders.framework_usage_load):
        step(lambda line: None)


@pytest.fixture
def demo_map(db):
    """The demo framework map: the review's frameworks with their real overlaps."""
    framework_map_load()
