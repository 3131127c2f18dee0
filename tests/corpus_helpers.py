"""A tiny two-version corpus (Chinese source, French version) that tests
build on the spot: one valuation that differs, a hedge dropped, a claim
negated, a duration kept."""
from __future__ import annotations

from pathlib import Path


def tiny_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "zh_source.txt").write_text(
        "OpenAI 的估值达到 1570 亿美元。\n\n据我们所知，GPT-5 已经在内部运行。\n\n"
        "Alberto Romero 认为这个模型不会公开发布。\n\n他说训练花了十八个月。\n", encoding="utf-8")
    (corpus / "fr_version.txt").write_text(
        "OpenAI est valorisée à 150 milliards de dollars.\n\nGPT-5 fonctionne déjà en interne.\n\n"
        "Alberto Romero pense que ce modèle sera rendu public.\n\nIl dit que l'entraînement a pris dix-huit mois.\n",
        encoding="utf-8")
    return corpus
