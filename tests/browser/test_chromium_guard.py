"""The guard in front of the browser tests: skip without Chromium, but never in CI."""

import pytest

from .conftest import CHROMIUM, in_ci, require_chromium


@pytest.mark.parametrize("value", ["true", "1", "yes", "TRUE"])
def test_missing_chromium_fails_in_ci(tmp_path, value):
    with pytest.raises(pytest.fail.Exception, match="must not be skipped in CI"):
        require_chromium(tmp_path / "chromium", {"CI": value})


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"}])
def test_missing_chromium_skips_outside_ci(tmp_path, environ):
    with pytest.raises(pytest.skip.Exception, match="apt|chromium"):
        require_chromium(tmp_path / "chromium", environ)


def test_present_chromium_runs(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.touch()
    require_chromium(chromium, {"CI": "true"})  # neither skips nor fails


def test_ci_detection():
    assert in_ci({"CI": "true"})
    assert not in_ci({})
    assert CHROMIUM.name == "chromium"
