"""Where the event store lives and how to talk to it: a SQLite file (embedded, the default) or a PostgreSQL
database a team shares (`postgresql://user@host:port/db`).

The store's SQL is written once, in SQLite's words with `?` placeholders; a PostgreSQL connection takes the
same statements (placeholders and rows adapted here). What the two engines say differently (case-insensitive
equality, LIKE, the order of NULLs, full-text search, string aggregation) goes through the small helpers at
the end of this module, so each caller says what it means and both engines answer the same.

Writers cooperate: SQLite's single writer waits its turn (busy timeout, then a retry loop at BEGIN), and
PostgreSQL's writers take one advisory lock per write transaction, so fusion sees every stored document
whichever process stored it.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql", "postgres")
SQLITE_BUSY_TIMEOUT = 10.0  # seconds SQLite itself waits for a lock, per attempt
WRITE_PATIENCE = 300.0  # seconds a writer keeps retrying before its write is reported as failed
WRITE_LOCK_KEY = 0x73697472  # 'sitr': the PostgreSQL advisory lock every write transaction holds
MIGRATE_LOCK_KEY = 0x73697473

Row = Any  # sqlite3.Row or PgRow: both index by position and by column name, and give keys()


class StoreError(RuntimeError):
    """The store cannot be opened or written: a message for people, naming the store (the command line prints
    it in one line and exits 1)."""


class StoreBusy(StoreError):
    """Another writer held the store longer than this writer's patience."""


# ---------------------------------------------------------------------------------------------------------
# Locations: a path or a URL, never one taken for the other


def is_postgres_url(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.split("://", 1)[0].lower() in POSTGRES_SCHEMES \
        and "://" in location


def store_location(value: str | Path | None) -> str | Path:
    """The store a user named: a PostgreSQL URL (kept as a string), a SQLite file (a Path; `sqlite:///path`
    is accepted too), or the default file when nothing was named. Any other URL is an error, not a folder."""
    if value is None or value == "":
        from sitrep.config import default_db_path

        return default_db_path()
    if isinstance(value, Path):
        return value
    if is_postgres_url(value):
        return value
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", value)
    if scheme:
        if scheme.group(1).lower() == "sqlite":
            return Path(value.split("://", 1)[1] or "sitrep.db").expanduser()
        raise StoreError(f"{value!r}: unsupported store URL (use a file path, sqlite:///path or "
                         f"postgresql://user@host:port/db)")
    return Path(value).expanduser()


def display_location(location: str | Path) -> str:
    """The location for messages and the API, without a password."""
    if not is_postgres_url(location):
        return str(location)
    parts = urlsplit(str(location))
    if parts.password is None:
        return str(location)
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


# ---------------------------------------------------------------------------------------------------------
# SQLite


class SqliteConnection(sqlite3.Connection):
    dialect = "sqlite"


def connect_sqlite(path: Path, readonly: bool = False) -> SqliteConnection:
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                               factory=SqliteConnection, timeout=SQLITE_BUSY_TIMEOUT)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, factory=SqliteConnection,
                               timeout=SQLITE_BUSY_TIMEOUT)
    conn.row_factory = sqlite3.Row
    return conn


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def retry_busy(action, what: str, patience: float = WRITE_PATIENCE):
    """Run `action()` until SQLite stops answering 'database is locked' (some lock waits, such as a WAL
    switch or a BEGIN racing another, return at once without SQLite's own busy timeout)."""
    deadline = time.monotonic() + patience
    delay = 0.02
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(f"{what}: the store stayed locked by another writer for {patience:.0f} s") from exc
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.5)


# ---------------------------------------------------------------------------------------------------------
# PostgreSQL


class PgRow:
    """A PostgreSQL row that reads like sqlite3.Row: by position, by column name, keys(), dict(row).

    PostgreSQL has no implicit rowid, so the store's tables carry a real `rowid` column; it is left out of
    keys() (and so of dict(row)) as SQLite leaves its rowid out of `SELECT *`."""

    __slots__ = ("_shape", "_values")

    def __init__(self, shape: tuple[dict[str, int], list[str]], values: tuple):
        self._shape = shape
        self._values = values

    def keys(self) -> list[str]:
        return self._shape[1]

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._values[self._shape[0][key]]
            except KeyError:
                raise IndexError(f"no column {key!r}") from None
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other) -> bool:
        if isinstance(other, PgRow):
            return self._values == other._values and self._shape[1] == other._shape[1]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._shape[1], self._values, strict=False))!r})"


def _plain(value):
    """numeric (SUM of integers) as int, as SQLite gives it; other values as they come."""
    if type(value) is Decimal:
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _pg_row_factory(cursor):
    names = [c.name for c in cursor.description] if cursor.description else []
    shape = ({n: i for i, n in reversed(list(enumerate(names)))}, [n for n in names if n != "rowid"])

    def make(values) -> PgRow:
        return PgRow(shape, tuple(_plain(v) if type(v) is Decimal else v for v in values))

    return make


