"""Search of the registers (收文, 发文) that understands Chinese; see docs/search.md.

The search document of a record lives in its own columns (documents.models.common.Searchable),
filled by a database trigger (migration 0006) on every insert and every change of a searched field:

- `search_vector`: a tsvector whose lexemes are the character bigrams and single characters of the
  Chinese runs and the ASCII words (letters and digits) of everything searchable: the title, the
  sender or recipients, the numbers and `search_extra` (text of further sources). GIN index.
- `search_public`: the same, of what a user without clearance may search (sender, 收文编号; 发文字号,
  主送); set on classified records only. Partial GIN index.
- `number_key`: the record's numbers without brackets, spaces or the trailing 号 (`x水发2026169`),
  joined by `|`. Trigram index, so a fragment like `〔2026〕169` is found too.

A typed query becomes the AND of its lexemes (bigrams of each Chinese run of two characters or
more, the character itself for a run of one, ASCII words whole), matched with `@@` against the GIN
index, ORed with `number_key LIKE '%key%'` when the query contains a digit. The same FilterSet method
serves the page, the API and the Excel export.

More text sources (正文 versions, attachments): hand their texts to `search_set_texts(document,
texts)`; the trigger folds them into `search_vector` (never into `search_public`, so a classified
body is not searchable without clearance).
"""

import datetime
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from zoneinfo import ZoneInfo

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.db.models import Case, F, Func, IntegerField, Lookup, Q, Value, When
from django.db.models.functions import Greatest
from django.db.models.sql.where import WhereNode

from .choices import CLASSIFIED

__all__ = [
    "document_lexemes",
    "number_key",
    "query_lexemes",
    "search_filter",
    "search_rank",
    "search_set_texts",
    "supported",
    "windowed",
]

# The same classes as documents_search_lexemes() in migration 0006: ASCII words, and runs of Han
# characters (CJK Extension A and the Unified Ideographs); everything else separates.
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_NUMBER_NOISE = re.compile(r"[\[\](){}【】〔〕〖〗|\s]")
# sort=relevance ranks the newest this many matches (all of them, for any but a common word).
RELEVANCE_WINDOW = 1_000
MAX_WORD = 100  # a longer ASCII run is cut there (a tsvector lexeme has a size limit)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def document_lexemes(text: str) -> set[str]:
    """The lexemes a text contributes to a search vector (the Python twin of the SQL function)."""
    normal = _normal(text)
    lexemes = {word[:MAX_WORD] for word in _ASCII_WORD.findall(normal.lower())}
    for run in _HAN_RUN.findall(normal):
        lexemes.update(run)
        lexemes.update(run[i : i + 2] for i in range(len(run) - 1))
    return lexemes


def query_words(text: str) -> list[list[str]]:
    """The lexemes of each typed word: an ASCII word itself, a single character typed alone, the
    overlapping bigrams of a longer Chinese run."""
    normal = _normal(text)
    words = []
    for match in re.finditer(f"{_ASCII_WORD.pattern}|{_HAN_RUN.pattern}", normal.lower()):
        run = match.group()
        if run.isascii():
            words.append([run[:MAX_WORD]])
        elif len(run) == 1:
            words.append([run])
        else:
            words.append([run[i : i + 2] for i in range(len(run) - 1)])
    return words


def query_lexemes(text: str) -> list[str]:
    """The lexemes a record must all have to match a typed query (those of every typed word)."""
    return list(dict.fromkeys(lexeme for word in query_words(text) for lexeme in word))


def number_key(text: str) -> str:
    """A number as number_key stores it: NFKC, lower case, no brackets or spaces, no trailing 号."""
    key = _NUMBER_NOISE.sub("", _normal(text).lower())
    return key[:-1] if key.endswith("号") else key


