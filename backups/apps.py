from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` and `manage.py restore`: the database and the media files, with a
    manifest of checksums. Infrastructure: knows no feature app, only the page cache."""

    name = "backups"
