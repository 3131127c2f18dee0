"""One SQLite cache file that never stops a run: the file handling shared by
the embedding cache (:class:`rumorlens.embed.CachedEncoder`) and the stage
result cache (:class:`rumorlens.resultcache.ResultCache`).

The file is in WAL mode, so concurrent runs, the process pool's parent and
the dask engine's workers can share it: readers never wait, a writer waits
up to 60 s for another's transaction (busy timeout).  A file that cannot be
opened or used (corrupt, read-only, disk full, no permission) gives one
warning naming the file and the run goes on without it; a corrupt file that
can be moved is set aside as ``<name>.corrupt-<unix time>`` and a new one is
built.  ``use_cache=False`` (``--no-cache``) touches no file.
"""
from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)


def is_corrupt(exc: BaseException) -> bool:
    """Is this SQLite error a damaged file (rather than permissions or space)?"""
    msg = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("not a database" in msg or "malformed" in msg)


class SqliteCacheFile:
    """The connection to one cache file, or None once it proved unusable.

    Subclasses set ``what`` (named in warnings: "embedding cache"), ``_log``
    (their module's logger) and ``_schema`` (the CREATE statements), call
    :meth:`_init_file` and use ``self._db`` while it is not None, passing
    any ``sqlite3.DatabaseError`` to :meth:`_failed`."""

    what = "cache"
    _log = log
    _schema: tuple[str, ...] = ()

    def _init_file(self, path: Path, use_cache: bool) -> None:
        self.path = path
        self.warning: Optional[str] = None  # why the cache is off, when it had to be turned off
        self._db: Optional[sqlite3.Connection] = None
        self._use_cache = use_cache
        if use_cache:
            self._open()

    def _open(self) -> None:
        try:
            self._db = self._connect_waiting()
            return
        except (sqlite3.DatabaseError, OSError) as exc:
            error = exc
        if is_corrupt(error):
            self._set_aside()  # may find it gone: a concurrent run set it aside first
            try:
                self._db = self._connect()
                self._log.warning("%s %s was corrupt (%s): set aside, a new one is built", self.what, self.path, error)
                return
            except (sqlite3.DatabaseError, OSError) as exc:
                error = exc
        self._disable(error)

    def _connect_waiting(self, attempts: int = 40) -> sqlite3.Connection:
        """:meth:`_connect`, tried again while another process holds the lock.
        Switching a new file to WAL needs the file to itself, and SQLite does
        not call the busy handler for that switch, so several processes
        opening one new file can fail at once with "database is locked"
        (seen once in 31 runs of tests/test_embed_concurrent.py; the same
        cause is described in russellromney/honker#102).  The wait is ours:
        up to about 10 s."""
        for attempt in range(attempts):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (1 + attempt % 8))
        raise AssertionError("unreachable")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=60, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            for statement in self._schema:
                db.execute(statement)
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self) -> bool:
        """Move a corrupt cache file (and its WAL files) out of the way."""
        stamp = int(time.time())
        try:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
        except OSError:
            return False
        for extra in ("-wal", "-shm"):
            try:
                os.replace(f"{self.path}{extra}", f"{self.path}.corrupt-{stamp}{extra}")
            except OSError:
                pass
        return True

    def _disable(self, error: BaseException) -> None:
        """Go on without the cache, after one warning that names the file."""
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        if self.warning is None:
            folder = self.path.parent
            if folder.exists() and not folder.is_dir():  # RUMORLENS_CACHE names a file: never advise deleting it
                self.warning = f"cache folder {folder} is not a folder: going on without the {self.what}"
                hint = " (set RUMORLENS_CACHE to a folder)"
            else:
                reason = str(error) or type(error).__name__
                self.warning = f"{self.what} {self.path} is unusable ({reason}): going on without it"
                hint = " (delete the file, or set RUMORLENS_CACHE to another folder)" if not is_corrupt(error) else ""
            self._log.warning("%s%s", self.warning, hint)

    def _failed(self, exc: sqlite3.DatabaseError) -> None:
        # a file found corrupt in use is set aside for the next run to rebuild
        if is_corrupt(exc):
            self._set_aside()
        self._disable(exc)

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