def _quoted(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery(lexemes):
    return " & ".join(_quoted(lexeme) for lexeme in lexemes)


class NumberSuffixes(Func):
    """documents_number_suffixes(number_key): every suffix of each number, the expression the
    number index (migration 0007) is built on."""

    function = "documents_number_suffixes"
    output_field = SearchVectorField()


def _number_match(key):
    # A prefix of one of the suffixes: the typed part anywhere in the number.
    return Q(BigramMatch(NumberSuffixes(F("number_key")), Value(_quoted(key) + ":*")))


class BigramMatch(Lookup):
    """`search_vector__bigrams='…'`: vector @@ the tsquery given as text, cast without a parser
    or a dictionary (the lexemes are already what the index holds)."""

    lookup_name = "bigrams"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ ({rhs})::tsquery", [*lhs_params, *rhs_params]


SearchVectorField.register_lookup(BigramMatch)


def supported() -> bool:
    """The search document is built by PostgreSQL; elsewhere (SQLite in development) the
    registers fall back to icontains over the columns."""
    return connection.vendor == "postgresql"


def _wants_number(key):
    return len(key) >= 3 and any(ch.isdigit() for ch in key)


@dataclass(frozen=True)
class Reach:
    """What a user who does not see every department may see, as the search can use it: the
    records of their department (`~d<id>` in the search vectors, migration 0016) and the keys of
    the others they reach (`rows`: querysets of ids, such as 协办 or 传阅). The register's own
    scope still applies; this only lets the index find the department's matches by itself."""

    department: int | None
    rows: tuple = ()


class AnyOf(Lookup):
    """`pk__any_of=<queryset of keys>`: `pk = ANY(ARRAY(subquery))`. The subquery runs once and the
    comparison is an index condition on the key, so inside an OR it joins a BitmapOr, where
    `IN (subquery)` would be a filter checked on every row read."""

    lookup_name = "any_of"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", [*lhs_params, *rhs_params]


models.AutoField.register_lookup(AnyOf)
models.BigAutoField.register_lookup(AnyOf)


class Unindexed(Func):
    """A search vector the planner cannot read from its index: the rows found another way (by
    key, search.Reach) are checked one by one rather than by reading every match of the index."""

    template = "(%(expressions)s || ''::tsvector)"
    output_field = SearchVectorField()


def _matches(column, words, indexed):
    if indexed:
        return Q(**{f"{column}__bigrams": words})
    return Q(BigramMatch(Unindexed(F(column)), Value(words)))


def _words(column, lexemes, within, indexed, everywhere):
    """`column` holds every lexeme, within the buckets: the selective lexemes (and the buckets) in
    the index, those in nearly every row (`everywhere`: 号, a number's prefix) checked on each row
    the index finds. Reading them from the index too walks a million entries for nothing: the
    full number 8 ms instead of 2."""
    selective = [lexeme for lexeme in lexemes if lexeme not in everywhere]
    if not selective:
        selective, everywhere = lexemes, ()
    found = _matches(column, _tsquery(selective) + (f" & ({within})" if within else ""), indexed)
    checked = [lexeme for lexeme in lexemes if lexeme in everywhere]
    if checked:
        found &= _matches(column, _tsquery(checked), False)
    return found


def _condition(lexemes, key, *, cleared, within, indexed=True, everywhere=()):
    full = _words("search_vector", lexemes, within, indexed, everywhere) if lexemes else Q(pk__in=[])
    if _wants_number(key):
        full |= _number_match(key)
    if cleared:
        return full
    public = _words("search_public", lexemes, within, indexed, everywhere) if lexemes else Q(pk__in=[])
    return (full & ~Q(classification__in=CLASSIFIED)) | public


def search_filter(
    value: str,
    *,
    cleared: bool,
    within: str = "",
    reach: Reach | None = None,
    indexed: bool = True,
    table: str | None = None,
) -> Q | None:
    """The condition of a typed query, or None when the query has nothing searchable in it.

    Without clearance a classified record matches only through `search_public`: its title, its
    masked numbers and its extra texts are never searched for that user. `within` (a tsquery of
    time buckets, see windowed()) is ANDed to the words inside the index. With a `reach`, the
    department's records are matched in the index and the others it reaches by key: the same
    rows within the user's scope, without reading the whole bureau's matches. With the `table`,
    lexemes in nearly every row of it are checked row by row rather than read from the index."""
    lexemes = query_lexemes(value)
    key = number_key(value)
    if not lexemes and not _wants_number(key):
        return None
    everywhere = frequencies.everywhere(table, lexemes) if table else ()
    if reach is None:
        return _condition(lexemes, key, cleared=cleared, within=within, indexed=indexed, everywhere=everywhere)
    others = Q(pk__in=[])
    for rows in reach.rows:
        others |= Q(pk__any_of=rows)
    found = others & _condition(lexemes, key, cleared=cleared, within=within, indexed=False)
    if reach.department is not None:
        own = f"'~d{int(reach.department)}'"
        within = f"({within}) & {own}" if within else own
        found |= _condition(lexemes, key, cleared=cleared, within=within, indexed=indexed, everywhere=everywhere)
    return found


class LexemeFrequencies:
    """How many rows hold each common lexeme of a register's search vectors, as ANALYZE last saw
    them (pg_stats.most_common_elems: the statistics the planner itself reads, up to 10,000
    lexemes with statistics target 1000, migration 0014). A lexeme not among them is rare: it is
    in fewer rows than the least common one listed. Read once per table and per TTL seconds in
    each process (a few thousand short strings), so a search costs no extra query."""

    TTL = 600
    EVERYWHERE = 0.5

    def __init__(self):
        self._tables = {}
        self._lock = threading.Lock()

    def forget(self):
        with self._lock:
            self._tables.clear()

    def _read(self, table):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
                "AND c.relnamespace = to_regnamespace(s.schemaname) "
                "WHERE s.schemaname = current_schema() AND s.tablename = %s AND s.attname = 'search_vector'",
                [table],
            )
            row = cursor.fetchone()
        if not row or not row[0]:
            return {}, 0
        lexemes, shares, rows = row
        return dict(zip(lexemes, shares, strict=False)), max(rows, 0)

    def _shares(self, table):
        now = time.monotonic()
        with self._lock:
            cached = self._tables.get(table)
        if cached is None or cached[0] < now:
            cached = (now + self.TTL, *self._read(table))
            with self._lock:
                self._tables[table] = cached
        return cached[1], cached[2]

    def selective(self, table, words):
        """(the rarest lexeme of each typed word, the rows ANALYZE expects to hold them all), when
        every lexeme is among the common ones; None when one is rare (or there are no
        statistics). The bigrams of one word come together (a word's matches are those of its
        rarest bigram, not the product of its bigrams' shares, which is what the planner takes);
        different words are taken as independent."""
        shares, rows = self._shares(table)
        if not words or any(lexeme not in shares for word in words for lexeme in word):
            return None
        rarest = [min(word, key=shares.get) for word in words]
        expected = rows
        for lexeme in dict.fromkeys(rarest):
            expected *= shares[lexeme]
        return list(dict.fromkeys(rarest)), expected

    def everywhere(self, table, lexemes):
        """The lexemes in at least EVERYWHERE of the rows: they select next to nothing."""
        shares, _rows = self._shares(table)
        return frozenset(lexeme for lexeme in lexemes if shares.get(lexeme, 0) >= self.EVERYWHERE)


