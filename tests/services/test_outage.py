"""A dead host fails fast and is down for the run; a slow or silent one is bounded by its
deadline; "unreachable" is remembered briefly, never as "does not exist"."""

import re
import socket
import threading
import time
from argparse import Namespace

import pytest

from genelint.rule import Lookup
from genelint.services import RunStats, resolve
from genelint.services.cli import run as cache_command

from .conftest import DATA, settings_from

FASTA = (DATA / "P0A183.fasta").read_text()
FASTA_REPLY = (
    f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {len(FASTA)}\r\n"
    f"Connection: close\r\n\r\n{FASTA}"
).encode()
ACCESSIONS = [f"P{n:05d}" for n in range(10, 30)]  # 20 well-formed accessions: 20 requests


def accessions(n=None):
    return [Lookup("uniprot", acc) for acc in ACCESSIONS[:n]]


def refused_url() -> str:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now: every connection is refused
    return f"http://127.0.0.1:{port}/uniprot"


UNRESOLVABLE = "http://genelint-no-such-host.invalid/uniprot"  # .invalid never resolves (RFC 6761)


class Counter:
    def __init__(self):
        self.connections = 0
        self.lock = threading.Lock()

    def __call__(self, conn):
        with self.lock:
            self.connections += 1


@pytest.mark.parametrize(
    "url, reason",
    [
        (refused_url, "unreachable (could not connect: Connection refused)"),
        (lambda: UNRESOLVABLE, "unreachable (host name could not be resolved)"),
    ],
)
def test_dead_host_is_tried_once_and_down_for_the_run(service_table, url, reason):
    stats = RunStats()
    settings = settings_from({**service_table, "uniprot": url()}, retries=3, backoff=1)
    answers = resolve(accessions(), settings, stats=stats)
    assert {answer.status for answer in answers.values()} == {"error"}
    assert {answer.error for answer in answers.values()} == {f"uniprot: {reason}"}
    assert stats.requests == {
        "uniprot": 1
    }  # no retry, no second request: the rest answered at once
    assert stats.down == {"uniprot": reason}


def test_down_host_does_not_wait_for_its_rate_limit(service_table):
    # One request a second would make 20 lookups take 20 s; once the host is down they take none.
    settings = settings_from(
        {**service_table, "uniprot": refused_url()},
        **{"rate-limits": {"uniprot": 1.0}, "concurrency": {"uniprot": 1}},
    )
    stats = RunStats()
    resolve(accessions(), settings, stats=stats)
    assert stats.requests == {"uniprot": 1}


def test_other_hosts_still_answer_when_one_is_down(httpserver, service_table):
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    settings = settings_from(
        {**service_table, "eutils": refused_url().replace("/uniprot", "/eutils")}
    )
    answers = resolve([Lookup("uniprot", "P0A183"), Lookup("rsid", "rs268")], settings)
    assert answers[Lookup("uniprot", "P0A183")].status == "found"
    assert answers[Lookup("rsid", "rs268")].error.startswith("eutils: unreachable")


def test_black_holed_host_is_bounded_by_its_deadline(service_table, raw_server):
    accepted = Counter()

    def never_answer(conn):
        accepted(conn)
        time.sleep(30)

    settings = settings_from(
        {**service_table, "uniprot": raw_server(never_answer)},
        timeout=0.3,
        retries=5,
        **{"host-deadline": 1.0},
    )
    answers = resolve(accessions(), settings)
    errors = {answer.error for answer in answers.values()}
    assert {answer.status for answer in answers.values()} == {"error"}
    assert (
        "uniprot: no answer within its 1 s deadline for the run (services.host-deadline)" in errors
    )
    assert errors <= {
        "uniprot: no answer within its 1 s deadline for the run (services.host-deadline)",
        "uniprot: sent no reply within 0.3 s",
    }
    # Two in flight at a time, each tried at most until the deadline: far fewer than 20 x 6 tries.
    assert accepted.connections <= 2 * 4


