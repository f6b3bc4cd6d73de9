"""A TCP proxy that can freeze, for the fault tests of a database that stops answering."""

import select
import socket
import threading


class FreezableProxy:
    """A TCP proxy to PostgreSQL that can freeze: it stops forwarding bytes, both ways, while
    every connection stays open (a database that hangs, or a network path that does)."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.flowing = threading.Event()
        self.flowing.set()
        self.closed = False
        self.sockets = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            threading.Thread(target=self.pump, args=(client, server), daemon=True).start()

    def pump(self, one, other):
        pairs = {one: other, other: one}
        while not self.closed:
            if not self.flowing.wait(0.05):
                continue  # frozen: nothing read, nothing sent, nothing closed
            try:
                readable, _, _ = select.select(list(pairs), [], [], 0.05)
                for source in readable:
                    if not self.flowing.is_set():
                        break
                    data = source.recv(65536)
                    if not data:
                        return self.close_pair(one, other)
                    pairs[source].sendall(data)
            except (OSError, ValueError):  # closed meanwhile (by close())
                return self.close_pair(one, other)

    @staticmethod
    def close_pair(*pair):
        for part in pair:
            part.close()

    def freeze(self):
        self.flowing.clear()

    def thaw(self):
        self.flowing.set()

    def close(self):
        self.closed = True
        self.flowing.set()
        self.listener.close()
        for part in self.sockets:
            part.close()