frequencies = LexemeFrequencies()


# Windows: the time buckets each search vector holds (migration 0013), in this zone.
BUCKET_ZONE = ZoneInfo("Asia/Shanghai")


def bucket_lexemes(moment: datetime.datetime, register_year: int | None, department: int | None = None) -> set[str]:
    """The bucket lexemes the trigger adds to a record's vectors (documents_search_buckets)."""
    local = moment.astimezone(BUCKET_ZONE)
    found = {f"~y{local:%Y}", f"~m{local:%Y%m}"}
    if register_year is not None:
        found.add(f"~r{register_year}")
    if department is not None:
        found.add(f"~d{department}")
    return found


def _month_start(year, month):
    while month < 1:
        year, month = year - 1, month + 12
    while month > 12:
        year, month = year + 1, month - 12
    return datetime.datetime(year, month, 1, tzinfo=BUCKET_ZONE)


def _any(lexemes):
    return " | ".join(_quoted(lexeme) for lexeme in lexemes)


@dataclass(frozen=True)
class Window:
    """A span of register dates [start, end) and the buckets that hold it inside the index."""

    start: datetime.datetime | None
    end: datetime.datetime | None
    buckets: str  # a tsquery over the bucket lexemes ("" for none)
    # False: the words are checked row by row on what a btree index finds within the span (a span
    # known to hold next to nothing, which the planner cannot know).
    indexed: bool = True


