from django.apps import AppConfig


class AdminDaConfig(AppConfig):
    # No translatable strings here: `make messages` leaves this app's catalogue alone.
    name = "admin_da"
    verbose_name = "Admin in Danish"
