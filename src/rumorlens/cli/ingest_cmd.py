"""``rumorlens ingest`` and ``rumorlens sentences``: the first two stages."""
from __future__ import annotations

from pathlib import Path

import click

from .. import ingest, segment
from ..langs import display_width
from ..names import plural
from ..records import Document, read_jsonl, write_jsonl
from . import OutputPath, check_output, echo_skipped, jobs_option, main, open_runner


@main.command("ingest")
@click.argument("corpus", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=OutputPath(), help="Write documents here as JSON lines.")
@click.option("--skipped", "skipped_path", type=OutputPath(),
              help="Write skipped files here (default: skipped.jsonl beside --output).")
@click.option("--follow-links", is_flag=True,
              help="Also read files and folders that symbolic links point to outside CORPUS "
                   "(by default such links are listed as skipped and nothing outside CORPUS is read).")
@jobs_option
def ingest_command(corpus: Path, output: Path | None, skipped_path: Path | None, follow_links: bool,
                   jobs: int | None) -> None:
    """Read every article under CORPUS and print a table: file, languages, sentences.

    \b
    Example:
      rumorlens ingest corpus/ -o build/docs.jsonl
      rumorlens ingest corpus/ --max-mb 50      # accept files up to 50 MiB
    """
    from .. import pipeline
    from . import max_bytes

    skipped_out = (skipped_path or output.with_name("skipped.jsonl")) if output else None
    if output:
        ingest.check_corpus_folder(corpus)
        for path, what in ((output, "the documents"), (skipped_out, "the skipped files")):
            ingest.check_not_an_article(path, corpus, what)
            check_output(path, what)
        if output.resolve() == skipped_out.resolve():
            raise click.UsageError(f"--skipped {skipped_out} is the documents' own path (-o): give another file name")
    with open_runner(jobs) as runner:
        docs, skipped = pipeline.ingest(corpus, max_bytes=max_bytes(), follow_links=follow_links, runner=runner)
    if output:
        write_jsonl(output, docs)
        write_jsonl(skipped_out, skipped)
    echo_skipped([(s.path, s.reason) for s in skipped])
    # padded by display columns: a CJK file name takes two a character (a fresh user's trial)
    width = max((display_width(d.path) for d in docs), default=4)
    click.echo(f"{'file':<{width}}  {'lang':<4}  {'languages':<12}  {'sentences':>9}  title")
    for doc in docs:
        n = len(segment.segment_document(doc))
        title = (doc.title or "")[:40]
        path = doc.path + " " * (width - display_width(doc.path))
        click.echo(f"{path}  {doc.lang:<4}  {','.join(doc.languages):<12}  {n:>9}  {title}")
    click.echo(f"{plural(len(docs), 'document')}, {len(skipped)} skipped")


@main.command("sentences")
@click.argument("docs_jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=OutputPath(), required=True, help="Sentences as JSON lines.")
@jobs_option
def sentences_command(docs_jsonl: Path, output: Path, jobs: int | None) -> None:
    """Split the documents of DOCS_JSONL (from `rumorlens ingest`) into sentences.

    \b
    Example:
      rumorlens sentences build/docs.jsonl -o build/sentences.jsonl
    """
    from .. import pipeline

    check_output(output, "the sentences", (docs_jsonl,))
    docs = read_jsonl(docs_jsonl, Document)
    with open_runner(jobs) as runner:
        by_doc = pipeline.segment(docs, runner)
    sentences = [s for doc in docs for s in by_doc[doc.id]]
    write_jsonl(output, sentences)
    click.echo(f"{plural(len(sentences), 'sentence')} from {plural(len(docs), 'document')} -> {output}", err=True)
