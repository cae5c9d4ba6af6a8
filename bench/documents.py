"""Benchmark: the documents' registers, numbering and summary at scale, beside a trivial page.

Usage:  .venv/bin/python bench/documents.py [--incoming 1000000] [--outgoing 300000] [--runs 30]
Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/office_bench_documents, created if
missing). Rows are generated inside PostgreSQL (INSERT … SELECT generate_series), over the ten
years before this one. Prints median and p95 of each page (and the trivial page through the same
middleware, measured in the same run) with the ratio, numbering throughput under 16 concurrent
clients, and the year's summary figures.
"""

import argparse
import datetime
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/office_bench_documents")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

TOPICS = [
    "做好冬春农田水利建设",
    "开展河湖清四乱专项行动",
    "加强汛前安全检查",
    "报送水利统计年报",
    "推进农村供水工程规范化建设",
    "开展水利工程标准化管理评价",
    "做好节水型社会建设",
    "加强水土保持监督管理",
]
SENDERS = [
    "省水利厅",
    "市人民政府办公室",
    "市发展和改革委员会",
    "市财政局",
    "市生态环境局",
    "黄河水利委员会",
    "市应急管理局",
]


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


def _array(values):
    return "ARRAY[" + ",".join("'" + v + "'" for v in values) + "]"


def generate(incoming, outgoing):
    from django.db import connection

    from documents.models import IncomingDocument, IssuingCode, OutgoingDocument
    from office.models import Department, User

    first_year = datetime.date.today().year - 10
    clerk = User.objects.get(username="clerk").pk
    departments = list(Department.objects.filter(kind="section").values_list("pk", flat=True))
    have = IncomingDocument.objects.filter(serial__gt=1_000_000).count()
    with connection.cursor() as cur:
        if have < incoming:
            print(f"inserting {incoming - have} incoming documents …", flush=True)
            cur.execute(
                f"""
                INSERT INTO documents_incomingdocument (created_at, updated_at, year, serial, serial_number, sender,
                  sender_number, title, kind, classification, secrecy_period, copy_number, custodian, urgency, copies,
                  pages, received_at, deadline, remarks, handling_type, status, lead_department_id, created_by_id,
                  registered_by_id, void_reason)
                SELECT now(), now(), y, 1000000 + g, '收〔' || y || '〕' || (1000000 + g) || '号',
                  ({_array(SENDERS)})[1 + g % 7], 'X政发〔' || y || '〕' || (g % 500 + 1) || '号',
                  '关于' || ({_array(TOPICS)})[1 + g % 8] || '的通知（' || g || '）', 'notice', 'none', '', '', '',
                  CASE WHEN g % 13 = 0 THEN 'urgent' ELSE 'normal' END, 1, 3,
                  make_timestamptz(y, 1, 1, 9, 0, 0, 'Asia/Shanghai') + d * interval '1 day',
                  make_date(y, 1, 1) + d + 15, '', 'action',
                  CASE WHEN g % 50 = 0 THEN 'handling' ELSE 'done' END,
                  (ARRAY[{",".join(map(str, departments))}])[1 + g % {len(departments)}], {clerk}, {clerk}, ''
                FROM (SELECT g, {first_year} + (g - 1) * 10 / {incoming} AS y,
                             ((g - 1) % ({incoming} / 10)) * 364 / ({incoming} / 10) AS d
                      FROM generate_series({have + 1}, {incoming}) g) s
                """
            )
        code = IssuingCode.objects.get_or_create(code="B水发", defaults={"description": "基准测试"})[0]
        have = OutgoingDocument.objects.filter(issuing_code=code).count()
        if have < outgoing:
            print(f"inserting {outgoing - have} outgoing documents …", flush=True)
            cur.execute(
                f"""
                INSERT INTO documents_outgoingdocument (created_at, updated_at, title, kind, drafter_id, department_id,
                  main_recipients, cc_recipients, classification, secrecy_period, copy_number, custodian, urgency, body,
                  issuing_code_id, status, signed_on, sign_opinion, number_year, number_serial, document_number,
                  dispatched_on, printed_copies, void_reason)
                SELECT make_timestamptz(y, 1, 1, 9, 0, 0, 'Asia/Shanghai') + d * interval '1 day', now(),
                  '关于' || ({_array(TOPICS)})[1 + g % 8] || '的函（' || g || '）', 'letter', {clerk},
                  (ARRAY[{",".join(map(str, departments))}])[1 + g % {len(departments)}], '各科室', '', 'none',
                  '', '', '', 'normal', '', {code.pk}, 'dispatched', make_date(y, 1, 1) + d, '同意', y, g,
                  'B水发〔' || y || '〕' || g || '号', make_date(y, 1, 1) + d, 20, ''
                FROM (SELECT g, {first_year} + (g - 1) * 10 / {outgoing} AS y,
                             ((g - 1) % ({outgoing} / 10)) * 364 / ({outgoing} / 10) AS d
                      FROM generate_series({have + 1}, {outgoing}) g) s
                """
            )
        cur.execute("ANALYZE")
    return first_year


