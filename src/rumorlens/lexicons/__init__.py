"""Word-level lexical resources for the coverage, antonym and term checks:
words with part of speech (:mod:`.words`), offline bilingual dictionaries
with English as pivot (:mod:`.dictionaries`), WordNet antonyms
(:mod:`.wordnet`).  Every resource loads lazily, once per process, and a
missing optional one is reported once, never fatal."""
