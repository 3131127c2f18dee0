"""Optional machine translation through installed Argos Translate packages.

Usage::

    from rumorlens.translate import get_translator

    translator = get_translator("zh", "en")      # rumorlens language codes
    english = translator.translate(["中国经济增长5%。", "他没有来。"])

``translate`` takes a batch of texts (normally sentences) and returns one
translation per text, in order.  The same text always gets the same
translation on a given machine, whatever else is in the batch: each sentence is decoded on its
own and single-threaded (unless ``ARGOS_INTRA_THREADS`` says otherwise);
sentences run in parallel on up to 4 cores (``ARGOS_INTER_THREADS``).

Install the extra with ``pip install rumorlens[translate]`` and a language
pair with ``argospm update && argospm install translate-zh_en``.  rumorlens
never downloads anything itself: when a pair is missing, ``get_translator``
raises a one-line :class:`~rumorlens.errors.UserError` naming the command.
When there is no direct package, two installed packages that pivot through
English (zh->en, en->fr) are chained, as Argos Translate itself does.

Settings follow Argos Translate's, read when ``get_translator`` is called
(environment first, then ``~/.config/argos-translate/settings.json``):
``ARGOS_PACKAGES_DIR`` (where packages are installed), ``ARGOS_DEVICE_TYPE``
(cpu or cuda), ``ARGOS_COMPUTE_TYPE``, ``ARGOS_BEAM_SIZE``,
``ARGOS_INTER_THREADS`` and ``ARGOS_INTRA_THREADS``.

Why not ``argostranslate.translate``: in 1.11 it splits text into
sentences with MiniSBD, which downloads its model on first use, and it
imports stanza (hence torch) on import.  This module reads the installed
package (metadata, ``model/``, ``sentencepiece.model``) with
``argostranslate.package`` and calls CTranslate2 directly with Argos's
decoding options (beam search, length penalty 0.2, unknowns replaced),
splitting sentences with a small offline rule.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rumorlens.errors import UserError
from rumorlens.langs import HANDLED
from rumorlens.segment import split_spans

# rumorlens language code -> Argos Translate language code.  Argos uses "zh"
# for Simplified Chinese ("zt" is Traditional), "fr" and "en" as they are.
ARGOS_CODES = {lang: lang for lang in HANDLED}

PIVOT_LANG = "en"

INSTALL_EXTRA_HINT = "install it with `pip install rumorlens[translate]`"


class Translator(Protocol):
    """Anything that translates a batch of texts, one output per input."""

    src_lang: str
    tgt_lang: str

    def translate(self, texts: list[str]) -> list[str]: ...


# -- sentence splitting ------------------------------------------------------
# A multi-sentence text is cut with rumorlens's own segmenter (the same rules
# as everywhere else: numbers, abbreviations, ellipses), so that a
# sentence-level model sees sentences.


def _join_sentences(sentences: list[str], tgt_lang: str) -> str:
    glue = "" if tgt_lang == "zh" else " "
    return glue.join(s.strip() for s in sentences if s.strip())


# -- translators -------------------------------------------------------------


@dataclass(frozen=True)
class _DecodingOptions:
    device: str
    compute_type: str
    beam_size: int
    inter_threads: int
    intra_threads: int


class IdentityTranslator:
    """Source and target are the same language: texts come back unchanged."""

    def __init__(self, lang: str):
        self.src_lang = lang
        self.tgt_lang = lang

    def translate(self, texts: list[str]) -> list[str]:
        return list(texts)


class ArgosPackageTranslator:
    """One installed Argos package (``model/`` + tokenizer) run by CTranslate2."""

    def __init__(self, pkg, options: _DecodingOptions, src_lang: str, tgt_lang: str):
        self.src_lang = src_lang
        self.tgt_lang = tgt_lang
        self.package_path = Path(pkg.package_path)
        self._options = options
        self._target_prefix = getattr(pkg, "target_prefix", "") or ""
        self._encode, self._decode = _tokenizer_functions(pkg)
        self._model = _load_model(self.package_path / "model", options)

    def translate(self, texts: list[str]) -> list[str]:
        # Unique sentences, in first-seen order, each translated once.
        sentence_index: dict[str, int] = {}
        layout: list[list[list[int]]] = []  # text -> line -> sentence ids
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"translate() takes strings, got {type(text).__name__}")
            lines = []
            for line in text.split("\n"):
                ids = []
                for start, end in split_spans(line, self.src_lang):
                    key = line[start:end]
                    if key not in sentence_index:
                        sentence_index[key] = len(sentence_index)
                    ids.append(sentence_index[key])
                lines.append(ids)
            layout.append(lines)

        translated = self._translate_sentences(list(sentence_index))
        return [
            "\n".join(
                _join_sentences([translated[i] for i in ids], self.tgt_lang)
                for ids in lines
            )
            for lines in layout
        ]

    def _translate_sentences(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        tokenized = [self._encode(s) for s in sentences]
        todo = [i for i, tokens in enumerate(tokenized) if tokens]
        out = [""] * len(sentences)  # nothing to translate: nothing out
        if not todo:
            return out
        prefix = None
        if self._target_prefix:
            prefix = [[self._target_prefix] for _ in todo]
        # max_batch_size=1: a sentence is decoded alone, so its translation
        # never depends on the padding its neighbours would bring (MKL and
        # oneDNN kernels give slightly different floats for different shapes,
        # which can flip a beam-search choice).  Other options as Argos.
        results = self._model.translate_batch(
            [tokenized[i] for i in todo],
            target_prefix=prefix,
            max_batch_size=1,
            beam_size=self._options.beam_size,
            num_hypotheses=1,
            length_penalty=0.2,
            replace_unknowns=True,
        )
        for i, result in zip(todo, results):
            value = self._decode(result.hypotheses[0])
            if self._target_prefix and value.startswith(self._target_prefix):
                value = value[len(self._target_prefix):]
            out[i] = value.strip()
        return out


class PivotTranslator:
    """Two translators chained through a pivot language (zh -> en -> fr)."""

    def __init__(self, first: Translator, second: Translator):
        self.first = first
        self.second = second
        self.src_lang = first.src_lang
        self.tgt_lang = second.tgt_lang

    def translate(self, texts: list[str]) -> list[str]:
        return self.second.translate(self.first.translate(texts))


# -- loading -----------------------------------------------------------------

_model_cache: dict[tuple, object] = {}
_model_cache_lock = threading.Lock()


def _load_model(model_dir: Path, options: _DecodingOptions):
    import ctranslate2

    key = (str(model_dir.resolve()), options)
    with _model_cache_lock:
        model = _model_cache.get(key)
        if model is None:
            try:
                model = ctranslate2.Translator(
                    str(model_dir),
                    device=options.device,
                    compute_type=options.compute_type,
                    inter_threads=options.inter_threads,
                    intra_threads=options.intra_threads,
                )
            except (RuntimeError, ValueError) as err:
                first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
                raise UserError(
                    f"cannot load the translation model in {model_dir}: {first_line}"
                ) from err
            _model_cache[key] = model
    return model


def _tokenizer_functions(pkg):
    """(encode, decode) for the package: its sentencepiece model, else its BPE."""
    sp_path = Path(pkg.package_path) / "sentencepiece.model"
    if sp_path.exists():
        import sentencepiece

        try:
            processor = sentencepiece.SentencePieceProcessor(model_file=str(sp_path))
        except (OSError, RuntimeError) as err:
            raise UserError(f"cannot read {sp_path}: {err}") from err

        def encode(text: str) -> list[str]:
            return processor.encode(text, out_type=str)

        def decode(tokens: list[str]) -> str:
            # Argos's own decode also turns "_" into a space; keep underscores.
            return processor.decode_pieces(list(tokens)).replace("\u2581", " ")

        return encode, decode
    tokenizer = getattr(pkg, "tokenizer", None)
    if tokenizer is None:
        raise UserError(
            f"argos package {pkg.package_path} has neither sentencepiece.model nor bpe.model"
        )
    return tokenizer.encode, tokenizer.decode


def _argos_modules():
    try:
        from argostranslate import package, settings
    except ImportError as err:
        raise UserError(
            f"machine translation needs argostranslate: {INSTALL_EXTRA_HINT}"
        ) from err
    return package, settings


def _package_dirs(settings) -> list[Path]:
    """Where packages are installed, read now (argostranslate reads its
    settings once, on import): ARGOS_PACKAGES_DIR, else the default, plus any
    extra folders argostranslate knows of (snap)."""
    main = Path(
        settings.get_setting("ARGOS_PACKAGES_DIR", default=settings.data_dir / "packages")
    ).expanduser()
    dirs = [main]
    for extra in getattr(settings, "package_dirs", [])[1:]:
        if Path(extra) not in dirs:
            dirs.append(Path(extra))
    return dirs


def _default_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _decoding_options(settings) -> _DecodingOptions:
    def setting(name: str, default: str) -> str:
        return str(settings.get_setting(name, default))

    try:
        return _DecodingOptions(
            device=setting("ARGOS_DEVICE_TYPE", "cpu"),
            compute_type=setting("ARGOS_COMPUTE_TYPE", "auto"),
            beam_size=int(setting("ARGOS_BEAM_SIZE", "4")),
            # Parallelism across sentences, not inside one: each worker
            # decodes whole sentences single-threaded (weights are shared),
            # so the result does not depend on the number of workers.
            inter_threads=int(setting("ARGOS_INTER_THREADS", str(_default_workers()))),
            # Argos defaults to 0 (all cores); rumorlens to 1 so that float
            # reductions, hence beam choices, are the same run after run.
            intra_threads=int(setting("ARGOS_INTRA_THREADS", "1")),
        )
    except ValueError as err:
        raise UserError(f"bad Argos Translate setting: {err}") from err


def installed_packages(package_module, dirs: list[Path]) -> list:
    """Installed translation packages in dirs, in path order.  A folder
    without metadata.json (a stray download, a half-removed package) is
    skipped rather than failing the whole run."""
    packages = []
    for directory in dirs:
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if not (path / "metadata.json").is_file():
                continue
            try:
                pkg = package_module.Package(path)
            except (OSError, ValueError) as err:  # unreadable or bad JSON
                raise UserError(f"cannot read the Argos package in {path}: {err}") from err
            if (getattr(pkg, "type", None) or "translate") == "translate":
                packages.append(pkg)
    return packages


def _find_package(packages: list, src: str, tgt: str):
    """The newest installed package from src to tgt, or None."""
    import packaging.version

    def version(pkg):
        try:
            return packaging.version.parse(pkg.package_version or "0")
        except packaging.version.InvalidVersion:
            return packaging.version.parse("0")

    matches = [p for p in packages if p.from_code == src and p.to_code == tgt]
    if not matches:
        return None
    # Highest version; equal versions: the first path, for a stable choice.
    best = matches[0]
    for pkg in matches[1:]:
        if version(pkg) > version(best):
            best = pkg
    return best


def install_command(src: str, tgt: str) -> str:
    """The argospm command that installs the package for src -> tgt."""
    return f"argospm update && argospm install translate-{src}_{tgt}"


def get_translator(src_lang: str, tgt_lang: str) -> Translator:
    """A translator from src_lang to tgt_lang (rumorlens codes: zh, fr, en).

    Raises UserError (one line) when argostranslate is not installed, a
    language is not one rumorlens handles, or no installed package (direct,
    or two through English) covers the pair.
    """
    for lang in (src_lang, tgt_lang):
        if lang not in ARGOS_CODES:
            raise UserError(
                f"cannot translate {lang!r}: rumorlens translates between "
                + ", ".join(sorted(ARGOS_CODES))
            )
    if src_lang == tgt_lang:
        return IdentityTranslator(src_lang)

    package_module, settings = _argos_modules()
    dirs = _package_dirs(settings)
    options = _decoding_options(settings)
    packages = installed_packages(package_module, dirs)
    src, tgt = ARGOS_CODES[src_lang], ARGOS_CODES[tgt_lang]

    direct = _find_package(packages, src, tgt)
    if direct is not None:
        return ArgosPackageTranslator(direct, options, src_lang, tgt_lang)

    if PIVOT_LANG not in (src, tgt):
        first = _find_package(packages, src, PIVOT_LANG)
        second = _find_package(packages, PIVOT_LANG, tgt)
        if first is not None and second is not None:
            return PivotTranslator(
                ArgosPackageTranslator(first, options, src_lang, PIVOT_LANG),
                ArgosPackageTranslator(second, options, PIVOT_LANG, tgt_lang),
            )

    message = (
        f"no Argos Translate package for {src_lang}->{tgt_lang} in {dirs[0]}: "
        f"install it with `{install_command(src, tgt)}`"
    )
    if PIVOT_LANG not in (src, tgt):
        message += (
            f" (or translate-{src}_{PIVOT_LANG} and translate-{PIVOT_LANG}_{tgt}"
            " to go through English)"
        )
    raise UserError(message)
