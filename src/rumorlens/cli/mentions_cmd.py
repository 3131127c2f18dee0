"""``rumorlens mentions``: print the numbers, dates and entities of a file or a text."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..errors import UserError
from ..langs import HANDLED
from ..records import Document, Paragraph, dumps
from . import OutputPath, check_output, jobs_option, main, open_runner
from .compare_cmd import no_cache_option


def _load(path: Path, lang: Optional[str]) -> Document:
    from .. import ingest

    if not path.exists():
        raise UserError(ingest.missing(path, "file"))
    from . import max_bytes

    try:
        doc = ingest.load_file(path, max_bytes=max_bytes())
    except ingest.SkipFile as exc:
        raise UserError(f"{path}: {exc}") from None
    if lang:
        doc.lang = lang
        doc.languages = [lang]
        doc.paragraphs = [Paragraph(0, len(doc.text), lang)]
    return doc


def _fmt_value(m) -> str:
    v = m.value
    if isinstance(v, float):
        v = f"{v:g}" if abs(v) < 1e6 else f"{v:.6g}"
        if m.value_high is not None:
            v += f"..{m.value_high:g}"
    return "-" if v is None else str(v)


def format_line(m) -> str:
    """One mention as one tab-separated line (span, text, kind/type, value, unit, approx, ambiguity)."""
    parts = [f"{m.start}-{m.end}", repr(m.text)[1:-1], f"{m.kind}/{m.type}", _fmt_value(m)]
    if m.kind == "date":
        parts.append(m.granularity or "-")
        parts.append(m.direction or "-")
    elif m.kind == "entity":
        parts.append(m.canonical or "-")
    else:
        parts.append(m.unit or "-")
        parts.append(f"approx={m.approx}" if m.approx else "exact")
        if m.scale_word:
            parts.append(f"scale={m.scale_word}")
    if m.ambiguous:
        # a number's other readings are floats, a date's or a time's strings (T14:30)
        parts.append("AMBIGUOUS alt=" + ",".join(f"{a:g}" if isinstance(a, (int, float)) else str(a)
                                                 for a in m.alt_values))
    return "\t".join(parts)


@main.command("mentions")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--text", "text", help="Read this text instead of a file.")
@click.option("--lang", type=click.Choice(list(HANDLED)), help="Language (default: detected per paragraph).")
@click.option("--date", "ref_date", help="Publication date (ISO) that anchors relative dates.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--no-entities", is_flag=True, help="Skip the NER models (numbers and dates only; faster).")
@click.option("--docs", "docs_jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Pipeline stage: every document of this docs.jsonl (from `rumorlens ingest`); needs -o.")
@click.option("-o", "--output", type=OutputPath(),
              help="With --docs: write the mentions here as JSON lines.")
@no_cache_option
@jobs_option
def mentions_command(file: Optional[Path], text: Optional[str], lang: Optional[str], ref_date: Optional[str],
                     as_json: bool, no_entities: bool, docs_jsonl: Optional[Path], output: Optional[Path],
                     no_cache: bool, jobs: Optional[int]) -> None:
    """Print every number, date and entity of FILE (or of --text), one per line.

    \b
    Examples:
      rumorlens mentions corpus/seeds/003_6bee6f61d1f82674.txt
      rumorlens mentions --text "约5亿美元" --lang zh
      rumorlens mentions --text "1,76 trillion de paramètres" --lang fr --json
      rumorlens mentions --docs build/docs.jsonl -o build/mentions.jsonl   # pipeline stage
    """
    if docs_jsonl is not None:
        from .. import pipeline
        from ..records import read_jsonl, write_jsonl

        if output is None or file is not None or text is not None:
            raise UserError("--docs goes with -o OUT.jsonl, and without FILE or --text")
        check_output(output, "the mentions", (docs_jsonl,))
        with open_runner(jobs) as runner, pipeline.result_cache(not no_cache) as cache:
            found = pipeline.mentions(read_jsonl(docs_jsonl, Document), runner, cache)
        write_jsonl(output, found)
        from ..names import plural

        click.echo(f"rumorlens: {plural(len(found), 'mention')} -> {output}", err=True)
        return
    from .. import mentions

    if (file is None) == (text is None):
        raise UserError("give either FILE or --text (one of them)")
    if text is not None:
        if not lang:
            raise UserError("--text needs --lang (zh, fr or en)")
        found = mentions.extract_text(text, lang, doc_id="text", ref_date=ref_date, entities=not no_entities)
    else:
        doc = _load(file, lang)
        if ref_date:
            doc.date = ref_date
        found = mentions.extract_document(doc, entities=not no_entities)
    for m in found:
        click.echo(dumps(m) if as_json else format_line(m))
