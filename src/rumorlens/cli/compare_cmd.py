"""``rumorlens align CORPUS`` (the main command) and ``rumorlens check-pairs``.

``align`` only wires stage functions together; each stage takes and returns
records, so the Makefile pipeline can run the same stages one by one
(docs.jsonl, sentences.jsonl, embedding cache, pairs.json, mentions.jsonl,
report.json) and get the same report, byte for byte."""
from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Optional

import click

from ..errors import UserError
from ..records import Document, Finding, Mention, PairAlignment, Sentence, Skipped
from . import main

log = logging.getLogger("rumorlens")

DEFAULT_MODEL = "use-m3"

# check-pairs rows carry no publication date; both sides of a row are anchored
# on the same arbitrary day so that partial dates ("6月20日" / "June 4") still
# compare with each other.  Explanations never show the anchored year.
CHECK_PAIRS_ANCHOR = "2000-12-31"


# --------------------------------------------------------------------------
# stages (each one call, records in, records out)


def stage_ingest(corpus: Path) -> tuple[list[Document], list[Skipped]]:
    from ..ingest import ingest_corpus

    docs, skipped = ingest_corpus(corpus)
    if not docs:
        raise UserError(f"no usable document in {corpus} ({len(skipped)} file(s) skipped)")
    return docs, skipped


def stage_segment(docs: list[Document]) -> dict[str, list[Sentence]]:
    from ..segment import segment_document

    return {d.id: segment_document(d) for d in docs}


def stage_encoder(model: str):
    """The sentence encoder, with the on-disk embedding cache."""
    from ..embed import get_cached_encoder

    return get_cached_encoder(model)


def stage_embed(encoder, docs: list[Document], sentences: dict[str, list[Sentence]]):
    import numpy as np

    out = {}
    for d in sorted(docs, key=lambda d: d.id):
        texts = [s.text for s in sentences[d.id]]
        out[d.id] = np.asarray(encoder.encode(texts), dtype="float32") if texts else np.zeros((0, 1), "float32")
    return out


def stage_pairs(docs, sentences, embeddings):
    """Document-pair scores, groups of versions, pairwise alignments of the
    related pairs inside each group, and alignment groups."""
    from .. import grouping
    from ..align import align_embeddings

    scores = grouping.score_document_pairs(docs, sentences, embeddings)
    groups = grouping.group_documents(docs, sentences, embeddings, scores)
    by_id = {d.id: d for d in docs}
    alignments: list[PairAlignment] = []
    agroups = []
    for g in groups:
        members = set(g.docs)
        related = sorted((s for s in scores if s.a in members and s.b in members and s.relation != "unrelated"),
                         key=lambda s: (s.a, s.b))
        group_alignments = []
        for s in related:
            src, tgt = _direction(by_id[s.a], by_id[s.b])
            beads = align_embeddings(embeddings[src.id], embeddings[tgt.id],
                                     [x.text for x in sentences[src.id]], [x.text for x in sentences[tgt.id]])
            group_alignments.append(PairAlignment(src.id, tgt.id, beads, relation=s.relation, score=s.score))
        alignments.extend(group_alignments)
        agroups.extend(grouping.alignment_groups(g, group_alignments))
    return scores, groups, alignments, agroups


def _direction(a: Document, b: Document) -> tuple[Document, Document]:
    """Source first: Chinese, then English, then French (the sample corpus
    goes zh -> fr and zh -> en); ties by path."""
    order = {"zh": 0, "en": 1, "fr": 2}
    return tuple(sorted((a, b), key=lambda d: (order.get(d.lang, 9), d.path)))  # type: ignore[return-value]


def stage_mentions(docs: list[Document]) -> list[Mention]:
    from ..mentions import extract_document

    out: list[Mention] = []
    for d in sorted(docs, key=lambda d: d.id):
        out.extend(extract_document(d))
    return out


def stage_compare(docs, sentences, embeddings, groups, alignments, mentions, encoder=None,
                  get_translator=None) -> list[Finding]:
    from ..compare import MentionIndex, aligned_pairs, merge_findings, run_checks
    from ..compare.conflict import find_conflicts
    from ..compare.sentence_pairs import phrase_similarity_from

    by_id = {d.id: d for d in docs}
    index = {d.id: MentionIndex(m for m in mentions if m.doc_id == d.id) for d in docs}
    psim = phrase_similarity_from(encoder) if encoder is not None else None
    findings: list[Finding] = []
    for pa in alignments:
        pairs = aligned_pairs(pa, by_id, sentences, index, psim)
        findings.extend(run_checks(pairs))
        if get_translator is not None and encoder is not None:
            from ..compare.translated import translation_findings
            from ..mentions import extract_text

            findings.extend(translation_findings(pairs, get_translator, encoder,
                                                 lambda t, l: extract_text(t, l)))
    versions = [(a, b) for g in groups for a in g.docs for b in g.docs if a < b]
    findings.extend(find_conflicts(docs, sentences, embeddings, index, versions))
    return merge_findings(findings, {d.id: d.text for d in docs})