def test_slow_host_answers_until_its_deadline_then_the_rest_is_unverified(
    service_table, raw_server
):
    def slow(conn):
        time.sleep(0.25)
        conn.sendall(FASTA_REPLY)

    settings = settings_from(
        {**service_table, "uniprot": raw_server(slow)}, timeout=2, **{"host-deadline": 1.0}
    )
    answers = resolve(accessions(), settings)
    statuses = [answer.status for answer in answers.values()]
    assert statuses.count("found") >= 2  # the host does answer, two at a time, until the deadline
    assert set(statuses) == {"found", "error"}
    assert {a.error for a in answers.values() if a.status == "error"} == {
        "uniprot: no answer within its 1 s deadline for the run (services.host-deadline)"
    }


def test_deadline_counts_across_the_rounds_of_a_run(service_table, raw_server):
    def slow(conn):
        time.sleep(0.3)
        conn.sendall(FASTA_REPLY)

    settings = settings_from(
        {**service_table, "uniprot": raw_server(slow)},
        timeout=2,
        **{"host-deadline": 0.5, "concurrency": {"uniprot": 1}},
    )
    stats = RunStats()
    resolve(accessions(2), settings, stats=stats, use_cache=False)
    second_round = resolve([Lookup("uniprot", "P99999")], settings, stats=stats, use_cache=False)
    assert second_round[Lookup("uniprot", "P99999")].error.startswith(
        "uniprot: no answer within its 0.5 s deadline"
    )


def drip(conn, head=b"", sent=None):
    """Headers (or not even those) and then a byte at a time: each read gets something. When
    it stops, `sent` (a list) gets how many bytes went out."""
    count = 0
    try:
        conn.sendall(head)
        count = len(head)
        for byte in FASTA_REPLY[len(head) :]:
            conn.sendall(bytes([byte]))
            count += 1
            time.sleep(0.05)
    except OSError:
        pass  # the client cut the connection
    finally:
        if sent is not None:
            sent.append(count)


@pytest.mark.parametrize(
    "head",
    [b"", FASTA_REPLY[: FASTA_REPLY.index(b"\r\n\r\n") + 4]],
    ids=["dripped headers", "dripped body"],
)
def test_dripping_server_is_cut_by_the_request_deadline(service_table, raw_server, head):
    sent = []
    settings = settings_from(
        {**service_table, "uniprot": raw_server(lambda conn: drip(conn, head, sent))},
        timeout=0.3,
        **{"connect-timeout": 0.2, "host-deadline": 30},
    )
    answer = resolve([Lookup("uniprot", "P0A183")], settings)[Lookup("uniprot", "P0A183")]
    assert (answer.status, answer.error) == ("error", "uniprot: no complete answer within 0.5 s")
    # The connection was cut, not read to its end: the whole reply takes the server 13 s to
    # drip, and the run must not wait for it. (A body sent with "Connection: close" used to be
    # read whole: the reply had taken the socket from the connection the watchdog cut.)
    deadline = time.monotonic() + 60
    while not sent and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sent and sent[0] < len(FASTA_REPLY)


def test_a_reply_cut_inside_its_status_line_is_no_answer(service_table, raw_server):
    # The status line's end never comes: the watchdog's cut ends the reply there, which the
    # HTTP client reads as a 200 with no headers and an empty body. Taken as an answer, an empty
    # UniProt entry would be reported as obsolete (GL308) because the service was slow.
    def stall(conn):  # each read gets a byte, so only the request's deadline can end it
        try:
            conn.sendall(b"HTTP/1.1 200 OK")
            for _ in range(60):
                conn.sendall(b" ")
                time.sleep(0.05)
        except OSError:
            pass  # the client cut the connection

    settings = settings_from(
        {**service_table, "uniprot": raw_server(stall)},
        timeout=0.3,
        **{"connect-timeout": 0.2, "host-deadline": 30},
    )
    answer = resolve([Lookup("uniprot", "P0A183")], settings)[Lookup("uniprot", "P0A183")]
    assert (answer.status, answer.error) == ("error", "uniprot: no complete answer within 0.5 s")


# --- remembered across runs ---------------------------------------------------------------


def test_unreachable_host_is_remembered_for_the_next_run(service_table):
    settings = settings_from({**service_table, "uniprot": refused_url()})
    resolve(accessions(1), settings)
    stats = RunStats()
    answer = resolve(accessions(2)[1:], settings, stats=stats)[accessions(2)[1]]
    assert stats.requests == {}  # not asked again
    assert answer.status == "error"
    assert answer.error.startswith(
        "uniprot: unreachable (could not connect: Connection refused), found by a run less than a minute ago"
    )
    assert "`genelint cache clear` forgets it" in answer.error


