"""Imported by the forkserver of the process pool (rumorlens.runner), once,
before it forks any worker: runs the loaders rumorlens.preload names in the
environment variable RUMORLENS_PRELOAD (comma-separated), so that every
worker starts with them loaded.  Never raises (rumorlens.preload.warm_up)."""
import os

from rumorlens.preload import PRELOAD_ENV, warm_up

warm_up([name for name in os.environ.get(PRELOAD_ENV, "").split(",") if name])
