"""``rumorlens mentions``: a file or a text, one mention per line or JSON lines."""
import json

import pytest
from click.testing import CliRunner

from rumorlens.cli import main


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_text_lines(runner):
    r = runner.invoke(main, ["mentions", "--text", "OpenAI 花了约5亿美元", "--lang", "zh", "--no-entities"])
    assert r.exit_code == 0, r.output
    (line,) = r.output.strip().splitlines()
    cols = line.split("\t")
    assert cols[:5] == ["9-14", "约5亿美元", "number/money", "5e+08", "USD"]
    assert "approx=about" in cols and "scale=亿" in cols


def test_text_json_shows_ambiguity(runner):
    r = runner.invoke(main, ["mentions", "--text", "1,76 trillion de paramètres", "--lang", "fr", "--json",
                             "--no-entities"])
    assert r.exit_code == 0, r.output
    (rec,) = [json.loads(l) for l in r.output.splitlines()]
    assert rec["ambiguous"] is True and rec["alt_values"] == [1.76e12] and rec["value"] == 1.76e18


def test_file(runner, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Date: 2024-12-23\n\nOpenAI’s $157 billion valuation, set in October, relies on GPT-5 "
                 "and on Sam Altman.\n", encoding="utf-8")
    r = runner.invoke(main, ["mentions", str(f), "--lang", "en", "--date", "2024-12-23"])
    assert r.exit_code == 0, r.output
    text = r.output
    assert "$157 billion\tnumber/money\t1.57e+11" in text
    assert "October\tdate/partial\t2024-10" in text
    assert "Sam Altman\tentity/PER\tsam_altman" in text


def test_errors_are_one_line(runner, tmp_path):
    r = runner.invoke(main, ["mentions", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "error" in r.output and "Traceback" not in r.output
    r = runner.invoke(main, ["mentions", "--text", "5 亿"])
    assert r.exit_code == 1 and "--lang" in r.output
    r = runner.invoke(main, ["mentions"])
    assert r.exit_code == 1


def test_an_ambiguous_time_prints_its_other_reading(runner):
    """A time's other reading is a string (T14:30): the line showed it with a
    number's format and the command ended with an internal error (a break
    trial, session 36)."""
    r = runner.invoke(main, ["mentions", "--text", "at 2:30", "--lang", "en", "--no-entities"])
    assert r.exit_code == 0, r.output
    assert "AMBIGUOUS alt=T14:30" in r.output
