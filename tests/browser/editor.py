"""What an editor does in the admin, shared by the browser tests."""

import time

import pytest
from playwright.sync_api import expect
from wagtail.admin.models import EditingSession

USERNAME, PASSWORD = "redaktoer", "hemmeligt-kodeord-123"  # tests/conftest.py: admin_user


def log_in(page):
    page.goto(page.network.origin + "/admin/login/")
    page.locator('input[name="username"]').fill(USERNAME)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').click()
    expect(page).to_have_url(page.network.origin + "/admin/")


def publish(page):
    """The editor's Publish action, in the menu of the editor's footer."""
    page.locator("footer .w-dropdown__toggle").click()
    page.locator('footer button[name="action-publish"]').click()
    expect(page.locator(".messages .success")).to_be_visible()


def leave_editor(page, to="/admin/"):
    """Leaving, the editor releases its editing session with a beacon; wait until it is gone, so
    the live server does not handle the beacon while the test's database is being torn down."""
    page.goto(page.network.origin + to)
    for _ in range(100):
        if not EditingSession.objects.exists():
            return
        time.sleep(0.05)
    pytest.fail("the editor's editing session was not released")
