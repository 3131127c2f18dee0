"""Build step: the wheel carries the data rumorlens reads at run time.

The repository keeps ``models/`` and ``schema/`` at the top level (the design
card).  ``build_py`` copies both trees, whole, into the built package as
``rumorlens/models`` and ``rumorlens/schema``, where ``rumorlens.paths`` reads
them with ``importlib.resources``.  Every file under them is copied, so a new
lexicon, gazetteer or schema needs no list here.  ``MANIFEST.in`` grafts both
into the sdist, so a wheel built from the sdist has them too.  An editable
install gets no copy: it reads the top-level folders in place.

Everything else (metadata, dependencies) is in ``setup.cfg``.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKAGE = "rumorlens"
DATA_TREES = ("models", "schema")


class build_py_with_data(build_py):
    """``build_py``, then a copy of each top-level data tree into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in DATA_TREES:
            target = Path(self.build_lib) / PACKAGE / name
            # A file deleted from models/ must not survive in an old build/lib.
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.py[cod]"))


setup(cmdclass={"build_py": build_py_with_data})
