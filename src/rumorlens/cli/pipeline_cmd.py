"""Stage subcommands for the Makefile pipeline: each reads the previous
stage's artifact and writes its own, through the functions that
``rumorlens align`` runs in one go (:mod:`rumorlens.pipeline`).

    ingest     corpus/                       -> build/docs.jsonl (+ skipped.jsonl)
    sentences  docs.jsonl                    -> build/sentences.jsonl
    embed      docs.jsonl sentences.jsonl    -> embedding cache (+ build/embed.done)
    pairs      docs.jsonl sentences.jsonl    -> build/pairs.json
    mentions   --docs docs.jsonl             -> build/mentions.jsonl
    claims     --docs --sentences            -> build/claims.jsonl
    compare    all of the above              -> build/report.json
    report     report.json                   -> build/report.html
"""
from __future__ import annotations

from pathlib import Path

import click

from .. import pipeline
from ..errors import UserError
from ..names import plural
from ..records import ClaimProfile, Document, Mention, Sentence, Skipped, atomic_write_text, read_jsonl
from . import (OutputPath, check_output, check_page_or_report,
               jobs_option, main, nothing_to_compare, open_runner)
from .compare_cmd import decisions_option, no_cache_option

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _load_docs_and_sentences(docs_jsonl: Path, sentences_jsonl: Path):
    docs = _read(docs_jsonl, Document)
    sentences = pipeline.sentences_by_doc(_read(sentences_jsonl, Sentence))
    missing = sorted(d.id for d in docs if d.id not in sentences)
    if missing:
        raise UserError(f"{sentences_jsonl} has no sentences for {', '.join(missing[:3])}: "
                        f"run `rumorlens sentences {docs_jsonl}` again")
    return docs, sentences


def _read(path: Path, cls):
    try:
        return read_jsonl(path, cls)
    except (ValueError, TypeError, KeyError) as exc:
        raise UserError(f"{path}: not a {cls.__name__} JSON-lines file ({exc})") from None


@main.command("embed")
@click.argument("docs_jsonl", type=existing_file)
@click.argument("sentences_jsonl", type=existing_file)
@click.option("--model", default=pipeline.DEFAULT_MODEL, show_default=True, help="use-m3, e5-small or st:NAME.")
@click.option("--done", "done_file", type=OutputPath(),
              help="Touch this file when the cache is filled (a target for make).")
@no_cache_option
def embed_command(docs_jsonl: Path, sentences_jsonl: Path, model: str, done_file: Path | None,
                  no_cache: bool) -> None:
    """Embed every sentence into the on-disk cache (~/.cache/rumorlens, or
    $RUMORLENS_CACHE), so that later stages read vectors instead of computing them.

    \b
    Example:
      rumorlens embed build/docs.jsonl build/sentences.jsonl --done build/embed.done
    """
    if done_file:
        check_output(done_file, "the done file", (docs_jsonl, sentences_jsonl))
    docs, sentences = _load_docs_and_sentences(docs_jsonl, sentences_jsonl)
    enc = pipeline.encoder(model, use_cache=not no_cache)
    embeddings = pipeline.embed(enc, docs, sentences)
    n = sum(len(v) for v in embeddings.values())
    if done_file:
        atomic_write_text(done_file, f"{model}\t{plural(n, 'sentence')}\n")
    click.echo(f"rumorlens: {plural(n, 'sentence')} embedded with {model}", err=True)


@main.command("pairs")
@click.argument("docs_jsonl", type=existing_file)
@click.argument("sentences_jsonl", type=existing_file)
@click.option("-o", "--output", type=OutputPath(), required=True)
@click.option("--model", default=pipeline.DEFAULT_MODEL, show_default=True, help="use-m3, e5-small or st:NAME.")
@no_cache_option
@jobs_option
def pairs_command(docs_jsonl: Path, sentences_jsonl: Path, output: Path, model: str, no_cache: bool,
                  jobs: int | None) -> None:
    """Group documents into versions of one article and align every related pair.

    \b
    Example:
      rumorlens pairs build/docs.jsonl build/sentences.jsonl -o build/pairs.json
    """
    check_output(output, "the pairs", (docs_jsonl, sentences_jsonl))
    docs, sentences = _load_docs_and_sentences(docs_jsonl, sentences_jsonl)
    enc = pipeline.encoder(model, use_cache=not no_cache)
    embeddings = pipeline.embed(enc, docs, sentences)
    with open_runner(jobs) as runner, pipeline.result_cache(not no_cache) as cache:
        scores, groups, alignments, agroups = pipeline.group_and_align(docs, sentences, embeddings, enc.encode, runner,
                                                                       cache)
    pipeline.write_pairs(output, scores, groups, alignments, agroups)
    click.echo(f"rumorlens: {plural(len(groups), 'group')}, {plural(len(alignments), 'aligned pair')} -> {output}",
               err=True)
    alone = nothing_to_compare(len(docs), len(groups))
    if alone:
        click.echo(f"rumorlens: {alone}", err=True)