def test_remembered_only_for_the_configured_minutes(service_table):
    settings = settings_from(
        {**service_table, "uniprot": refused_url()}, **{"down-ttl-minutes": 1e-5}
    )
    resolve(accessions(1), settings)
    time.sleep(0.01)
    stats = RunStats()
    resolve(accessions(1), settings, stats=stats)
    assert stats.requests == {"uniprot": 1}  # forgotten: asked again


def test_remembering_is_per_base_url(httpserver, service_table):
    resolve(accessions(1), settings_from({**service_table, "uniprot": refused_url()}))
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    answer = resolve([Lookup("uniprot", "P0A183")], settings_from(service_table))
    assert answer[Lookup("uniprot", "P0A183")].status == "found"


def test_no_cache_neither_reads_nor_writes_it(service_table):
    settings = settings_from({**service_table, "uniprot": refused_url()})
    resolve(accessions(1), settings, use_cache=False)
    assert not settings.down_file.exists()
    resolve(accessions(1), settings)
    stats = RunStats()
    resolve(accessions(1), settings, stats=stats, use_cache=False)
    assert stats.requests == {"uniprot": 1}


def test_cache_clear_forgets_it(service_table, capsys):
    settings = settings_from({**service_table, "uniprot": refused_url()})
    resolve(accessions(1), settings)
    assert settings.down_file.exists()
    assert (
        cache_command(
            Namespace(cache_action="clear"), {**service_table, "uniprot": settings.urls["uniprot"]}
        )
        == 0
    )
    assert not settings.down_file.exists()
    stats = RunStats()
    resolve(accessions(1), settings, stats=stats)
    assert stats.requests == {"uniprot": 1}


def test_a_failure_is_never_cached_as_an_answer(httpserver, service_table):
    dead = settings_from({**service_table, "uniprot": refused_url()})
    resolve([Lookup("uniprot", "P0A183")], dead)
    # The same cache folder, the service back at another address: asked, and found.
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    answer = resolve([Lookup("uniprot", "P0A183")], settings_from(service_table))[
        Lookup("uniprot", "P0A183")
    ]
    assert answer.status == "found"
    assert len(httpserver.log) == 1


def one_request_at_a_time(service_table, url):
    """UniProt at `url`, asked one request at a time, each given 0.2 s, with no retry."""
    return settings_from(
        {**service_table, "uniprot": url},
        timeout=0.2,
        retries=0,
        **{"concurrency": {"uniprot": 1}, "host-deadline": 30},
    )


def test_a_silent_host_is_down_after_its_first_time_out_and_remembered(service_table, raw_server):
    # A black hole, or a proxy that takes the connection and never answers: each request would
    # wait its whole time-out, run after run (a pre-commit hook's 30 s at every commit).
    accepted = Counter()

    def never_answer(conn):
        accepted(conn)
        time.sleep(5)

    settings = one_request_at_a_time(service_table, raw_server(never_answer))
    stats = RunStats()
    answers = resolve(accessions(5), settings, stats=stats)
    assert {a.error for a in answers.values()} == {"uniprot: sent no reply within 0.2 s"}
    assert accepted.connections == 1  # the other four answered at once
    assert stats.down == {"uniprot": "sent no reply within 0.2 s"}
    assert settings.down_file.exists()
    again = RunStats()
    resolve(accessions(1), settings, stats=again)
    assert again.requests == {}  # the next run does not wait for it again


def test_a_time_out_after_an_error_reply_is_no_silent_host(service_table, raw_server):
    # The host answers 503 (urllib3 retries it), then the retry times out: it has replied, so it
    # is not "sent no reply", and not remembered down.
    replies = Counter()

    def busy_then_slow(conn):
        replies(conn)
        if replies.connections == 1:
            conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")
        else:
            time.sleep(5)

    settings = settings_from(
        {**service_table, "uniprot": raw_server(busy_then_slow)},
        timeout=0.3,
        retries=1,
        backoff=0,
        **{"concurrency": {"uniprot": 1}, "host-deadline": 30},
    )
    stats = RunStats()
    answer = resolve(accessions(1), settings, stats=stats)[Lookup("uniprot", ACCESSIONS[0])]
    assert answer.status == "error"
    assert "sent no reply" not in answer.error
    assert stats.down == {}
    assert not settings.down_file.exists()


