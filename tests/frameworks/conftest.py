import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_map(db):
    """The demo framework map: the review's frameworks with their real overlaps."""
    call_command("load_demo_data", "--no-users", "--no-search-index", stdout=io.StringIO())
