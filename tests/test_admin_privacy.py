"""The admin, like the site, makes no request to a third party: no avatars from Gravatar, no
update check against wagtail.org from the editor's browser."""


def test_the_dashboard_asks_no_third_party(client, admin_user, launch):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "w-upgrade" not in html  # its script fetches releases.wagtail.org
