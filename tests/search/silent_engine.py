"""A hung search engine for the timeout and circuit-breaker tests."""

import socket


class SilentEngine:
    """A local port that takes connections and never says a word: a hung engine.

    The kernel completes each TCP handshake into the listen backlog by itself, so
    the client connects, sends its request and waits, exactly as with a hung
    node. ``connections()`` accepts what has queued and counts it: a request that
    has returned has already connected, so the count needs no thread and no wait.
    """

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=32)
        self.listener.setblocking(False)
        self.accepted: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def connections(self) -> int:
        while True:
            try:
                connection, _ = self.listener.accept()
            except BlockingIOError:
                return len(self.accepted)
            self.accepted.append(connection)  # held open, never answered

    def close(self) -> None:
        for connection in self.accepted:
            connection.close()
        self.listener.close()
