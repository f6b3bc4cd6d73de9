"""PostgreSQL: one index, each row stemmed in its object's language (see backend.py)."""

from copy import copy

from wagtail.models import Locale
from wagtail.search.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = {}
        languages = None
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            if locale_id is not None and languages is None:
                languages = dict(Locale.objects.values_list("pk", "language_code"))
            language = languages.get(locale_id) if locale_id is not None else None
            by_config.setdefault(self.backend.config_for(language), []).append(obj)
        for config, group in by_config.items():
            # Wagtail's index reads the configuration from its backend: a copy per language.
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.default_config = self.config
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))

    def config_for(self, language):
        return self.language_configs.get(language, self.default_config)

    def with_config(self, config):
        backend = copy(self)
        backend.config = config
        return backend

    def for_language(self, language):
        return self.with_config(self.config_for(language))
