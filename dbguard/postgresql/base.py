"""Django's PostgreSQL backend, with every operation that waits for the server watched by the
guard (dbguard/guard.py): connecting, queries, the health check of a kept connection, commit,
rollback."""

from django.db.backends.postgresql import base

from dbguard.guard import guard


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.execute_wrappers.append(self.watched_execute)  # every cursor's execute()

    def watched_execute(self, execute, sql, params, many, context):
        with guard.watching(self):
            return execute(sql, params, many, context)

    def get_new_connection(self, conn_params):  # refused at once while stalled
        with guard.watching(self):
            return super().get_new_connection(conn_params)

    def _cursor(self, name=None):  # connects, and checks a kept connection's health
        with guard.watching(self):
            return super()._cursor(name)

    def is_usable(self):  # also called between requests (close_old_connections)
        with guard.watching(self):
            return super().is_usable()

    def _commit(self):
        with guard.watching(self):
            return super()._commit()

    def _rollback(self):  # never refused: it ends a transaction that failed
        with guard.watching(self, refuse=False):
            return super()._rollback()
