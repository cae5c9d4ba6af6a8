"""Benchmark: character bigrams (what documents/search.py does) against jieba's words, for the
registers' titles. Not part of the application: it decided the design (docs/search.md).

Usage:  .venv/bin/pip install jieba==0.42.1   (only for this comparison; the application does not use it)
        .venv/bin/python bench/search_compare.py [--rows 100000] [--runs 20]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/office_bench_documents, migrated:
the bigram functions of documents migration 0006 are needed). Builds a scratch table of titles
drawn from bench/documents.py's vocabulary with both vectors and a GIN index on each, then for each
query prints: the rows that really contain it (LIKE), what each index finds, its recall (share of
the real rows found) and precision, and the median time of the count. Drops the table at the end.
"""

import argparse
import importlib.util
import os
import random
import statistics
import time
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
QUERIES = [
    "汛",
    "库",
    "水库",
    "四乱",
    "清四乱",
    "水土保持",
    "农田水利",
    "建设",
    "应急预案",
    "遗产申报",
    "灌溉系统遗产",
    "量子",
]


def vocabulary():
    spec = importlib.util.spec_from_file_location("bench_documents", HERE / "documents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def titles(n, vocab):
    rng = random.Random(17)

    def pick(values, skew):
        return values[int(len(values) * rng.random() ** skew)]

    return [
        f"关于{pick(vocab.ACTIONS, 2)}{pick(vocab.SUBJECTS, 3)}的{pick(vocab.KINDS, 2)}"
        + f"（{pick(vocab.PLACES, 2)}{pick(vocab.BODIES, 2)}）"
        for _ in range(n)
    ]


def timed(cur, sql, params, runs):
    timings = []
    for _ in range(runs):
        t = time.perf_counter()
        cur.execute(sql, params)
        found = cur.fetchone()[0]
        timings.append((time.perf_counter() - t) * 1000)
    return found, statistics.median(timings)


def main():
    import jieba

    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/office_bench_documents")
    conn = psycopg2.connect(url)
    conn.autocommit = True
    cur = conn.cursor()
    jieba.initialize()
    rows = titles(args.rows, vocabulary())

    cur.execute("DROP TABLE IF EXISTS bench_search_compare")
    cur.execute("CREATE TABLE bench_search_compare (id int PRIMARY KEY, title text, bigram tsvector, words tsvector)")
    t = time.perf_counter()
    segmented = [sorted({w.lower() for w in jieba.cut_for_search(title) if w.strip()}) for title in rows]
    jieba_seconds = time.perf_counter() - t
    for start in range(0, len(rows), 5000):
        chunk = [(i, rows[i], segmented[i]) for i in range(start, min(start + 5000, len(rows)))]
        args_sql = ",".join(cur.mogrify("(%s, %s, array_to_tsvector(%s::text[]))", c).decode() for c in chunk)
        cur.execute(f"INSERT INTO bench_search_compare (id, title, words) VALUES {args_sql}")  # noqa: S608
    t = time.perf_counter()
    cur.execute("UPDATE bench_search_compare SET bigram = documents_search_vector(ARRAY[title])")
    bigram_seconds = time.perf_counter() - t
    cur.execute("CREATE INDEX ON bench_search_compare USING gin (bigram)")
    cur.execute("CREATE INDEX ON bench_search_compare USING gin (words)")
    cur.execute("ANALYZE bench_search_compare")
    cur.execute(
        "SELECT pg_size_pretty(pg_relation_size(i.indexrelid)), a.attname FROM pg_index i "
        "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
        "WHERE i.indrelid = 'bench_search_compare'::regclass AND a.attname IN ('bigram', 'words')"
    )
    sizes = {name: size for size, name in cur.fetchall()}

    import sys

    sys.path.insert(0, str(HERE.parent))
    from documents.search import query_lexemes  # no Django setup needed: pure functions

    print(f"\n{args.rows} titles; building the vectors: bigrams {bigram_seconds:.1f} s (in PostgreSQL), ")
    print(f"jieba {jieba_seconds:.1f} s (in Python, before the insert); GIN index sizes: {sizes}")
    print(
        f"{'query':<14}{'real':>7}{'bigram':>8}{'recall':>8}{'prec.':>7}{'ms':>7}"
        f"{'jieba':>8}{'recall':>8}{'prec.':>7}{'ms':>7}"
    )
    for query in QUERIES:
        cur.execute("SELECT count(*) FROM bench_search_compare WHERE title LIKE %s", [f"%{query}%"])
        real = cur.fetchone()[0]
        results = []
        for column, lexemes in (
            ("bigram", query_lexemes(query)),
            ("words", [w.lower() for w in jieba.cut_for_search(query) if w.strip()]),
        ):
            tsquery = " & ".join("'" + w.replace("'", "''") + "'" for w in lexemes) or "''"
            found, ms = timed(
                cur,
                f"SELECT count(*) FROM bench_search_compare WHERE {column} @@ %s::tsquery",  # noqa: S608
                [tsquery],
                args.runs,
            )
            cur.execute(
                f"SELECT count(*) FROM bench_search_compare WHERE {column} @@ %s::tsquery AND title LIKE %s",  # noqa: S608
                [tsquery, f"%{query}%"],
            )
            hits = cur.fetchone()[0]
            recall = hits / real if real else 1.0
            precision = hits / found if found else 1.0
            results.append(f"{found:>8}{recall:>8.0%}{precision:>7.0%}{ms:>7.1f}")
        print(f"{query:<14}{real:>7}" + "".join(results))
    cur.execute("DROP TABLE bench_search_compare")


if __name__ == "__main__":
    main()