# The windows, in months back from this one: this month, the one before, then each as long as
# all the newer ones together (2, 4, 8, 16, 32 months); everything older is the last window. A
# word with a few hundred matches a month fills page 1 from this month; one in a few hundred a
# year reads a few more, each window about as large as what was read before it. A window costs
# its sort (the dates of its matches are read from the table) and an index read as large as its
# buckets or the rarest word, whichever is smaller: small windows first keep both small, and an
# empty one costs a fraction of a millisecond.
WINDOW_MONTHS = ((0, 1), (1, 2), (2, 4), (4, 8), (8, 16), (16, 32), (32, 64))


def _span_lexemes(months):
    """The bucket lexemes of a span of months: a whole calendar year as its year (one list in the
    index instead of twelve to merge: 16 months of 水土保持 at a million documents, 14 → 4 ms)."""
    by_year = {}
    for start in months:
        by_year.setdefault(start.year, []).append(start)
    found = []
    for year, starts in by_year.items():
        found += [f"~y{year}"] if len(starts) == 12 else [f"~m{start:%Y%m}" for start in starts]
    return found


def windows(today: datetime.date, register_year: int | None = None) -> list[Window]:
    """Disjoint spans of register dates, newest first: anything later (a mistyped date, read
    through the date index), the spans of WINDOW_MONTHS back from this month, and everything
    older. For a register year before this one the months count back from its December, and
    "anything later" is read through the date index too."""
    y, m = today.year, today.month
    found = [Window(_month_start(y, m + 1), None, "")]
    if register_year is not None and register_year < y:
        # A record of that year's register dated after it: a handful, read through the register's
        # (year, date) index with the words checked on each (in the GIN index that span is "not of
        # that year", which reads every match of the rarest word: 4 ms at a million documents).
        y, m = register_year, 12
        found = [Window(_month_start(y, m + 1), None, "", indexed=False)]
    for first, last in WINDOW_MONTHS:
        months = [_month_start(y, m - back) for back in range(first, last)]
        found.append(Window(months[-1], _month_start(y, m - first + 1), _any(_span_lexemes(months))))
    oldest = _month_start(y, m - WINDOW_MONTHS[-1][1] + 1)  # the first day of the last span
    newer_years = range(oldest.year if oldest.month == 1 else oldest.year + 1, y + 1)
    found.append(Window(None, oldest, f"!({_any(f'~y{year}' for year in newer_years)})"))
    return found


def _window_union(key_rows, value, *, cleared, date_field, table, within="", today=None, register_year=None):
    """The keys of `key_rows` matching the typed words, window by window newest first (windows()):
    a UNION ALL of one filter each on the same key query, the window's buckets ANDed with
    `within` (the register year's or the department's lexeme) inside the index."""
    today = today or datetime.datetime.now(BUCKET_ZONE).date()
    parts = []
    for window in windows(today, register_year):
        buckets = " & ".join(f"({part})" for part in (window.buckets, within) if part)
        condition = search_filter(value, cleared=cleared, within=buckets, indexed=window.indexed, table=table)
        if window.start is not None:
            condition &= Q(**{f"{date_field}__gte": window.start})
        if window.end is not None:
            condition &= Q(**{f"{date_field}__lt": window.end})
        parts.append(key_rows.filter(condition))
    return parts[0].union(*parts[1:], all=True)


@dataclass(frozen=True)
class Split:
    """A department user's records as two disjoint parts, with the register's other filters
    applied and no scope: `own` (those whose department `column` is `department`) and `reached`
    (the others they reach: 协办, 传阅, 会签 …). `records` are the filtered records of every
    department. See merged()."""

    department: int
    column: str
    records: object
    reached: object

    @property
    def own(self):
        return self.records.filter(**{self.column: self.department})

    def own_matching(self, condition):
        """The department's records matching `condition`, which holds its lexeme, as counted: the
        column hidden from the planner, which would otherwise AND the column's whole index range
        into the few the search index finds (a department's 30,000 发文: 5 ms for 900 matches)."""
        return self.records.filter(condition & Q(_Hidden(Q(**{self.column: self.department}))))


