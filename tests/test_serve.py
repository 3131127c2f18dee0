"""`rumorlens serve`: the review server writes the decisions file, refuses
what is not the reviewer's page, and the next `rumorlens align` applies what
it wrote."""
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from rumorlens.cli import main
from rumorlens.serve import TOKEN_HEADER, decisions_file_of, make_server
from rumorlens.triage import read_decisions

from corpus_helpers import tiny_corpus


def align(corpus: Path) -> dict:
    res = CliRunner().invoke(main, ["-q", "align", str(corpus)])
    assert res.exit_code == 0, res.output
    return json.loads((corpus.parent / "build" / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RUMORLENS_CACHE", str(root / "cache"))
        corpus = tiny_corpus(root)
        report = align(corpus)
        assert report["discrepancies"], "the tiny corpus must give findings to triage"
        yield corpus, report


@pytest.fixture()
def served(aligned):
    corpus, report = aligned
    path = decisions_file_of(report, corpus.parent / "build" / "report.json")
    server = make_server(report, path, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, corpus, report, path
    server.shutdown()
    server.server_close()
    thread.join(5)
    if path.exists():
        path.unlink()


def request(server, path="decisions", body=None, headers=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(server.url + path, data=data, headers={"Content-Type": "application/json",
                                                                        **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_default_decisions_file_is_found_beside_the_corpus(aligned):
    corpus, report = aligned
    assert report["triage"]["decisions"] == "corpus.decisions.jsonl"
    # not written yet: it goes beside the corpus folder it is named after
    assert decisions_file_of(report, corpus.parent / "build" / "report.json") == \
        corpus.parent / "corpus.decisions.jsonl"


def test_decisions_file_lookup_order(tmp_path):
    report = {"triage": {"decisions": "x.decisions.jsonl"}}
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert decisions_file_of(report, tmp_path / "a" / "b" / "r.json") is None  # no file, no corpus folder
    (tmp_path / "a" / "x.decisions.jsonl").write_text("", encoding="utf-8")
    assert decisions_file_of(report, tmp_path / "a" / "b" / "r.json") == tmp_path / "a" / "x.decisions.jsonl"
    (tmp_path / "a" / "b" / "x.decisions.jsonl").write_text("", encoding="utf-8")  # beside the report wins
    assert decisions_file_of(report, tmp_path / "a" / "b" / "r.json") == tmp_path / "a" / "b" / "x.decisions.jsonl"
    assert decisions_file_of({"triage": {"decisions": None}}, tmp_path / "r.json") is None
    assert decisions_file_of({}, tmp_path / "r.json") is None


def test_page_carries_the_token_and_the_review_script(served):
    server, _corpus, report, _path = served
    assert server.url.startswith("http://127.0.0.1:")
    status, page = request(server, "")
    assert status == 200
    assert 'id="rl-review"' in page and server.token in page
    assert "connect-src 'self'" in page
    assert report["discrepancies"][0]["fingerprint"] in page


def test_post_without_or_with_a_wrong_token_is_403_and_writes_nothing(served):
    server, _corpus, report, path = served
    body = {"fingerprint": report["discrepancies"][0]["fingerprint"], "status": "false_alarm"}
    assert request(server, body=body)[0] == 403
    assert request(server, body=body, headers={TOKEN_HEADER: "not-the-token"})[0] == 403
    assert not path.exists()


def test_other_hosts_and_unknown_findings_are_refused(served):
    server, _corpus, report, path = served
    fp = report["discrepancies"][0]["fingerprint"]
    tok = {TOKEN_HEADER: server.token}
    # a page whose DNS name was rebound to 127.0.0.1 sends its own Host
    assert request(server, body={"fingerprint": fp, "status": "confirmed"},
                   headers={**tok, "Host": "evil.example"})[0] == 403
    assert request(server, "", headers={"Host": "evil.example"})[0] == 403
    status, answer = request(server, body={"fingerprint": "fp-0000000000000000", "status": "confirmed"}, headers=tok)
    assert status == 400 and "unknown fingerprint" in answer
    assert request(server, body={"fingerprint": fp, "status": "maybe"}, headers=tok)[0] == 400
    assert not path.exists()


def test_decisions_posted_are_applied_by_the_next_align(served):
    server, corpus, report, path = served
    target = report["discrepancies"][0]
    fp = target["fingerprint"]
    sure = next((f["fingerprint"] for f in report["discrepancies"] if f["fingerprint"] != fp), None)
    tok = {TOKEN_HEADER: server.token}
    status, answer = request(server, body={"fingerprint": fp, "status": "false_alarm", "note": "a heading"},
                             headers=tok)
    assert status == 200, answer
    if sure:
        assert request(server, body={"fingerprint": sure, "status": "confirmed", "note": "checked"},
                       headers=tok)[0] == 200
    decisions, warnings = read_decisions(path)
    assert warnings == [] and decisions[fp].status == "false_alarm" and decisions[fp].note == "a heading"
    assert decisions[fp].info["category"] == target["category"]
    again = align(corpus)
    assert fp in [f["fingerprint"] for f in again["suppressed"]]
    assert fp not in [f["fingerprint"] for f in again["discrepancies"]]
    assert again["triage"]["false_alarms"] >= 1 and again["summary"]["suppressed"] == len(again["suppressed"])
    if sure:
        kept = {f["fingerprint"]: f for f in again["discrepancies"]}
        assert kept[sure]["status"] == "confirmed" and kept[sure]["note"] == "checked"
        assert again["triage"]["confirmed"] >= 1
    # clearing (status null) removes the line, and the finding is listed again
    assert request(server, body={"fingerprint": fp, "status": None}, headers=tok)[0] == 200
    assert fp not in read_decisions(path)[0]
    back = align(corpus)
    assert fp in [f["fingerprint"] for f in back["discrepancies"]] and back["suppressed"] == []


def test_serve_without_a_findable_decisions_file_asks_for_one(tmp_path):
    report = tmp_path / "r.json"
    report.write_text(json.dumps({"documents": [], "discrepancies": [], "triage": {"decisions": None}}),
                      encoding="utf-8")
    res = CliRunner().invoke(main, ["serve", str(report), "--no-open"])
    assert res.exit_code == 1 and "--decisions" in res.output and "Traceback" not in res.output


def test_closing_the_server_waits_for_the_decision_being_written(served, monkeypatch):
    """A SIGTERM while a decision was written ended the process, and its
    handler thread, mid-write: a hidden temporary file beside the
    decisions file (a fresh user's break test, session 50)."""
    import time

    from rumorlens import serve

    server, _, report, path = served
    started = threading.Event()
    real = serve.record_decision

    def slow(*args, **kwargs):
        started.set()
        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(serve, "record_decision", slow)
    fp = report["discrepancies"][0]["fingerprint"]
    writer = threading.Thread(target=server.decide, args=({"fingerprint": fp, "status": "confirmed"},), daemon=True)
    writer.start()
    assert started.wait(10)
    server.shutdown()
    server.server_close()
    assert fp in read_decisions(path)[0]
    assert not [p for p in path.parent.iterdir() if p.name.startswith("." + path.name)]


def test_a_request_cut_off_by_the_client_is_no_traceback(served, capsys):
    """A browser gone before the answer (the process stopping under a
    request) printed the standard server's BrokenPipeError traceback
    (break test, session 51); another failure is one line."""
    server = served[0]
    for exc, said in ((BrokenPipeError(32, "Broken pipe"), ""),
                      (ValueError("odd"), "rumorlens: serve: a request from 127.0.0.1 failed: ValueError: odd\n")):
        try:
            raise exc
        except Exception:
            server.handle_error(None, ("127.0.0.1", 5000))
        assert capsys.readouterr().err == said


def test_a_request_failing_as_the_server_closes_is_not_reported(served, capsys):
    """A handler thread whose socket the stop closed said 'a request from
    127.0.0.1 failed: OSError: [Errno 9] Bad file descriptor' before
    'stopped' (break test, session 51)."""
    server = served[0]
    server.shutdown()
    server.server_close()
    try:
        raise OSError(9, "Bad file descriptor")
    except OSError:
        server.handle_error(None, ("127.0.0.1", 5000))
    assert capsys.readouterr().err == ""
