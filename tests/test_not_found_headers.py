"""A missing address (404) says how long it may be kept: briefly, by anyone (`public`,
max-age PAGE_CACHE_BROWSER_SECONDS), so repeated requests for it are answered by the browser
or the CDN, and a page published there later shows within that time (publishing also purges
its address from the CDN)."""

import pytest


def directives(response):
    parts = (part.strip() for part in response.get("Cache-Control", "").split(","))
    return dict((part.split("=") + [""])[:2] for part in parts if part)


@pytest.mark.parametrize(
    "address",
    [
        "/findes-ikke/",
        "/en/does-not-exist/",
        "/symbioser/findes-ikke/",
        "/en/symbioses/does-not-exist/",
        "/findes-ikke/feed.atom",
        "/en/does-not-exist/data.json",
    ],
)
def test_a_missing_address_is_kept_briefly_by_anyone(client, launch, settings, address):
    response = client.get(address)
    assert response.status_code == 404
    assert directives(response) == {
        "public": "",
        "max-age": str(settings.PAGE_CACHE_BROWSER_SECONDS),
    }
    english = address.startswith("/en/")
    assert ("Page not found" if english else "Siden blev ikke fundet") in response.content.decode()