def default_output(corpus: Path) -> Path:
    return corpus.resolve().parent / "build" / "report.json"


# --------------------------------------------------------------------------
# commands


@main.command("align")
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the JSON report. Default: build/report.json next to the corpus "
                   "folder, i.e. CORPUS/../build/report.json.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Sentence encoder: use-m3, e5-small or st:NAME.")
@click.option("--translate", is_flag=True,
              help="Also compare a machine translation of the source (needs argostranslate and an "
                   "installed language pair).")
@click.pass_context
def align_cmd(ctx, corpus: Path, output: Optional[Path], model: str, translate: bool) -> None:
    """Find versions of one article in CORPUS, align them sentence by sentence
    and report where they disagree.

    \b
    Example:
      rumorlens align corpus/                  # writes build/report.json beside corpus/
      rumorlens align corpus/ -o report.json
    """
    from ..report import build_report, write_report

    if not corpus.is_dir():
        raise UserError(f"corpus folder not found: {corpus}")
    out = output or default_output(corpus)
    docs, skipped = stage_ingest(corpus)
    sentences = stage_segment(docs)
    encoder = stage_encoder(model)
    embeddings = stage_embed(encoder, docs, sentences)
    scores, groups, alignments, agroups = stage_pairs(docs, sentences, embeddings)
    mentions = stage_mentions(docs)
    get_translator = _translator_factory() if translate else None
    findings = stage_compare(docs, sentences, embeddings, groups, alignments, mentions, encoder, get_translator)
    report = build_report(docs, skipped, groups, alignments, sentences, findings,
                          alignment_groups=agroups, generator={"name": "rumorlens", "model": model})
    write_report(out, report)
    if not (ctx.obj or {}).get("quiet"):
        s = report["summary"]
        cats = ", ".join(f"{k} {v}" for k, v in s["by_category"].items() if v)
        click.echo(f"rumorlens: {len(docs)} documents, {len(groups)} groups, {len(alignments)} aligned pairs, "
                   f"{s['total']} findings ({cats or 'none'}) -> {out}", err=True)


def _translator_factory():
    """``rumorlens.translate.get_translator`` when the optional extra is
    installed; a one-line error otherwise."""
    if importlib.util.find_spec("rumorlens.translate") is None or importlib.util.find_spec("argostranslate") is None:
        raise UserError("--translate needs the translate extra: pip install 'rumorlens[translate]'")
    from ..translate import get_translator

    return get_translator


@main.command("check-pairs")
@click.argument("infile", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Output JSON lines: one line per input line, in order.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Sentence encoder for the meaning check and cross-script names; 'none' to skip.")
@click.option("--translate", is_flag=True,
              help="Also compare a machine translation of each source (needs `pip install rumorlens[translate]` "
                   "and an Argos language pair, e.g. `argospm install translate-zh_en`).")
@click.pass_context
def check_pairs_cmd(ctx, infile: Path, output: Path, model: str, translate: bool) -> None:
    """Check sentence pairs in bulk (translation review).

    \b
    Input lines:  {"id": ..., "src": "...", "tgt": "...", "src_lang": "zh", "tgt_lang": "en"}
                  (languages are detected when absent)
    Output lines: {"id": ..., "findings": [{"category", "type", "severity", "explanation",
                  "src_span", "tgt_span"}]}; a row that cannot be checked gets an "error".
    Example:
      rumorlens check-pairs pairs.jsonl -o findings.jsonl
    """
    from ..compare.sentence_pairs import check_rows
    from ..ingest import detect_language
    from ..mentions import extract_text
    from ..records import atomic_write_text

    if not infile.is_file():
        raise UserError(f"input file not found: {infile}")
    rows = []
    for line in infile.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            rows.append(exc)
    encoder = None if model == "none" else stage_encoder(model)
    get_translator = _translator_factory() if translate else None
    if get_translator is not None and encoder is None:
        raise UserError("--translate needs a sentence encoder; drop --model none")
    results = check_rows(rows, extract=lambda text, lang: extract_text(text, lang, ref_date=CHECK_PAIRS_ANCHOR),
                         detect=detect_language, encoder=encoder, get_translator=get_translator)
    atomic_write_text(output, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in results))
    if not (ctx.obj or {}).get("quiet"):
        n_err = sum(1 for r in results if "error" in r)
        n_f = sum(len(r["findings"]) for r in results)
        click.echo(f"rumorlens: {len(results)} pairs, {n_f} findings, {n_err} errors -> {output}", err=True)