class _Lazy:
    """A page's keys read only when iterated: the paginator asks Django's page for a slice it then
    replaces by the keys it reads itself (CappedPaginator._deferred)."""

    def __init__(self, read):
        self._read = read

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())


class Merged:
    """The keys of a search over a Split, newest first, read a page at a time: the department's
    matches (`own(stop)`: its first `stop` in date order) and those it reaches by key
    (`reached(stop)`), each read along its own order as far as the page's end, merged here. A scope
    written as one OR (the department's, or one of these keys) cannot be read along any index in
    date order: 水库 for a department walked the bureau's date index over 7,700 rows for a page of
    20 (3.5 ms), where the department's own date index reads 760 (0.4 ms)."""

    ordered = True
    rows_by_key = None  # for CappedPaginator, as a window union's (windowed())
    estimate_first = True
    estimate_from = None
    estimated_from_statistics = False

    def __init__(self, own, reached, date_field, count_from=None):
        self._own = own
        self._reached = reached
        self._date_field = date_field
        self._count_from = count_from  # built when first asked: most pages are estimated, not counted
        self._pages = {}

    @cached_property
    def count_from(self):
        return self._count_from()

    @cached_property
    def few_keys(self):
        return self.count_from.values("pk")

    def _keys(self, start, stop):
        if (start, stop) not in self._pages:
            rows = [*self._own(stop), *self._reached(stop)]
            rows.sort(key=lambda row: (row[self._date_field], row["pk"]), reverse=True)
            self._pages[start, stop] = [{"pk": row["pk"]} for row in rows[start:stop]]
        return self._pages[start, stop]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.stop is None or index.step is not None:
            raise TypeError("Merged keys are read by page: [start:stop].")
        start = index.start or 0
        return _Lazy(lambda: self._keys(start, index.stop))


class _Hidden(Func):
    """A condition the planner takes to hold for half the rows (a CASE it cannot look into):
    the words of a common search, so that a department's page is read along its date index and
    stops at 20 matches rather than fetching every match the planner would otherwise expect to
    be a handful (it multiplies the bigrams of a word as if independent)."""

    template = "CASE WHEN %(expressions)s THEN true ELSE false END"
    output_field = models.BooleanField()
    conditional = True


def merged(
    split: Split, value: str, *, cleared: bool, date_field: str, table: str, common=None, today=None, count_from=None
):
    """The keys of a department user's search in date order (Merged), or None for nothing
    searchable. The department's own matches: a word of one lexeme as the planner likes (its
    estimate is right: the date index for a common one, GIN for a rare one); several lexemes read
    window by window with the department's lexeme in the index (as windowed()), unless they are
    common (`common`: each word's rarest lexeme, LexemeFrequencies.selective), whose own matches
    are read along the department's date index directly (_Hidden).
    The others it reaches are a few keys, checked row by row. `count_from`: a callable giving
    the query the paginator counts, when it counts."""
    words = search_filter(value, cleared=cleared, table=table)
    if words is None:
        return None

    @cache
    def queries():
        # Built when a page first reads its keys: a result counted with its keys (few_keys) is
        # paged from those and never reads these (0.4 ms of querysets composed for nothing).
        order = (f"-{date_field}", "-id")
        columns = ("pk", date_field)
        own = split.own.order_by(*order)
        if len(query_lexemes(value)) < 2:
            own_keys = own.filter(words).values(*columns)
        elif common:
            # Each word's rarest lexeme where the planner sees it (it estimates those right), the
            # whole words hidden: with another filter that selects few (a status), it reads that
            # filter's index instead of walking the department's dates.
            rarest = search_filter(" ".join(common), cleared=cleared)
            own_keys = own.filter(rarest & Q(_Hidden(words))).values(*columns)
        else:
            department = f"'~d{int(split.department)}'"
            own_keys = _window_union(
                own.values(*columns),
                value,
                cleared=cleared,
                date_field=date_field,
                table=table,
                within=department,
                today=today,
            )
        unindexed = search_filter(value, cleared=cleared, indexed=False)
        return own_keys, split.reached.filter(unindexed).order_by(*order).values(*columns)

    return Merged(
        lambda stop: list(queries()[0][:stop]),
        lambda stop: list(queries()[1][:stop]),
        date_field,
        count_from=count_from,
    )


