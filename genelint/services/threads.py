"""Work spread over a few daemon threads, results taken as they come.

Not concurrent.futures: its worker threads are joined when the interpreter exits, so
one thread blocked on a socket would hold a Ctrl-C'd run open. These threads are
daemons; a cancelled run leaves them behind (their hosts are then down, see health.py,
so whatever they still take is answered at once, without the network).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def each_in_threads(
    work: Callable[[T], R], items: Iterable[T], workers: int, name: str = "genelint"
) -> Iterator[R]:
    """`work(item)` for every item on up to `workers` threads; results in the order they finish.
    An exception in `work` is raised here, in the caller's thread."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    count = 0
    for item in items:
        todo.put(item)
        count += 1
    done: queue.SimpleQueue = queue.SimpleQueue()

    def serve() -> None:
        while True:
            try:
                item = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((True, work(item)))
            except BaseException as exc:  # handed to the caller, who decides
                done.put((False, exc))

    threads = [
        threading.Thread(target=serve, name=f"{name}-{index}", daemon=True)
        for index in range(min(max(1, workers), count))
    ]
    for thread in threads:
        thread.start()
    for _ in range(count):
        ok, value = done.get()  # interruptible: Ctrl-C reaches a waiting main thread
        if not ok:
            raise value
        yield value
    # Every item is done, so each thread is ending: none is left running (a process that forks
    # worker processes next must not do so while a thread is midway through anything).
    for thread in threads:
        thread.join()