def timed(client, url, runs):
    client.get(url)
    timings = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def numbering(clients=16, per_client=25):
    from django.db import connection
    from django.test import Client

    from documents.models import IssuingCode, OutgoingDocument
    from office.models import Department, User

    clerk = User.objects.get(username="clerk")
    code = IssuingCode.objects.get_or_create(code="N水发", defaults={"description": "编号基准"})[0]
    dept = Department.objects.get(code="planning")
    docs = OutgoingDocument.objects.bulk_create(
        [
            OutgoingDocument(title=f"编号基准{n}", drafter=clerk, department=dept, issuing_code=code, status="signed")
            for n in range(clients * per_client)
        ]
    )
    barrier = threading.Barrier(clients)
    errors = []

    def work(chunk):
        client = Client()
        client.force_login(clerk)
        barrier.wait()
        for doc in chunk:
            response = client.post(f"/api/v1/documents/outgoing/{doc.pk}/number/", {}, content_type="application/json")
            if response.status_code != 200:
                errors.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=work, args=(docs[i::clients],)) for i in range(clients)]
    t = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t
    year = datetime.date.today().year
    serials = sorted(
        OutgoingDocument.objects.filter(issuing_code=code, number_year=year, pk__in=[d.pk for d in docs]).values_list(
            "number_serial", flat=True
        )
    )
    first = serials[0] if serials else 0
    gap_free = serials == list(range(first, first + len(docs)))
    return len(docs) / elapsed, elapsed, errors, gap_free


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--incoming", type=int, default=1_000_000)
    parser.add_argument("--outgoing", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from documents.models import IncomingDocument, OutgoingDocument
    from documents.summary import figures
    from office.models import User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first_year = generate(args.incoming, args.outgoing)
    year = first_year + 5

    client = Client()
    client.force_login(User.objects.get(username="clerk"))
    planning = User.objects.get(username="handler").department_id
    pages = {
        "trivial (password page)": "/accounts/password/",
        "收文登记簿, page 1": "/documents/incoming/",
        "收文登记簿, page 400": "/documents/incoming/?page=400",
        "收文, filtered": f"/documents/incoming/?year={year}&department={planning}&status=done",
        "收文, searched (number)": f"/documents/incoming/?q=X政发〔{year}〕123号",
        "收文, searched (word)": "/documents/incoming/?q=清四乱",
        "收文, searched+year": f"/documents/incoming/?q=汛前安全&year={year}",
        "收文, searched (rare)": "/documents/incoming/?q=通知（123457）",
        "发文登记簿, page 1": "/documents/outgoing/",
        "发文, searched": "/documents/outgoing/?q=B水发〔" + str(year) + "〕1234号",
        "公文待办": "/documents/",
    }
    results = {}
    for label, url in pages.items():
        median, p95 = timed(client, url, args.runs)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        results[label] = (median, p95, len(ctx.captured_queries))

    summary_times = []
    for _ in range(max(args.runs // 3, 5)):
        t = time.perf_counter()
        figures(year)
        summary_times.append((time.perf_counter() - t) * 1000)
    summary_times.sort()
    results["summary figures (no HTTP)"] = (
        statistics.median(summary_times),
        summary_times[max(int(len(summary_times) * 0.95) - 1, 0)],
        None,
    )

    rate, elapsed, errors, gap_free = numbering()

    base = results["trivial (password page)"][0]
    print(
        f"\nincoming: {IncomingDocument.objects.count()}, outgoing: {OutgoingDocument.objects.count()}, "
        f"runs per page: {args.runs}, database: {connection.vendor}"
    )
    print(f"{'page':<28}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'× trivial':>11}")
    for label, (median, p95, queries) in results.items():
        q = "" if queries is None else queries
        print(f"{label:<28}{median:>10.1f}{p95:>10.1f}{q!s:>9}{median / base:>11.1f}")
    print(
        f"\nnumbering, 16 concurrent clients through the API: {rate:.0f} documents/s "
        f"({elapsed:.2f} s for 400), errors: {len(errors)}, gap-free: {gap_free}"
    )


if __name__ == "__main__":
    main()