def by_key(queryset):
    """The queryset's rows, with its relations and annotations, for reading a page's rows by key
    (CappedPaginator `rows_by_key`): without its conditions, which the keys were read under. A
    department user's scope (an OR with three subqueries) is otherwise compiled and planned again
    to read 20 rows by their keys."""
    rows = queryset.all()
    rows.query.where = WhereNode()
    return rows


def windowed(
    queryset, value: str, *, cleared: bool, date_field: str, register_year=None, today=None, reach=None, split=None
):
    """The keys of the matches of a typed query in the queryset's date order (newest first), read
    window by window when there are many, or the plain filtered queryset when windows cannot help.

    A query of several lexemes (a word of three characters and more, or several words) is where
    PostgreSQL goes wrong: it multiplies the lexemes' frequencies as if independent (水土 × 土保 ×
    保持: 12 rows expected, 20,000 found), so it fetches every match to sort them. When the count
    (exact up to CappedPaginator.EXACT) says there are many, the page's keys are read as a UNION ALL
    of the windows newest first, each ordered by date, which PostgreSQL runs in order and stops as
    soon as the page is full; each window intersects the words with its time buckets inside the
    GIN index. The date bounds make the windows exact whatever the buckets say. A single lexeme the
    planner estimates right from its statistics: it gets the plain condition. A register year goes
    into the index too (`~r2021`), so a search within a year reads that year's matches only.

    How the matches are counted depends on each word's rarest lexeme (LexemeFrequencies): when
    they are common, the planner's estimate of them (with the other filters) stands for the
    matches, and when that is large the page is read in windows without counting at all. Otherwise
    the count
    (exact up to 1,000) reads the matches' keys and dates (`few_keys`): when they are all, the
    page sorts them without another read of the index.

    `reach` (search.Reach, or a callable giving it) and `split` (search.Split) are the scope of a
    user who does not see every department; with a split and no register year the keys are
    merged() (a Merged, not a QuerySet).

    The keys carry, for office.views.generic.CappedPaginator: `count_from` (the plain condition;
    with a split, its two parts as a UNION ALL, as merged() reads them),
    `few_keys` (its keys, read while counting), `estimate_first` / `estimate_from` (see above)
    and `rows_by_key` (the queryset that reads a page's rows with their relations).
    Returns None when the query has nothing searchable in it (match nothing)."""
    register = f"'~r{int(register_year)}'" if register_year is not None else ""
    table = queryset.model._meta.db_table
    words = query_words(value)
    selective = frequencies.selective(table, words)
    few = selective is None or selective[1] <= FEW or any(len(word) > LONGEST_WORD for word in words)
    if split is not None and register_year is None:
        common = None if few else selective[0]

        def count_from():
            # The two parts counted as they are read, without the scope's OR: the department's
            # matches in the index with its lexeme, the few others by key. Common words: each
            # word's rarest lexeme in the index (its matches are those of the word), the whole
            # words checked on the rows it finds; the other bigrams' long lists cost the index
            # more than the check (水土保持 + 办理中: 2.8 → 2.0 ms).
            department = f"'~d{int(split.department)}'"
            if common:
                found = search_filter(" ".join(common), cleared=cleared, within=department)
                found &= Q(_Hidden(search_filter(value, cleared=cleared, table=table)))
            else:
                found = search_filter(value, cleared=cleared, within=department, table=table)
            own = split.own_matching(found)
            reached = split.reached.filter(search_filter(value, cleared=cleared, indexed=False))
            parts = [part.order_by().only(date_field) for part in (own, reached)]
            return parts[0].union(parts[1], all=True).order_by(f"-{date_field}", "-id")

        keys = merged(
            split,
            value,
            cleared=cleared,
            date_field=date_field,
            table=table,
            common=common,
            today=today,
            count_from=count_from,
        )
        if keys is None:
            return None
        keys.rows_by_key = by_key(queryset)
        if few:
            keys.estimate_first = False
        else:
            # The department's matches, which the planner estimates right (the department and
            # the words are independent); the few it reaches besides change nothing to "约".
            estimated = " ".join(selective[0]) if len(query_lexemes(value)) > 1 else value
            keys.estimate_from = split.own.filter(search_filter(estimated, cleared=cleared))
            keys.estimated_from_statistics = True
        return keys
    reach = reach() if callable(reach) else reach
    plain = search_filter(value, cleared=cleared, within=register, reach=reach, table=table)
    if plain is None:
        return None
    if len(query_lexemes(value)) < 2:
        return queryset.filter(plain)
    # Without the reach: a window holds a month or a few of the bureau's matches, which the
    # register's own scope narrows to the user's (the reach, three subqueries in each of nine
    # windows, cost a department's search 30 ms to compose and 6 ms to run).
    keys = _window_union(
        queryset.values("pk"),
        value,
        cleared=cleared,
        date_field=date_field,
        table=table,
        within=register,
        today=today,
        register_year=register_year,
    )
    keys.count_from = queryset.filter(plain)
    keys.few_keys = keys.count_from.values("pk")
    keys.rows_by_key = by_key(queryset)
    # The planner multiplies the lexemes' shares (水土 × 土保 × 保持: 12 rows expected, 20,000
    # found), so its estimate of the whole query is useless; a word's matches are at most those of
    # its rarest bigram, which it estimates right (LexemeFrequencies.selective).
    if few:
        # A rare lexeme: few matches, counted (one read of the index, which gives their keys and
        # dates to the page too). So is a long run of characters: several words typed together
        # (鳄鱼湾湿地保护的复函), whose matches can be far fewer than its rarest bigram's.
        keys.estimate_first = False
    else:
        # All common: estimated from each word's rarest lexeme with the other filters (the
        # register year among them, as a column: not again as its lexeme); when that is large,
        # the page is read in windows without counting.
        keys.estimate_from = queryset.filter(search_filter(" ".join(selective[0]), cleared=cleared, reach=reach))
        # The lexemes' statistics exist: the table was analyzed (CappedPaginator.TRUSTED).
        keys.estimated_from_statistics = True
    return keys


