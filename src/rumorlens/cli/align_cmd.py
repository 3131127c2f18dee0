"""``rumorlens align-pair``: align the sentences of two files."""
from __future__ import annotations

import json
from pathlib import Path

import click

from . import main
from ..errors import UserError


def _units(path: Path, presegmented: bool) -> tuple[list[str], dict]:
    """The units of a file, and what align_* may know about each one
    (language, kind) when rumorlens segmented it (page furniture marked by
    the file's own patterns and position: rumorlens.boilerplate)."""
    from ..boilerplate import mark_boilerplate
    from ..ingest import SkipFile, load_file, load_presegmented
    from ..segment import presegmented_sentences, segment_document
    from . import max_bytes

    try:
        if presegmented:
            sentences = presegmented_sentences(load_presegmented(path, max_bytes=max_bytes()))
        else:
            doc = load_file(path, max_bytes=max_bytes())
            sentences = mark_boilerplate([doc], {doc.id: segment_document(doc)})[doc.id]
    except SkipFile as exc:
        raise UserError(f"{path}: {exc}")
    return [s.text for s in sentences], {"langs": [s.lang for s in sentences], "kinds": [s.kind for s in sentences]}


@main.command("align-pair")
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("tgt", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--presegmented", is_flag=True, help="One unit per line, used as is; indices are 0-based line numbers.")
@click.option("--format", "fmt", type=click.Choice(["beads", "json", "tsv"]), default="beads", show_default=True,
              help="beads: [3,4]:[5] per line; json: one object per bead; tsv: indices, score and both texts.")
@click.option("--model", default="use-m3", show_default=True, help="Encoder: use-m3, e5-small or st:<name-or-path>.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
def align_pair(src: Path, tgt: Path, presegmented: bool, fmt: str, model: str, no_cache: bool) -> None:
    """Align the sentences of two versions of a text (SRC and TGT).

    Every unit of both sides appears in exactly one bead, in order:
    1-1, 1-n / n-1 (up to 8), small n-m, and one-sided beads for content
    found on one side only.

    \b
    Example:
      rumorlens align-pair de.txt fr.txt --presegmented > beads.txt
      rumorlens align-pair article_zh.md article_fr.txt --format tsv
    """
    from ..align import align_sentences
    from ..alignscore import format_bead
    from ..embed import get_cached_encoder

    (src_units, src_info), (tgt_units, tgt_info) = _units(src, presegmented), _units(tgt, presegmented)
    encoder = get_cached_encoder(model, use_cache=not no_cache)
    beads = align_sentences(src_units, tgt_units, encoder,
                            src_langs=src_info.get("langs"), tgt_langs=tgt_info.get("langs"),
                            src_kinds=src_info.get("kinds"), tgt_kinds=tgt_info.get("kinds"))
    for bead in beads:
        if fmt == "beads":
            click.echo(format_bead(bead.src, bead.tgt))
        elif fmt == "json":
            click.echo(json.dumps({
                "src": bead.src, "tgt": bead.tgt, "score": bead.score,
                "src_text": " ".join(src_units[i] for i in bead.src),
                "tgt_text": " ".join(tgt_units[j] for j in bead.tgt),
            }, ensure_ascii=False, sort_keys=True))
        else:
            def clean(t: str) -> str:
                return t.replace("\t", " ").replace("\n", " ")
            click.echo("\t".join([
                ",".join(map(str, bead.src)), ",".join(map(str, bead.tgt)), f"{bead.score:.4f}",
                clean(" ".join(src_units[i] for i in bead.src)), clean(" ".join(tgt_units[j] for j in bead.tgt)),
            ]))
