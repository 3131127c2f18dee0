"""The optional machine-translation path, end to end, on tiny Argos packages
built here: a sentencepiece vocabulary trained on a few sentences, a one-layer
CTranslate2 Transformer with random weights, metadata.json, zipped as an
.argosmodel and installed with argostranslate's own install_from_path into a
temporary packages folder.  The translations are nonsense; the tests check the
plumbing (finding the package, tokenizing, decoding, batching, pivoting,
errors), not the quality.
"""
from __future__ import annotations

import io
import json
import socket
import sys
import zipfile
from pathlib import Path

import pytest

from rumorlens.errors import UserError

from rumorlens import translate

TRAINING_SENTENCES = [
    "中国经济今年增长了百分之五。",
    "他说他没有去过北京。",
    "估值为一千五百七十亿美元。",
    "The economy grew by five percent this year.",
    "He said he had never been to Beijing.",
    "OpenAI is valued at 157 billion dollars.",
    "L'économie a progressé de cinq pour cent cette année.",
    "Il a dit qu'il n'était jamais allé à Pékin.",
]

LANG_NAMES = {"zh": "Chinese", "en": "English", "fr": "French"}


def build_argosmodel(out_dir: Path, src: str, tgt: str, seed: int) -> Path:
    """Write a tiny but complete .argosmodel for src -> tgt; return its path."""
    import numpy as np
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec

    sp_model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_SENTENCES),
        model_writer=sp_model,
        vocab_size=120,
        hard_vocab_limit=False,  # as many pieces as these few sentences allow
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=sp_model.getvalue())
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # OpenNMT-style vocabulary, as in real Argos models: specials, then pieces.
    specials = ["<blank>", "<unk>", "<s>", "</s>"]
    vocab = specials + [p for p in pieces if p not in specials]

    rng = np.random.default_rng(seed)
    size, depth, ffn_depth = len(vocab), 16, 32

    def weight(*shape):
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    def set_norm(spec):
        spec.gamma = np.ones(depth, np.float32)
        spec.beta = np.zeros(depth, np.float32)

    def set_linear(spec, out_dim, in_dim):
        spec.weight = weight(out_dim, in_dim)
        spec.bias = np.zeros(out_dim, np.float32)

    def set_ffn(spec):
        set_norm(spec.layer_norm)
        set_linear(spec.linear_0, ffn_depth, depth)
        set_linear(spec.linear_1, depth, ffn_depth)

    def set_self_attention(spec):
        set_norm(spec.layer_norm)
        set_linear(spec.linear[0], 3 * depth, depth)  # fused q, k, v
        set_linear(spec.linear[1], depth, depth)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=2)
    spec.encoder.embeddings[0].weight = weight(size, depth)
    set_norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        set_self_attention(layer.self_attention)
        set_ffn(layer.ffn)
    spec.decoder.embeddings.weight = weight(size, depth)
    set_norm(spec.decoder.layer_norm)
    set_linear(spec.decoder.projection, size, depth)
    for layer in spec.decoder.layer:
        set_self_attention(layer.self_attention)
        set_norm(layer.attention.layer_norm)
        set_linear(layer.attention.linear[0], depth, depth)  # q
        set_linear(layer.attention.linear[1], 2 * depth, depth)  # fused k, v
        set_linear(layer.attention.linear[2], depth, depth)
        set_ffn(layer.ffn)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize()

    name = f"translate-{src}_{tgt}-0_1"
    staging = out_dir / "staging" / name
    (staging / "model").mkdir(parents=True)
    spec.save(str(staging / "model"))
    (staging / "sentencepiece.model").write_bytes(sp_model.getvalue())
    metadata = {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": src,
        "from_name": LANG_NAMES[src],
        "to_code": tgt,
        "to_name": LANG_NAMES[tgt],
        "type": "translate",
    }
    (staging / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")

    # An .argosmodel is a zip of one folder holding metadata.json and model/.
    archive = out_dir / f"{name}.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(staging.rglob("*")):
            zf.write(path, path.relative_to(staging.parent).as_posix())
    return archive


@pytest.fixture(scope="module")
def argos_dir(tmp_path_factory):
    """A temporary ARGOS packages folder holding tiny zh->en and en->fr
    packages, installed with argostranslate.package.install_from_path.  The
    user's real folders are never touched.  Skipped without the extra
    (``pip install rumorlens[translate]``)."""
    for module in ["argostranslate", "ctranslate2", "sentencepiece"]:
        pytest.importorskip(module)
    root = tmp_path_factory.mktemp("argos")
    packages_dir = root / "packages"
    packages_dir.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        for var, sub in [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_CACHE_HOME", "cache")]:
            mp.setenv(var, str(root / sub))
        mp.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
        for var in ["ARGOS_DEVICE_TYPE", "ARGOS_COMPUTE_TYPE", "ARGOS_BEAM_SIZE",
                    "ARGOS_INTER_THREADS", "ARGOS_INTRA_THREADS"]:
            mp.delenv(var, raising=False)
        from argostranslate import package, settings

        # argostranslate reads its settings once, on first import; if another
        # test imported it already, point its install folder here too.
        mp.setattr(settings, "package_data_dir", packages_dir)
        mp.setattr(settings, "package_dirs", [packages_dir])
        for src, tgt, seed in [("zh", "en", 1), ("en", "fr", 2)]:
            package.install_from_path(build_argosmodel(root, src, tgt, seed))
        yield packages_dir


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a network connection."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_install_from_path_put_packages_in_the_temp_dir(argos_dir):
    installed = sorted(p.name for p in argos_dir.iterdir())
    assert installed == ["translate-en_fr-0_1", "translate-zh_en-0_1"]
    assert (argos_dir / "translate-zh_en-0_1" / "model" / "model.bin").is_file()


def test_translate_end_to_end_returns_one_string_per_input(argos_dir, no_network):
    translator = translate.get_translator("zh", "en")
    assert (translator.src_lang, translator.tgt_lang) == ("zh", "en")
    texts = ["中国经济今年增长了百分之五。", "", "他说他没有去过北京。", "中国经济今年增长了百分之五。"]
    out = translator.translate(texts)
    assert len(out) == len(texts)
    assert all(isinstance(t, str) for t in out)
    assert out[1] == ""
    assert out[0] and out[2]
    assert out[0] != texts[0]  # the model ran: this is no identity copy
    assert out[0] == out[3]
    assert translator.translate([]) == []


def test_translation_is_deterministic_and_independent_of_the_batch(argos_dir):
    translator = translate.get_translator("zh", "en")
    sentence = "估值为一千五百七十亿美元。"
    alone = translator.translate([sentence])[0]
    in_batch = translator.translate(["他说他没有去过北京。", sentence, "今年。"])[1]
    again = translate.get_translator("zh", "en").translate([sentence])[0]
    assert alone == in_batch == again


def test_the_number_of_workers_does_not_change_the_output(argos_dir, monkeypatch):
    texts = [s for s in TRAINING_SENTENCES] + ["今年增长。", "He said."]
    outputs = []
    for workers in ["1", "3"]:
        monkeypatch.setenv("ARGOS_INTER_THREADS", workers)
        outputs.append(translate.get_translator("zh", "en").translate(texts))
    assert outputs[0] == outputs[1]


def test_lines_and_sentences_are_translated_separately(argos_dir):
    translator = translate.get_translator("zh", "en")
    first, second = "中国经济今年增长了百分之五。", "他说他没有去过北京。"
    one, two = translator.translate([first, second])
    assert translator.translate([f"{first}\n{second}"]) == [f"{one}\n{two}"]
    assert translator.translate([first + second]) == [f"{one} {two}"]


def test_pivot_through_english_chains_two_packages(argos_dir):
    translator = translate.get_translator("zh", "fr")
    assert isinstance(translator, translate.PivotTranslator)
    text = ["他说他没有去过北京。"]
    via_english = translate.get_translator("en", "fr").translate(
        translate.get_translator("zh", "en").translate(text))
    out = translator.translate(text)
    assert out == via_english and out[0]


def test_same_language_is_the_identity(argos_dir):
    assert translate.get_translator("fr", "fr").translate(["Bonjour."]) == ["Bonjour."]


def test_missing_pair_names_the_argospm_command(argos_dir):
    with pytest.raises(UserError) as err:
        translate.get_translator("fr", "en")
    message = str(err.value)
    assert "argospm update && argospm install translate-fr_en" in message
    assert str(argos_dir) in message
    assert "\n" not in message


def test_missing_pair_without_english_also_names_the_pivot_packages(argos_dir):
    with pytest.raises(UserError) as err:
        translate.get_translator("fr", "zh")  # no fr->en, no en->zh here
    message = str(err.value)
    assert "argospm install translate-fr_zh" in message
    assert "translate-fr_en" in message and "translate-en_zh" in message
    assert "\n" not in message


def test_the_users_packages_dir_is_respected(argos_dir, tmp_path, monkeypatch):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(empty))
    with pytest.raises(UserError, match="argospm install translate-zh_en") as err:
        translate.get_translator("zh", "en")
    assert str(empty) in str(err.value)


def test_a_broken_package_is_a_user_error(argos_dir, tmp_path, monkeypatch):
    broken_dir = tmp_path / "packages"
    pkg = broken_dir / "translate-zh_en-9_9"
    pkg.mkdir(parents=True)
    (pkg / "metadata.json").write_text(
        json.dumps({"from_code": "zh", "to_code": "en", "package_version": "9.9"}))
    (pkg / "sentencepiece.model").write_bytes(
        (argos_dir / "translate-zh_en-0_1" / "sentencepiece.model").read_bytes())
    (broken_dir / "not-a-package").mkdir()  # stray folder: skipped
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(broken_dir))
    with pytest.raises(UserError, match="cannot load the translation model") as err:
        translate.get_translator("zh", "en")
    assert "\n" not in str(err.value)