# The bigrams of the longest word whose matches are taken to be its rarest bigram's (four
# characters: 水土保持, 防汛抗旱).
LONGEST_WORD = 3


# A search whose words' rarest lexemes are expected in at most this many rows together (as ANALYZE
# saw them) is counted without asking the planner first: its estimate would be too small to trust.
FEW = 1_000


def search_rank(value: str, *, cleared: bool, text_fields: tuple[str, ...], public_fields: tuple[str, ...]):
    """A relevance score for ordering the matches (computed only on the matched rows): the number
    typed in full 8, its fragment 4, the phrase as typed in the title 2, in another field 1; the
    rest match by their characters only (0). Without clearance a classified record is scored on
    its public fields alone, so the order reveals nothing the page masks."""
    key = number_key(value)
    phrase = _normal(value).strip()
    whens = []
    restricted = Q() if cleared else ~Q(classification__in=CLASSIFIED)
    if _wants_number(key):
        whens += [
            When(restricted & (Q(number_key=key) | Q(number_key__startswith=key + "|")), then=Value(8)),
            When(restricted & Q(number_key__endswith="|" + key), then=Value(8)),
            When(restricted & Q(number_key__contains=key), then=Value(4)),
        ]
    scores = [Case(*whens, default=Value(0), output_field=IntegerField())] if whens else []
    if phrase:
        scores.append(Case(When(restricted & Q(title__icontains=phrase), then=Value(2)), default=Value(0)))
        for field in text_fields:
            condition = Q(**{f"{field}__icontains": phrase})
            if field not in public_fields:
                condition &= restricted
            scores.append(Case(When(condition, then=Value(1)), default=Value(0)))
    if not scores:
        return Value(0)
    return Greatest(*scores) if len(scores) > 1 else scores[0]


def search_set_texts(document, texts) -> None:
    """The service hook for further text sources: `texts` (正文 versions, attachments' extracted
    text …) replace the record's extra search text, and the trigger rebuilds its search vector.
    Call it whenever a source is added, replaced or removed, with all the record's texts."""
    extra = "\n".join(t for t in texts if t)
    type(document).objects.filter(pk=document.pk).update(search_extra=extra)
    document.search_extra = extra
