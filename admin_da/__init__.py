"""The admin in Danish: our catalogue of Wagtail's and Django's own strings (locale/ only).

Listed before the Wagtail apps in INSTALLED_APPS, so its translations win over theirs (earlier
apps' catalogues win). It holds no code of its own and imports nothing: a leaf app.
tests/test_admin_danish.py keeps it compiled, complete and in step with Wagtail's msgids.
"""