def test_a_time_out_after_replies_is_neither_down_nor_remembered(service_table, raw_server):
    # A host that has answered is up, only slow or flaky: its other lookups are still asked.
    replies = Counter()

    def first_then_slow(conn):
        replies(conn)
        if replies.connections == 1:
            conn.sendall(FASTA_REPLY)
        else:
            time.sleep(5)

    settings = one_request_at_a_time(service_table, raw_server(first_then_slow))
    stats = RunStats()
    answers = resolve(accessions(3), settings, stats=stats)
    statuses = sorted(a.status for a in answers.values())
    assert statuses == ["error", "error", "found"]
    assert {a.error for a in answers.values() if a.error} == {
        "uniprot: no answer in time (read 0.2 s, 0 retries)"
    }
    assert replies.connections == 3  # each lookup asked
    assert stats.down == {}
    assert not settings.down_file.exists()


# --- the progress bar ---------------------------------------------------------------------


class Terminal:
    """A stand-in standard error that says it is a terminal, keeping what is written."""

    def __init__(self, tty=True):
        self.text, self.tty = "", tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass

    def isatty(self):
        return self.tty


def test_progress_bar_counts_lookups_as_they_are_answered(httpserver, service_table, monkeypatch):
    # Two services: uniprot answers, eutils is down and answers its lookups at once.
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    table = {**service_table, "eutils": refused_url().replace("/uniprot", "/eutils")}
    lookups = [Lookup("uniprot", "P0A183"), *(Lookup("rsid", f"rs{n}") for n in range(1, 6))]
    resolve(lookups, settings_from(table), progress=True)
    counts = [int(n) for n in re.findall(r"\| *([0-9]+)/6 ", terminal.text)]
    assert counts[-1] == 6  # every answer counted, those of the down host included
    assert counts == sorted(counts)


def test_progress_bar_only_on_a_terminal(service_table, monkeypatch):
    terminal = Terminal(tty=False)
    monkeypatch.setattr("sys.stderr", terminal)
    resolve(
        accessions(3), settings_from({**service_table, "uniprot": refused_url()}), progress=True
    )
    assert terminal.text == ""


def test_cache_info_names_the_hosts_remembered_down(service_table, capsys):
    url = refused_url()
    resolve(accessions(1), settings_from({**service_table, "uniprot": url}))
    assert cache_command(Namespace(cache_action="info"), {**service_table, "uniprot": url}) == 0
    assert (
        "  down: uniprot unreachable (could not connect: Connection refused), found by a run less than a minute "
        "ago (`genelint cache clear` forgets it)"
    ) in capsys.readouterr().out.splitlines()


def test_a_cache_folder_that_cannot_be_written_only_forgets(service_table, tmp_path):
    settings = settings_from({**service_table, "uniprot": refused_url()})
    settings.cache_dir.mkdir(parents=True)
    settings.down_file.mkdir()  # where the file should go, a folder: every write fails
    answers = resolve(accessions(2), settings)  # remembering the host fails: the run goes on
    assert {a.error for a in answers.values()} == {
        "uniprot: unreachable (could not connect: Connection refused)"
    }
    stats = RunStats()
    resolve(accessions(1), settings, stats=stats)
    assert stats.requests == {"uniprot": 1}  # not remembered, so asked again


def test_a_proxy_that_refuses_the_tunnel_says_so(service_table, raw_server, monkeypatch):
    # A proxy that will not open a tunnel to the service (as an egress proxy refusing HTTPS):
    # its own status is the reason, not "connection failed (OSError)".
    proxy = raw_server(lambda conn: conn.sendall(b"HTTP/1.1 426 Upgrade Required\r\n\r\n"))
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "")
    settings = settings_from({**service_table, "uniprot": "https://uniprot.genelint.invalid/"})
    stats = RunStats()
    answers = resolve(accessions(3), settings, stats=stats)
    reason = "unreachable (through the proxy: Tunnel connection failed: 426 Upgrade Required)"
    assert {a.error for a in answers.values()} == {f"uniprot: {reason}"}
    assert stats.down == {"uniprot": reason}  # down for the run: the rest answered at once
