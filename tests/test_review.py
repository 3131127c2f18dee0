"""The reviewer's loop on a hand-written report (tests/html_helpers.py):
triage (decisions applied, a corrupt file and an unknown fingerprint warn
and the run goes on), the digest, the exports and the readable names."""
import copy
import csv
import json
import logging

import pytest
from click.testing import CliRunner
from html_helpers import small_report

from rumorlens.cli import main
from rumorlens.digest import build_digest, digest_lines
from rumorlens.fingerprint import fingerprint
from rumorlens.names import Names, first_words, plural
from rumorlens.triage import (Decision, apply_decisions, default_decisions_path, read_decisions, record_decision,
                              review)


def fps(report):
    docs = {d["id"]: d for d in report["documents"]}
    return [fingerprint(f, docs) for f in report["discrepancies"]]


# --------------------------------------------------------------------------
# triage


def test_fingerprint_survives_new_offsets_and_ids():
    a, b = small_report(), small_report()
    for f in b["discrepancies"]:  # a re-run that re-segmented: offsets and ids moved
        f["id"] = f["id"][::-1]
        for e in f["evidence"]:
            e["start"] += 7
            e["end"] += 7
    b["discrepancies"].reverse()
    assert sorted(fps(a)) == sorted(fps(b)) and len(set(fps(a))) == len(fps(a))
    one, _ = apply_decisions(a, {fps(a)[0]: Decision(fps(a)[0], "false_alarm")})
    two, _ = apply_decisions(b, {fps(a)[0]: Decision(fps(a)[0], "false_alarm")})
    assert [f["id"] for f in one["suppressed"]] == [a["discrepancies"][0]["id"]]
    assert [f["id"] for f in two["suppressed"]] == [b["discrepancies"][-1]["id"]]


def test_decisions_are_applied_and_counted(tmp_path):
    report = small_report()
    fp = fps(report)
    path = tmp_path / "corpus.decisions.jsonl"
    record_decision(path, fp[0], "false_alarm", "a heading, not a name", {"category": "number"})
    record_decision(path, fp[2], "confirmed")
    out = review(copy.deepcopy(report), path)
    assert [f["fingerprint"] for f in out["suppressed"]] == [fp[0]]
    assert out["suppressed"][0]["note"] == "a heading, not a name"
    assert len(out["discrepancies"]) == len(report["discrepancies"]) - 1
    kept = {f["fingerprint"]: f for f in out["discrepancies"]}
    assert kept[fp[2]]["status"] == "confirmed" and "status" not in kept[fp[1]]
    assert out["summary"]["total"] == len(report["discrepancies"]) - 1 and out["summary"]["suppressed"] == 1
    assert out["triage"] == {"decisions": "corpus.decisions.jsonl", "confirmed": 1, "false_alarms": 1,
                             "unmatched": []}
    # the file: one sorted line per decision, readable back
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["fingerprint"] for r in lines] == sorted([fp[0], fp[2]])
    assert read_decisions(path)[0][fp[0]].info == {"category": "number"}
    # removing one
    record_decision(path, fp[0], None)
    assert set(read_decisions(path)[0]) == {fp[2]}


