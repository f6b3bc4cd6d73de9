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
        token = guard.begin(self)
        try:
            return execute(sql, params, many, context)
        finally:
            guard.end(token)

    def watched(self, method, *args, refuse=True):
        token = guard.begin(self, refuse)
        try:
            return method(*args)
        finally:
            guard.end(token)

    def get_new_connection(self, conn_params):  # refused at once while stalled
        return self.watched(super().get_new_connection, conn_params)

    def is_usable(self):  # a kept connection's health check; also between requests
        return self.watched(super().is_usable)

    def _commit(self):
        return self.watched(super()._commit)

    def _rollback(self):  # never refused: it ends a transaction that failed
        return self.watched(super()._rollback, refuse=False)
