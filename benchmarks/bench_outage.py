"""`genelint check` when the services are down or slow, against the offline time.

Writes --pages generated pages (benchmarks/make_corpus.py) and times the real CLI:

  - offline: `genelint check --offline`, cold (--no-cache: every page parsed) and warm;
  - refused: every service on a 127.0.0.1 port that refuses connections;
  - unresolvable: every service under a host name that does not resolve (.invalid);
    target for both: at most the offline time + 2 s (both cold);
  - refused, warm: the refused run again with its caches (hosts remembered down, result
    cache warm), against the warm offline time;
  - slow: every service answers each request after --delay seconds (a loopback server;
    with a request time-out above the delay, so the answers do arrive); target: at most
    the offline time + the host's deadline (--deadline);
  - Ctrl-C: SIGINT to the refused, unresolvable and slow runs (once the lookups have begun,
    which is while the pages are still parsed: 50 ms after the run opens its services cache;
    at half the run's time; for the slow one, once the server has a request);
    target: exit within 1 s, with status 130;
  - dripping: every service answers 200 with its headers (a Content-Length, "Connection:
    close") and then a byte of the body every 0.2 s, so the whole body takes --drip-seconds;
    "dripping headers" drips the headers too. The requests' time-outs are short (services
    timeout 2 s, connect-timeout 1 s) and the host's deadline is --drip-rounds of those
    limits, since a request cut at its limit does not put its host down and the next lookup
    may try again; target: at most the offline time + that deadline, far below the body's time.

Each service run gets its own services cache, so nothing is answered from an earlier run;
the reference data is unpacked once beforehand. Beside wall times, the CPU seconds of each
run's process tree (less sensitive to other work on the machine). Figures only, never
pass/fail.

    python benchmarks/bench_outage.py [--pages 2000] [--runs 3] [--delay 10] [--deadline 20]
        [--drip-seconds 120] [--drip-rounds 3] [--skip-slow] [--only-dripping]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import platformdirs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import write_corpus  # noqa: E402

HOSTS = ("crossref", "doi", "eutils", "variation", "uniprot")
# Where the offline runs (no config) keep the reference data's unpacked copy and name index.
USER_REFDATA = Path(platformdirs.user_cache_dir("genelint")) / "refdata"


def genelint_command() -> list[str]:
    return [sys.executable, "-c", "import sys; from genelint.cli import main; sys.exit(main())"]


def write_config(folder: Path, name: str, urls: dict[str, str], **services: object) -> Path:
    config = folder / f"{name}.toml"
    cache = folder / ("cache-" + name)
    # The reference data follows services.cache-path too: without the user cache folder's
    # copy, each run would unpack it again (0.2 s here; and build the name index, ~14 s, for
    # pages that need it), a cost of a first run, not of the outage.
    cache.mkdir()
    (cache / "refdata").symlink_to(USER_REFDATA, target_is_directory=True)
    lines = ["[services]", f'cache-path = "{cache}"']
    lines += [f'{host} = "{url}"' for host, url in urls.items()]
    lines += [f"{key} = {value}" for key, value in services.items()]
    config.write_text("\n".join(lines) + "\n")
    return config


def timed_check(pages: Path, env: dict, *args: str) -> tuple[float, int, str, float]:
    """Wall seconds, exit status, the report's last line and the CPU seconds of the process
    tree (workers included: on a shared machine they show what load hides in wall time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(
        [*genelint_command(), "check", "--quiet", *args, str(pages)],
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    last = (result.stdout.strip().splitlines() or [result.stderr.strip()[-300:]])[-1]
    return seconds, result.returncode, last, cpu


def ctrl_c(
    pages: Path, env: dict, after: float | threading.Event | Path, *args: str
) -> tuple[float, int, str]:
    """Seconds from SIGINT to exit, the exit status, and the last line of the report. The
    signal goes after `after` seconds, once the event is set (the slow server has a request),
    or once the file exists (the services cache is opened: the lookups begin)."""
    process = subprocess.Popen(
        [*genelint_command(), "check", "--quiet", *args, str(pages)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if isinstance(after, threading.Event):
        after.wait(120)
        time.sleep(0.5)
    elif isinstance(after, Path):
        while not after.exists() and process.poll() is None:
            time.sleep(0.005)
        time.sleep(0.05)
    else:
        time.sleep(after)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    return (
        time.monotonic() - sent,
        process.returncode,
        (out.strip().splitlines() or [err.strip()])[-1],
    )


def refused_base() -> str:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    return f"http://127.0.0.1:{port}"


def slow_server(delay: float) -> tuple[ThreadingHTTPServer, threading.Event]:
    asked = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            asked.set()
            time.sleep(delay)
            body = (
                b"{}"  # an answer, of no use: each lookup then is an error answer, after the wait
            )
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (its deadline, or Ctrl-C)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, asked


DRIP_INTERVAL = 0.2  # seconds between two bytes: each read gets something, so no read times out


def dripping_server(
    body_seconds: float, headers_too: bool
) -> tuple[ThreadingHTTPServer, list[int], int]:
    """A server whose replies drip; with the list of how many bytes each reply got out before
    the client cut it (a cut reply is the evidence, beside the run's time) and a reply's size,
    headers included."""
    body = b"{" + b" " * max(0, round(body_seconds / DRIP_INTERVAL) - 2) + b"}"
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n".encode()
        # close: the reply takes the socket from its connection, the case the watchdog once
        # could not cut (it shut the connection's socket, by then None)
        + b"Connection: close\r\n\r\n"
    )
    sent: list[int] = []

    class Dripping(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self.close_connection = True
            count = 0
            try:
                if not headers_too:
                    self.wfile.write(head)
                    count = len(head)
                for byte in (head + body)[count:]:
                    self.wfile.write(bytes([byte]))
                    count += 1
                    time.sleep(DRIP_INTERVAL)
            except OSError:
                pass  # the client cut the connection: what the deadline should do
            finally:
                sent.append(count)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Dripping)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, sent, len(head) + len(body)


def median_of(runs: int, measure) -> tuple[float, int, str, float]:
    results = [measure() for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        results[-1][1],
        results[-1][2],
        statistics.median(r[3] for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--delay", type=float, default=10.0, help="seconds the slow service takes per request"
    )
    parser.add_argument(
        "--deadline", type=float, default=20.0, help="services.host-deadline for the slow run"
    )
    parser.add_argument("--skip-slow", action="store_true")
    parser.add_argument(
        "--drip-seconds",
        type=float,
        default=120.0,
        help="seconds the dripping server takes to send a whole body",
    )
    parser.add_argument(
        "--drip-rounds",
        type=int,
        default=3,
        help="services.host-deadline of the dripping runs, in requests' time limits",
    )
    parser.add_argument(
        "--only-dripping",
        action="store_true",
        help="the offline and dripping runs only (to compare the dripping ones at another commit)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="genelint-outage-") as tmp:
        folder = Path(tmp)
        pages = folder / "pages"
        pages.mkdir()
        write_corpus(pages, args.pages, seed=1, problem_share=0.3)
        # The services cache of each run is its config's cache-path (GENELINT_CACHE_DIR would
        # override it for every run, and remembered hosts would answer the runs after the first);
        # the reference data is unpacked once into the user cache folder, which each config's
        # folder links to.
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("GENELINT_CACHE_DIR", "GENELINT_OFFLINE")
        }
        subprocess.run(
            [*genelint_command(), "check", "--offline", "--quiet", str(pages)],
            env=env,
            capture_output=True,
        )  # unpacks the reference data once, outside the figures

        counter = iter(range(10_000))

        def config_for(name: str, urls: dict[str, str], **services: object) -> Path:
            return write_config(folder, f"{name}-{next(counter)}", urls, **services)

        refused = refused_base()
        scenarios = {
            "refused": lambda: {host: f"{refused}/{host}" for host in HOSTS},
            "unresolvable": lambda: {
                host: f"https://{host}.genelint-bench.invalid/api" for host in HOSTS
            },
        }
        print(f"{args.pages} pages, median of {args.runs} runs, {os.cpu_count()} CPUs")
        # Cold: no result cache (--no-cache), every page parsed, as a first run or a CI runner
        # without a cache; the outage runs are compared with this offline time. Warm: the
        # result cache filled by the run before; a run with lookups still parses the pages
        # that ask them (the network rules read the document), so it is shown apart.
        offline, _, line, offline_cpu = median_of(
            args.runs, lambda: timed_check(pages, env, "--offline", "--no-cache")
        )
        print(f"offline, cold          {offline:6.2f} s   cpu {offline_cpu:5.2f} s   {line}")
        offline_warm, _, _, offline_warm_cpu = median_of(
            args.runs, lambda: timed_check(pages, env, "--offline")
        )
        print(
            f"offline, warm          {offline_warm:6.2f} s   cpu {offline_warm_cpu:5.2f} s   (result cache)"
        )
        if args.only_dripping:
            dripping(args, pages, env, offline, config_for)
            return
        network_times = {}
        for name, urls in scenarios.items():
            seconds, code, line, cpu = median_of(
                args.runs,
                lambda name=name, urls=urls: timed_check(
                    pages, env, "--no-cache", "--config", str(config_for(name, urls()))
                ),
            )
            network_times[name] = seconds
            print(
                f"{name + ', cold':<22} {seconds:6.2f} s   offline + {seconds - offline:5.2f} s (target <= + 2 s), "
                f"cpu offline + {cpu - offline_cpu:5.2f} s, exit {code}   {line}"
            )
        shared = config_for("remembered", scenarios["refused"]())
        timed_check(pages, env, "--config", str(shared))
        seconds, code, line, cpu = median_of(
            args.runs, lambda: timed_check(pages, env, "--config", str(shared))
        )
        print(
            f"{'refused, warm':<22} {seconds:6.2f} s   offline warm + {seconds - offline_warm:5.2f} s "
            f"(hosts remembered down, result cache warm; target <= + 2 s), "
            f"cpu offline warm + {cpu - offline_warm_cpu:5.2f} s, exit {code}   {line}"
        )
        for name, urls in scenarios.items():
            # As the lookups begin: 50 ms after the run opens its (fresh) services cache, which
            # is while the pages are still parsed (the lookups are asked as pages come back).
            # And at half the run's time (the worker processes of --jobs still parsing).
            config = config_for(name, urls())
            services_cache = folder / f"cache-{config.stem}" / "services-v2.sqlite"
            for when, after in (
                ("as the lookups begin", services_cache),
                ("at half the run", network_times[name] / 2),
            ):
                exit_seconds, code, line = ctrl_c(pages, env, after, "--config", str(config))
                print(
                    f"Ctrl-C {name + ', ' + when:<32} {exit_seconds:5.2f} s to exit (target <= 1 s), exit {code}   {line}"
                )
                config = config_for(name, urls())
                services_cache = folder / f"cache-{config.stem}" / "services-v2.sqlite"

        dripping(args, pages, env, offline, config_for)
        if args.skip_slow:
            return
        server, asked = slow_server(args.delay)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        slow_urls = {host: f"{base}/{host}" for host in HOSTS}
        timeouts = {"timeout": args.delay + 2, "host-deadline": args.deadline}
        seconds, code, line, _ = timed_check(
            pages, env, "--no-cache", "--config", str(config_for("slow", slow_urls, **timeouts))
        )
        print(
            f"{'slow (' + f'{args.delay:g} s a request)':<22} {seconds:6.2f} s   offline + {seconds - offline:5.2f} s "
            f"(target <= + {args.deadline:g} s, the host deadline), exit {code}   {line}"
        )
        server.shutdown()
        server, asked = slow_server(
            args.delay
        )  # a fresh one: no request of the last run still queued
        slow_urls = {host: f"http://127.0.0.1:{server.server_address[1]}/{host}" for host in HOSTS}
        exit_seconds, code, line = ctrl_c(
            pages,
            env,
            asked,
            "--no-cache",
            "--config",
            str(config_for("slow", slow_urls, **timeouts)),
        )
        print(
            f"Ctrl-C {'slow':<15} {exit_seconds:6.2f} s to exit (target <= 1 s), exit {code}   {line}"
        )
        server.shutdown()


def dripping(args, pages: Path, env: dict, offline: float, config_for) -> None:
    """The dripping runs: one each (a run that is not cut takes minutes)."""
    # Short time-outs, so that the deadline, not the machine, decides the figure; the host's
    # deadline a few of those limits, as its default (4 read time-outs) is.
    timeouts = {"timeout": 2.0, "connect-timeout": 1.0}
    limit = timeouts["timeout"] + timeouts["connect-timeout"]
    deadline = args.drip_rounds * limit
    for name, headers_too in (("dripping", False), ("dripping headers", True)):
        server, sent, size = dripping_server(args.drip_seconds, headers_too)
        urls = {host: f"http://127.0.0.1:{server.server_address[1]}/{host}" for host in HOSTS}
        config = config_for(name.replace(" ", "-"), urls, **timeouts, **{"host-deadline": deadline})
        seconds, code, line, _ = timed_check(pages, env, "--no-cache", "--config", str(config))
        server.shutdown()
        time.sleep(2 * DRIP_INTERVAL)  # each reply's thread sees its cut at its next byte
        print(
            f"{name:<22} {seconds:6.2f} s   offline + {seconds - offline:5.2f} s "
            f"(target <= + {deadline:g} s: {args.drip_rounds} x a request's {limit:g} s, the "
            f"host deadline; a whole reply takes {args.drip_seconds:g} s), {len(sent)} replies "
            f"cut or ended, the longest at {max(sent, default=0)} of its {size} bytes, exit {code}   {line}"
        )


if __name__ == "__main__":
    main()