def test_corrupt_decisions_file_warns_with_its_name_and_the_run_goes_on(tmp_path, caplog):
    report = small_report()
    fp = fps(report)
    path = tmp_path / "c.decisions.jsonl"
    path.write_text("{not json\n" + json.dumps({"fingerprint": fp[1], "status": "false_alarm"}) + "\n"
                    + json.dumps({"fingerprint": fp[2], "status": "perhaps"}) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        out = review(copy.deepcopy(report), path)
    assert str(path) in caplog.text and "2 lines" in caplog.text and "line 1" in caplog.text
    assert [f["fingerprint"] for f in out["suppressed"]] == [fp[1]]  # the good line is applied
    # a file that is not text at all: no decision, a warning, the run goes on
    path.write_bytes(b"\xff\xfe\x00garbage")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        out = review(copy.deepcopy(report), path)
    assert str(path) in caplog.text and "not UTF-8" in caplog.text
    assert out["suppressed"] == [] and len(out["discrepancies"]) == len(report["discrepancies"])
    with pytest.raises(ValueError):  # and the server does not overwrite it
        record_decision(path, fp[0], "confirmed")


def test_unknown_fingerprint_warns_and_is_listed(tmp_path, caplog):
    path = tmp_path / "u.decisions.jsonl"
    path.write_text(json.dumps({"fingerprint": "fp-00000000deadbeef", "status": "false_alarm"}) + "\n",
                    encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rumorlens"):
        out = review(small_report(), path)
    assert str(path) in caplog.text and "fp-00000000deadbeef" in caplog.text
    assert out["triage"]["unmatched"] == ["fp-00000000deadbeef"] and out["suppressed"] == []


def test_default_decisions_path_is_beside_the_corpus(tmp_path):
    assert default_decisions_path(tmp_path / "corpus") == tmp_path / "corpus.decisions.jsonl"
    assert default_decisions_path(tmp_path / "corpus/") == tmp_path / "corpus.decisions.jsonl"


def test_review_is_deterministic(tmp_path):
    report = small_report()
    path = tmp_path / "d.decisions.jsonl"
    record_decision(path, fps(report)[3], "false_alarm")
    a = json.dumps(review(copy.deepcopy(report), path), sort_keys=True)
    b = json.dumps(review(copy.deepcopy(report), path), sort_keys=True)
    assert a == b


# --------------------------------------------------------------------------
# digest


def test_digest_items_point_at_findings_of_the_report():
    report = small_report()
    digest = build_digest(report)
    ids = {f["id"]: f for f in report["discrepancies"]}
    assert digest, "a report with findings has a digest"
    assert [a["group"] for a in digest] == ["g1", None]  # the group of versions, then across articles
    for a in digest:
        assert a["findings"] == sum(len(i["findings"]) for i in a["top"]) or a["changes"] > len(a["top"])
        for item in a["top"]:
            assert item["findings"] and all(i in ids for i in item["findings"])
            assert item["sentence"].endswith(".") and item["severity"] in ("high", "medium", "low")
    # every finding is counted once, in exactly one article
    assert sum(a["findings"] for a in digest) == len(report["discrepancies"])
    sev = [i["severity"] for i in digest[0]["top"]]
    assert sev == sorted(sev, key=["high", "medium", "low"].index)  # ranked by severity
    lines = digest_lines(report)
    assert lines[0].startswith("top ") and len(lines) - 1 <= 5


def test_digest_merges_the_same_change_seen_from_two_pairs():
    report = small_report()
    first = report["discrepancies"][0]
    twin = copy.deepcopy(first)  # the same wrong figure, a second time, elsewhere in the same documents
    twin["id"] = "f-twin"
    for e in twin["evidence"]:
        e["start"] += 1
    report["discrepancies"].append(twin)
    g1 = next(a for a in build_digest(report) if a["group"] == "g1")
    merged = [i for i in g1["top"] if first["id"] in i["findings"]]
    assert len(merged) == 1 and "f-twin" in merged[0]["findings"]
    assert g1["changes"] < g1["findings"]


def test_digest_in_the_report_written_by_review(tmp_path):
    out = review(small_report(), None)
    assert out["digest"] == build_digest(out) and out["triage"]["decisions"] is None


# --------------------------------------------------------------------------
# exports


@pytest.fixture()
def report_file(tmp_path):
    path = tmp_path / "report.json"
    report = review(small_report(), None)
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return path, report


def export(*args):
    res = CliRunner().invoke(main, ["-q", "export", *map(str, args)])
    assert res.exit_code == 0, res.output
    return res


def test_export_csv_jsonl_xlsx_reread(report_file, tmp_path):
    from openpyxl import load_workbook

    path, report = report_file
    export(path, "--format", "csv", "-o", tmp_path / "f.csv")
    export(path, "--format", "jsonl", "-o", tmp_path / "f.jsonl")
    export(path, "--format", "xlsx", "-o", tmp_path / "f.xlsx")
    raw = (tmp_path / "f.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader((tmp_path / "f.csv").read_text(encoding="utf-8-sig").splitlines()))
    n = len(report["discrepancies"])
    assert len(rows) == n and list(rows[0])[:10] == ["Article", "Pair", "Category", "Type", "Severity",
                                                     "Confidence", "Source text", "Target text",
                                                     "Explanation", "Status"]
    assert [r["Finding id"] for r in rows] == [f["id"] for f in report["discrepancies"]]
    number = next(r for r in rows if r["Category"] == "number")
    assert number["Source text"] == "1570亿美元" and number["Target text"] == "150 milliards de dollars"
    assert number["Status"] == "open" and number["Target language"] == "fr"
    jl = [json.loads(line) for line in (tmp_path / "f.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["finding"] for r in jl] == [r["Finding id"] for r in rows]
    assert jl[0]["explanation"] == report["discrepancies"][0]["explanation"]
    ws = load_workbook(tmp_path / "f.xlsx").active
    table = list(ws.values)
    assert table[0][:3] == ("Article", "Pair", "Category") and len(table) == n + 1
    assert [r[-1] for r in table[1:]] == [f["id"] for f in report["discrepancies"]]
    assert ws.freeze_panes == "A2"


def test_export_filters(report_file, tmp_path):
    path, report = report_file

    def ids(*flags):
        out = tmp_path / "x.jsonl"
        export(path, "--format", "jsonl", "-o", out, *flags)
        return [json.loads(line)["finding"] for line in out.read_text(encoding="utf-8").splitlines()]

    by = {f["id"]: f for f in report["discrepancies"]}
    high = ids("--min-severity", "high")
    assert high and all(by[i]["severity"] == "high" for i in high)
    assert len(ids("--min-severity", "medium")) == sum(by[i]["severity"] in ("high", "medium") for i in by)
    assert ids("--category", "number") == [i for i in by if by[i]["category"] == "number"]
    pair = ids("--pair", "extra/en.txt", "seeds/fr.txt")
    assert pair == [i for i in by if by[i]["category"] == "conflict"]
    res = CliRunner().invoke(main, ["export", str(path), "--format", "csv", "--category", "bogus"])
    assert res.exit_code == 1 and "bogus" in res.output


def test_export_keeps_suppressed_out_unless_asked(tmp_path):
    report = small_report()
    fp = fps(report)[0]
    d = tmp_path / "d.decisions.jsonl"
    record_decision(d, fp, "false_alarm")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(review(report, d)), encoding="utf-8")
    export(path, "--format", "jsonl", "-o", tmp_path / "a.jsonl")
    export(path, "--format", "jsonl", "-o", tmp_path / "b.jsonl", "--include-suppressed")
    a = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()]
    assert fp not in [r["fingerprint"] for r in a]
    assert [r["status"] for r in b if r["fingerprint"] == fp] == ["false_alarm"] and len(b) == len(a) + 1


# --------------------------------------------------------------------------
# names


def test_names_title_language_and_path():
    report = small_report()
    names = Names(report)
    assert names.name("zh") == "价格"
    assert names.label("en") == "Valued at $157 billion by 2024.… · English · example.org"
    assert names.path("fr") == "seeds/fr.txt"
    assert names.group_name("g1") in ("价格", "Titre <b>gras</b>")


def test_versions_of_one_site_are_told_apart_and_many_are_counted():
    """Versions of one language that share their site (and have no title)
    are named by their files, not all "the English of example.org"; more
    than MAX_NAMED of them in one sentence are counted (a story copied into
    120 versions listed "the English of notebookcheck.net" 80 times)."""
    from rumorlens.names import MAX_NAMED

    docs = [{"id": f"v{k}.txt", "path": f"v{k}.txt", "lang": "en", "title": None, "text": "Same words.",
             "source": "https://example.org/a"} for k in range(MAX_NAMED + 3)]
    names = Names({"documents": docs, "groups": [{"id": "g1", "docs": [d["id"] for d in docs]}]})
    assert names.phrase(["v0.txt", "v1.txt"]) == "the English of v0.txt and the English of v1.txt"
    many = [d["id"] for d in docs[:MAX_NAMED + 1]]
    assert names.phrase(many) == f"{MAX_NAMED + 1} of the {len(docs)} English versions"
    assert names.phrase([d["id"] for d in docs]) == f"all {len(docs)} English versions"
    docs[0]["source"] = "https://other.example.net/b"  # a site of its own still names it
    assert Names({"documents": docs, "groups": []}).phrase(["v0.txt"], [d["id"] for d in docs]) \
        == "the English of other.example.net"


def test_transcript_without_title_is_named_by_language_and_first_words():
    report = small_report()
    zh = next(d for d in report["documents"] if d["id"] == "zh")
    zh.update(format="srt", title=None)
    assert Names(report).name("zh") == "Chinese transcript: " + first_words(zh["text"])
    assert first_words(zh["text"]).endswith("…") and len(first_words(zh["text"])) == 17
    # a transcript whose "title" is only its first line is not titled by it
    fr = next(d for d in report["documents"] if d["id"] == "fr")
    fr.update(format="vtt", title="Le prix est de 150 milliards")
    assert Names(report).name("fr") == "French transcript: Le prix est de 150 milliards…"


def test_plural():
    assert (plural(0, "group"), plural(1, "group"), plural(2, "group")) == ("0 groups", "1 group", "2 groups")
    assert plural(3, "analysis", "analyses") == "3 analyses"


def test_top_changes_on_stderr_follow_the_report_order():
    """The terminal's "top changes" ranked by the digest's own key (reach,
    category before confidence) and disagreed with the report's findings
    order (a trial): they follow the report's ranking now."""
    report = small_report()
    for f in report["discrepancies"]:
        if f["category"] == "polarity":
            f["confidence"] = 0.95  # the report ranks it above the number finding (0.93) of the same pair
    sev = ["high", "medium", "low"]
    report["discrepancies"].sort(key=lambda f: (sev.index(f["severity"]), -f["confidence"], f["id"]))
    items = {i["sentence"]: i for a in build_digest(report, top=99) for i in a["top"]}
    first_rank = {f["id"]: k for k, f in enumerate(report["discrepancies"])}
    lines = digest_lines(report)[1:]
    ranks = []
    for line in lines:
        sentence = next(s for s in items if line.endswith(s))
        ranks.append(min(first_rank[i] for i in items[sentence]["findings"]))
    assert ranks == sorted(ranks) and ranks[0] == 0, (ranks, lines)
    assert "[high]" in lines[0] and report["discrepancies"][0]["category"] == "polarity"