def test_unsupported_language_is_a_user_error():
    with pytest.raises(UserError, match="rumorlens translates between en, fr, zh"):
        translate.get_translator("de", "en")


def test_without_argostranslate_the_error_names_the_extra(monkeypatch):
    for name in ["argostranslate", "argostranslate.package", "argostranslate.settings"]:
        monkeypatch.setitem(sys.modules, name, None)  # import now fails
    with pytest.raises(UserError) as err:
        translate.get_translator("zh", "en")
    assert "pip install rumorlens[translate]" in str(err.value)
    assert "\n" not in str(err.value)




def test_check_pairs_translate_runs_the_installed_package_end_to_end(argos_dir, tmp_path, monkeypatch):
    """`rumorlens check-pairs --translate` through the real tiny Argos
    package: the CLI finds the pair, translates every source, and the run
    ends normally (the tiny model's output is nonsense; this checks the
    plumbing, not the quality)."""
    import json

    from click.testing import CliRunner

    from rumorlens.cli import main

    calls: list[list[str]] = []
    real = translate.ArgosPackageTranslator.translate

    def spy(self, texts):
        calls.append(list(texts))
        return real(self, texts)

    monkeypatch.setattr(translate.ArgosPackageTranslator, "translate", spy)
    monkeypatch.setenv("RUMORLENS_CACHE", str(tmp_path / "cache"))
    rows = [
        {"id": 1, "src": "该项目已经开发超过 18 个月。", "tgt": "The project has been in the works for more than 18 months.",
         "src_lang": "zh", "tgt_lang": "en"},
        {"id": 2, "src": "他说他没有去过北京。", "tgt": "He said he had been to Beijing.", "src_lang": "zh", "tgt_lang": "en"},
    ]
    infile = tmp_path / "pairs.jsonl"
    infile.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["--quiet", "check-pairs", str(infile), "-o", str(out), "--translate"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == [1, 2]
    assert all("error" not in x for x in lines)
    translated = [t for batch in calls for t in batch]
    assert rows[0]["src"] in translated and rows[1]["src"] in translated
