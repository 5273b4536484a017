"""The open-data formats and the ``data_format`` URL converter every app's
downloads use."""

import pytest
from django.urls import NoReverseMatch, reverse

from marketplace.core.open_data import FILE_FORMATS, DataFormat


def test_the_converter_accepts_exactly_the_formats_datasets_download_in():
    assert DataFormat.regex == "csv|json"
    assert FILE_FORMATS == ("csv", "json")


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("frameworks:open-data-download", {"name": "lots"}, "/frameworks/data/lots.csv"),
        ("strategies:pipeline-download", {}, "/strategies/pipeline.csv"),
    ],
)
def test_each_app_builds_its_download_links_with_the_one_converter(name, kwargs, path):
    assert reverse(name, kwargs={**kwargs, "file_format": "csv"}) == path
    with pytest.raises(NoReverseMatch):
        reverse(name, kwargs={**kwargs, "file_format": "xml"})
