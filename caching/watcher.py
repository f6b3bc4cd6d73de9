"""Knowing the cache generations without asking Redis on every request.

Reading a generation from Redis is a network round trip: on a cached page it costs about as
much as the rest of the request. So each process subscribes to a Redis channel on which every
bump is announced, after the new generation is stored. A request then only checks, without
waiting, whether anything arrived on that connection: nothing means that the generations it
read before still hold; a message means that they are read again.

Whenever that cannot be trusted (not yet subscribed, the connection broke, Redis is down), the
generation is read from Redis on every request, as without the watcher. A connection that died
without a sound is covered by reading again at least every `recheck_seconds`.

What remains is the moment between Redis answering the bump and its announcement reaching the
other processes (the same event-loop turn of Redis): a request that lands exactly then may
still get the page of the previous generation. The process that bumped is not affected: it
marks itself stale at once.
"""

import logging
import os
import threading
import time

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from .breaker import BreakerConnection, CircuitOpen

logger = logging.getLogger(__name__)

RETRY_SECONDS = 1.0  # after a failed subscription; until then every request reads from Redis


class GenerationWatcher:
    def __init__(self, url, channel, read, recheck_seconds=1.0, timeout=None, on_change=None):
        self.url = url
        self.channel = channel
        self.read = read  # read(name): the generation from the shared cache, None if unreachable
        # Called on every (re)connection and announcement: the page cache then asks the
        # database too (Redis may be back with less than it had; a publish was committed).
        self.on_change = on_change or (lambda: None)
        self.recheck_seconds = recheck_seconds
        # Connect and read timeouts: the cache's (REDIS_TIMEOUT), through the same breaker.
        self.timeout = settings.REDIS_TIMEOUT if timeout is None else timeout
        self.lock = threading.Lock()
        self.pid = os.getpid()
        self.client = self.pubsub = None
        self.stale = False  # set from outside the lock: read again on the next request
        self.retry_at = 0.0
        self.known = {}
        self.read_at = 0.0

    def generation(self, name=""):
        if not self.lock.acquire(blocking=False):  # another thread is polling: don't wait
            return self.read(name)
        try:
            if not self.listening():
                return self.read(name)
            now = time.monotonic()
            if self.announced():
                self.on_change()
                self.known.clear()
                self.read_at = now
            elif now - self.read_at > self.recheck_seconds:
                self.known.clear()
                self.read_at = now
            if name not in self.known:
                value = self.read(name)
                if value is None:  # unreachable: nothing to remember
                    return None
                self.known[name] = value
            return self.known[name]
        except redis.RedisError as error:
            self.forget(f"lost its connection ({error})")
            return self.read(name)
        finally:
            self.lock.release()

    def listening(self):
        if self.pid != os.getpid():  # a forked child: the parent's socket is not ours
            self.pid, self.client, self.pubsub, self.known = os.getpid(), None, None, {}
        if self.pubsub is not None:
            return True
        if time.monotonic() < self.retry_at:
            return False
        client = redis.Redis.from_url(
            self.url,
            socket_connect_timeout=self.timeout,
            socket_timeout=self.timeout,
            retry=Retry(NoBackoff(), 0),  # fail at once: the request reads from Redis instead
            # A failure opens the breaker of this Redis for every connection of the process;
            # while it is open, no subscription is even tried.
            connection_class=BreakerConnection,
            breaker_seconds=settings.REDIS_BREAKER_SECONDS,
            client_name=f"watcher:{self.channel}",  # as CLIENT LIST shows it
        )
        pubsub = client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            # Only once Redis confirms is every later bump sure to arrive here.
            message = pubsub.get_message(timeout=self.timeout)
            if not message or message["type"] != "subscribe":
                raise redis.ConnectionError("no confirmation of the subscription")
        except redis.RedisError as error:
            pubsub.close()
            client.close()
            self.retry_at = time.monotonic() + RETRY_SECONDS
            if not isinstance(error, CircuitOpen):  # else the breaker said it already
                logger.warning("Page cache: cannot subscribe to %s (%s)", self.channel, error)
            return False
        # redis-py may still reconnect on its own (and subscribe again): bumps made meanwhile
        # were not heard, so a reconnection counts as an announcement.
        pubsub.connection.register_connect_callback(self.mark_stale)
        self.client, self.pubsub = client, pubsub  # the client too: its pool holds the socket
        self.known.clear()  # what was read before the subscription may be stale
        self.on_change()
        return True

    @property
    def subscribed(self):
        """Whether announcements reach this process (else each request reads from Redis)."""
        return self.pubsub is not None and self.pid == os.getpid()

    def mark_stale(self, connection=None):
        """A reconnection, or a bump made by this very process: it need not wait for its own
        announcement to come back."""
        self.stale = True

    def announced(self):
        """Whether anything arrived since the last look; reads it all, never waits."""
        arrived = False
        while self.pubsub.get_message(timeout=0) is not None:
            arrived = True
        arrived, self.stale = arrived or self.stale, False
        return arrived

    def forget(self, reason):
        logger.warning("Page cache: the watcher of %s %s", self.channel, reason)
        self.close()
        self.retry_at = time.monotonic() + RETRY_SECONDS

    def close(self):
        for part in (self.pubsub, self.client):
            if part is not None:
                part.close()
        self.client = self.pubsub = None
        self.known.clear()


def announce(client, channel):
    """Tells every watcher that a generation changed; called after storing the new one."""
    client.publish(channel, b"bumped")