def _check_languages(sentences_jsonl: Path) -> None:
    """A sentence in a language code rumorlens does not know stops the stage
    with one line naming the file and the line."""
    import json

    from ..claims import LANGS

    with open(sentences_jsonl, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            try:
                lang = json.loads(line).get("lang") if line.strip() else None
            except (ValueError, AttributeError):
                raise UserError(f"{sentences_jsonl}:{n}: not a JSON object") from None
            if lang is not None and lang not in LANGS + ("und",):
                raise UserError(f"{sentences_jsonl}:{n}: unknown language code {lang!r} (rumorlens reads {', '.join(LANGS)})")


@main.command("claims")
@click.option("--docs", "docs_jsonl", type=existing_file, required=True)
@click.option("--sentences", "sentences_jsonl", type=existing_file, required=True)
@click.option("-o", "--output", type=OutputPath(), required=True)
@no_cache_option
@jobs_option
def claims_command(docs_jsonl: Path, sentences_jsonl: Path, output: Path, no_cache: bool, jobs: int | None) -> None:
    """Claim profiles: for every sentence, its clauses and the cues that say
    how sure the claim is, who asserts it, when, how strongly and of how much.

    \b
    Example:
      rumorlens claims --docs build/docs.jsonl --sentences build/sentences.jsonl -o build/claims.jsonl
    """
    from ..records import write_jsonl

    check_output(output, "the claim profiles", (docs_jsonl, sentences_jsonl))
    _check_languages(sentences_jsonl)
    docs, sentences = _load_docs_and_sentences(docs_jsonl, sentences_jsonl)
    with open_runner(jobs) as runner, pipeline.result_cache(not no_cache) as cache:
        profiles = pipeline.claims(docs, sentences, runner, cache)
    write_jsonl(output, profiles)
    click.echo(f"rumorlens: {plural(len(profiles), 'claim profile')} -> {output}", err=True)


@main.command("compare")
@click.option("--docs", "docs_jsonl", type=existing_file, required=True)
@click.option("--skipped", "skipped_jsonl", type=existing_file, help="Skipped files, from `rumorlens ingest`.")
@click.option("--sentences", "sentences_jsonl", type=existing_file, required=True)
@click.option("--pairs", "pairs_json", type=existing_file, required=True)
@click.option("--mentions", "mentions_jsonl", type=existing_file, required=True)
@click.option("--claims", "claims_jsonl", type=existing_file, help="Claim profiles, from `rumorlens claims`.")
@click.option("-o", "--output", type=OutputPath(), required=True)
@click.option("--model", default=pipeline.DEFAULT_MODEL, show_default=True, help="use-m3, e5-small or st:NAME.")
@click.option("--translate", is_flag=True, help="Also compare a machine translation of the source.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A glossary (term base) to check translations against, besides the bundled one: CSV or TSV "
                   "with columns zh, fr, en (and <lang>_wrong for known wrong renderings), or TBX. Repeatable.")
@click.option("--moves", is_flag=True, help="Also report passages that a version moved elsewhere.")
@decisions_option
@no_cache_option
@jobs_option
def compare_command(docs_jsonl, skipped_jsonl, sentences_jsonl, pairs_json, mentions_jsonl, claims_jsonl, output,
                    model, translate, glossaries, moves, decisions, no_cache, jobs) -> None:
    """Run every check on the aligned pairs and write the JSON report.

    \b
    Example:
      rumorlens compare --docs build/docs.jsonl --skipped build/skipped.jsonl \\
        --sentences build/sentences.jsonl --pairs build/pairs.json \\
        --mentions build/mentions.jsonl --claims build/claims.jsonl -o build/report.json
    """
    from ..compare.driver import bead_checks
    from ..report import write_report

    bead_checks(glossaries)  # a bad glossary stops here, before any work
    check_page_or_report(output, "-o", "json")
    check_output(output, "the report", (docs_jsonl, skipped_jsonl, sentences_jsonl, pairs_json, mentions_jsonl,
                                          claims_jsonl, decisions, *glossaries))
    docs, sentences = _load_docs_and_sentences(docs_jsonl, sentences_jsonl)
    skipped = _read(skipped_jsonl, Skipped) if skipped_jsonl else []
    _scores, groups, alignments, agroups = pipeline.read_pairs(pairs_json)
    doc_mentions = _read(mentions_jsonl, Mention)
    enc = pipeline.encoder(model, use_cache=not no_cache)
    embeddings = pipeline.embed(enc, docs, sentences)
    get_translator = pipeline.translator_factory() if translate else None
    doc_claims = _read(claims_jsonl, ClaimProfile) if claims_jsonl else None
    with open_runner(jobs) as runner, pipeline.result_cache(not no_cache) as cache:
        findings = pipeline.compare(docs, sentences, embeddings, groups, alignments, doc_mentions, enc,
                                    get_translator, doc_claims, None, moves, agroups, glossaries=glossaries,
                                    runner=runner, cache=cache)
    report = pipeline.report(docs, skipped, groups, alignments, sentences, findings, agroups, model)
    report = pipeline.review(report, decisions)
    write_report(output, report)
    click.echo(f"rumorlens: {plural(report['summary']['total'], 'finding')} -> {output}", err=True)
