from django.apps import AppConfig


class LaunchConfig(AppConfig):
    """No models: the launch content and its management commands (load_launch_content,
    load_example_symbioses)."""

    name = "launch"
    default_auto_field = "django.db.models.BigAutoField"
