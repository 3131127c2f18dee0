"""rumorlens: trace how a story changes as it crosses languages."""

__version__ = "0.1.0"