@lru_cache(maxsize=2048)
def pg_sql(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s` (outside quoted literals); literal % doubled."""
    out: list[str] = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
        if ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


def _pg_value(value):
    # PostgreSQL text cannot hold NUL; SQLite can: keep the rest of the text rather than fail the document
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class PgConnection:
    """A psycopg 3 connection that speaks the store's SQL: execute / executemany with `?` placeholders,
    rows like sqlite3.Row, explicit transactions (autocommit outside BEGIN ... COMMIT, as SQLite's
    isolation_level=None)."""

    dialect = "postgresql"

    def __init__(self, url: str, readonly: bool = False):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("a PostgreSQL store needs psycopg (pip install 'psycopg[binary]')") from exc
        options = "-c default_transaction_read_only=on" if readonly else None
        try:
            self.raw = psycopg.connect(url, autocommit=True, row_factory=_pg_row_factory, connect_timeout=15,
                                       application_name="sitrep", **({"options": options} if options else {}))
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the PostgreSQL store {display_location(url)}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}") from exc

    def execute(self, sql: str, params=()):
        if params:
            return self.raw.execute(pg_sql(sql), [_pg_value(p) for p in params])
        return self.raw.execute(sql)

    def executemany(self, sql: str, rows) -> None:
        rows = [[_pg_value(p) for p in r] for r in rows]
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(pg_sql(sql), rows)

    def close(self) -> None:
        self.raw.close()


# ---------------------------------------------------------------------------------------------------------
# Opening and transactions


def connect(location: str | Path, readonly: bool = False):
    if is_postgres_url(location):
        return PgConnection(str(location), readonly=readonly)
    return connect_sqlite(Path(location), readonly=readonly)


def dialect_of(conn) -> str:
    return getattr(conn, "dialect", "sqlite")


def begin_write(conn, what: str = "write") -> None:
    """Start a write transaction: SQLite's BEGIN IMMEDIATE (retried while another writer holds the file), or
    PostgreSQL's BEGIN plus the store's advisory lock (writers take turns, readers never wait)."""
    if dialect_of(conn) == "postgresql":
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return
    retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"), what)


def commit(conn) -> None:
    conn.execute("COMMIT")


def rollback(conn) -> None:
    """Roll back if a transaction is open (a failed COMMIT or a lost connection may have closed it)."""
    try:
        conn.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - nothing left to undo
        pass


# ---------------------------------------------------------------------------------------------------------
# What the two engines say differently


def ci_equals(dialect: str, column: str) -> str:
    """`column` equals the parameter, ignoring ASCII case (SQLite's NOCASE indexes serve it)."""
    return f"lower({column}) = lower(?)" if dialect == "postgresql" else f"{column} = ? COLLATE NOCASE"


def like(dialect: str) -> str:
    """Case-insensitive LIKE with no escape character, as SQLite's LIKE."""
    return "ILIKE ? ESCAPE ''" if dialect == "postgresql" else "LIKE ?"


def group_concat_distinct(dialect: str, column: str) -> str:
    if dialect == "postgresql":
        return f"string_agg(DISTINCT {column}, ',' ORDER BY {column})"
    return f"GROUP_CONCAT(DISTINCT {column})"


def order_by(dialect: str, *terms: str) -> str:
    """ORDER BY with NULLs where SQLite puts them (first ascending, last descending) on both engines."""
    if dialect != "postgresql":
        return "ORDER BY " + ", ".join(terms)
    return "ORDER BY " + ", ".join(t + (" NULLS LAST" if t.upper().endswith(" DESC") else " NULLS FIRST")
                                   for t in terms)


def subquery_alias() -> str:
    return " AS sub"  # PostgreSQL 15 wants every subquery in FROM named; SQLite does not mind


# Full-text search: SQLite's FTS5 (unicode61: letters and digits, case and accents folded, every word
# required); PostgreSQL's tsvector built from the same tokens, so both find the same documents.
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TOKEN_CHARS = 200
MAX_TSVECTOR_BYTES = 900_000  # PostgreSQL refuses a tsvector over 1 MB


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_tokens(text: str) -> list[str]:
    """The distinct folded words of a text (what FTS5's unicode61 tokenizer indexes), within PostgreSQL's
    limits on a tsvector."""
    seen: dict[str, None] = {}
    size = 0
    for m in _TOKEN.finditer(text or ""):
        token = fold(m.group())
        if not token or len(token) > MAX_TOKEN_CHARS or token in seen:
            continue
        size += len(token.encode()) + 8
        if size > MAX_TSVECTOR_BYTES:
            break
        seen[token] = None
    return list(seen)


def fts_query(text: str) -> str:
    """Free text as a safe FTS5 query: every word quoted (no syntax errors from user input), all required."""
    words = _TOKEN.findall(text or "")
    return " ".join(f'"{w}"' for w in words[:20]) or '""'


def pg_tsquery(text: str) -> str:
    """The same query as a PostgreSQL tsquery: every folded word required (an empty query matches nothing)."""
    words = [fold(w) for w in _TOKEN.findall(text or "")[:20]]
    return " & ".join("'" + w.replace("'", "''") + "'" for w in words if w)


def fts_rowids(dialect: str, table: str) -> str:
    """SQL for the rowids of `table` (a full-text index) matching the parameter given by `fts_param`."""
    if dialect == "postgresql":
        return f"SELECT rowid FROM {table} WHERE body @@ ?::tsquery"
    return f"SELECT rowid FROM {table} WHERE {table} MATCH ?"


def fts_param(dialect: str, text: str) -> str:
    return pg_tsquery(text) if dialect == "postgresql" else fts_query(text)


def fts_index(conn, table: str, rowid: int, text: str) -> None:
    """Index `text` under `rowid` in a full-text table (canonical_fts; documents_fts on PostgreSQL)."""
    if dialect_of(conn) == "postgresql":
        conn.execute(f"INSERT INTO {table} (rowid, body) VALUES (?, array_to_tsvector(?::text[]))",
                     (rowid, search_tokens(text)))
    else:
        conn.execute(f"INSERT INTO {table} (rowid, body) VALUES (?, ?)", (rowid, text))
