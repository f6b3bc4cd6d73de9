"""The outage banner across servers: switched on in the admin on server A, it is on server B's
very next response, from a page B had in the shared cache; switched off, gone at once."""

import json
from urllib.parse import urlparse

import bs4
import pytest

from .test_two_servers import OM, Editor, assert_cache_hit, errors, form_fields, visit, warm

MESSAGE = "Vandet er lukket på Slotsgade til kl. 14."
SETTINGS = "/admin/settings/alerts/alertsettings/"


def banner(response):
    body = bs4.BeautifulSoup(response.text, "html.parser").body
    first, second = body.find_all(recursive=False)[:2]
    assert "skip-link" in first["class"]
    return second if "site-alert" in second.get("class", []) else None


@pytest.mark.multiserver
def test_switching_the_banner_on_shows_on_the_other_server_at_once(servers):
    a, b = servers
    editor = Editor(a)
    editor.log_in()
    path = urlparse(editor.get(SETTINGS).url).path  # Wagtail redirects to the setting's id

    for page in ("/", OM, "/en/"):
        assert banner(warm(page, a, b)) is None
    assert json.loads(visit(b, "/status.json").text)["alert"] is None

    editor.save_settings(path, message=MESSAGE, active="on", severity="critical")
    for page in ("/", OM):
        shown = banner(visit(b, page))
        assert shown is not None, f"{page} on {b}: no banner on the next response"
        assert shown.strong.get_text(strip=True) == "Kritisk:"
        assert MESSAGE in shown.get_text()
        assert shown.find(attrs={"role": "alert"}) is not None
    english = banner(visit(b, "/en/"))
    assert english.find("span", lang="da").get_text() == MESSAGE  # no English text: Danish
    status = json.loads(visit(b, "/status.json").text)
    assert (status["alert"]["severity"], status["alert"]["message"]) == ("critical", MESSAGE)

    # Cached again with the banner, then switched off on A: gone from B's next response.
    assert_cache_hit(visit(b, "/"), b)
    form, _ = editor.form(path, "message")
    data = form_fields(form)
    assert data.pop("active") == "on"  # unticked: the browser sends nothing for the box
    response = editor.post(path, data)
    assert response.status_code == 302, errors(response)
    for server in (b, a):
        for page in ("/", OM, "/en/"):
            assert banner(visit(server, page)) is None, f"{page} on {server}: still shown"
