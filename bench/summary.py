"""Benchmark: refreshing a year's summary at 1,000,000 records, and exporting it.

Usage:  .venv/bin/python bench/summary.py [--records 1000000] [--runs 7]
Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/office_bench_reports, created if
missing). Prints medians of:
  - refresh: reports.services.summary_refresh (discovery, every app's figures, snapshot, text)
    beside the very SQL statements collect() sends, replayed raw through a cursor in the same run;
  - export: the PDF (office/pdf.py + gbt9704.css) and DOCX of the summary beside WeasyPrint
    rendering the same HTML and CSS bare (no font layer, no task bookkeeping);
and their ratios.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/office_bench_reports")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def ensure_database(url):
    import psycopg2

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def timed(fn, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def fill(records):
    """Supervised items (the （三）专题任务 figure's table) up to `records` rows, over ten years."""
    from office.models import Department, SupervisedItem, User

    missing = records - SupervisedItem.objects.count()
    if missing <= 0:
        return
    print(f"inserting {missing} supervised items …", flush=True)
    rng = random.Random(11)
    departments = list(Department.objects.all())
    people = {d.pk: list(User.objects.filter(department=d)) or [User.objects.first()] for d in departments}
    today = datetime.date.today()
    batch = []
    for n in range(missing):
        dept = rng.choice(departments)
        start = today - datetime.timedelta(days=rng.randint(0, 3650))
        deadline = start + datetime.timedelta(days=rng.randint(5, 60))
        done = deadline < today and rng.random() < 0.9
        completed_on = max(min(deadline + datetime.timedelta(days=rng.randint(-10, 8)), today), start) if done else None
        person = rng.choice(people[dept.pk])
        batch.append(
            SupervisedItem(
                title=f"基准事项{n}",
                # Special tasks are a handful a year in a real bureau; the rest is day-to-day supervision.
                category="special"
                if rng.random() < 0.0001
                else rng.choice(["document", "instruction", "meeting", "proposal", "petition"]),
                owner_department=dept,
                responsible=person,
                start_date=start,
                deadline=deadline,
                status="completed" if done else "open",
                completed_on=completed_on,
                completed_at=datetime.datetime.combine(completed_on, datetime.time(9), datetime.UTC) if done else None,
                created_by=person,
            )
        )
        if len(batch) == 20_000:
            SupervisedItem.objects.bulk_create(batch)
            batch = []
    SupervisedItem.objects.bulk_create(batch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from office.models import SupervisedItem, User
    from office.pdf import font_face_css, gbt9704_css
    from reports import services
    from reports.collect import collect
    from reports.document import document_content, docx_bytes, html_document, pdf_bytes
    from reports.models import Summary

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    fill(args.records)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    clerk = User.objects.get(username="clerk")
    year = datetime.date.today().year - 1
    summary = Summary.objects.filter(year=year, state="draft").first() or services.summary_create(
        actor=clerk, year=year
    )
    print(f"records: {SupervisedItem.objects.count()} supervised items (+ the demo's documents and meetings)")

    with CaptureQueriesContext(connection) as captured:
        collect(year)
    statements = [q["sql"] for q in captured.captured_queries]

    def raw():
        with connection.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
                cur.fetchall()

    refresh = timed(lambda: services.summary_refresh(actor=clerk, summary=summary), args.runs)
    collect_only = timed(lambda: collect(year), args.runs)
    raw_sql = timed(raw, args.runs)
    print(f"collect() queries: {len(statements)}")
    print(f"refresh (collect + snapshot + text)  median {refresh * 1000:8.1f} ms")
    print(f"collect() alone                      median {collect_only * 1000:8.1f} ms")
    print(f"same SQL raw through a cursor        median {raw_sql * 1000:8.1f} ms")
    print(f"ratio refresh / raw SQL  {refresh / raw_sql:5.2f}   collect / raw SQL  {collect_only / raw_sql:5.2f}")

    summary.refresh_from_db()
    content = document_content(summary)
    html = html_document(content)
    css = [font_face_css(), gbt9704_css()]

    def bare():
        # A FontConfiguration is what makes @font-face work at all; without it the output differs.
        fonts = FontConfiguration()
        HTML(string=html).write_pdf(stylesheets=[CSS(string=s, font_config=fonts) for s in css], font_config=fonts)

    runs = max(3, args.runs // 2)
    pdf = timed(lambda: pdf_bytes(document_content(summary)), runs)
    docx = timed(lambda: docx_bytes(document_content(summary)), runs)
    weasy = timed(bare, runs)
    print(f"PDF export (office/pdf.py)           median {pdf * 1000:8.1f} ms")
    print(f"DOCX export (python-docx)            median {docx * 1000:8.1f} ms")
    print(f"WeasyPrint bare, same HTML and CSS   median {weasy * 1000:8.1f} ms")
    print(f"ratio PDF / bare  {pdf / weasy:5.2f}   DOCX / bare  {docx / weasy:5.2f}")


if __name__ == "__main__":
    main()
