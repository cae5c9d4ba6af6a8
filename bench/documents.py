"""Benchmark: the documents' registers, numbering and summary at scale, beside a trivial page.

Usage:  .venv/bin/python bench/documents.py [--incoming 1000000] [--outgoing 300000] [--items 1000000]
        [--runs 20] [--skip-numbering]
Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/office_bench_documents, created if
missing). Rows are generated inside PostgreSQL (INSERT … SELECT generate_series), over the ten
years up to today, with titles drawn from a vocabulary of 40 actions × 153 subjects × 15 kinds
(skewed: common subjects are common, the last ones rare) and 20 × 18 senders; the search trigger
builds each row's search document as it is inserted. Supervised items (the dashboard) likewise.
Prints each case's median, p95 and query count, beside the trivial page measured in the same run
(requested just before each request of the case, so that both see the same moments of a shared
machine; the ratios are to those), the ratios, how many rows the case finds, and the numbering
throughput under 16 concurrent clients.
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


def _words(text):
    return text.split()


# A realistic vocabulary: titles are 关于 + an action + a subject + 的 + a kind, the subject drawn
# with a skew (the first ones common, the last ones rare), so that common words are common and
# rare phrases exist; senders are places × bodies (hundreds).
ACTIONS = _words(
    "做好 加强 开展 推进 规范 落实 组织 报送 印发 转发 征求 调整 完善 深化 部署 启动 实施 建立 健全 公布 "
    "下达 核定 批复 确认 申报 举办 召开 表彰 通报 整改 排查 督查 检查 评估 验收 审查 修订 编制 清理 统筹"
)
SUBJECTS = _words(
    "冬春农田水利建设 河湖清四乱专项行动 汛前安全检查 水利统计年报 农村供水工程规范化建设 水利工程标准化管理 "
    "节水型社会建设 水土保持监督管理 防汛抗旱应急预案 水库安全度汛 河长制湖长制工作 水资源刚性约束 取水许可审批 "
    "地下水超采综合治理 水利工程建设质量 安全生产月活动 水旱灾害防御 山洪灾害防治 中小河流治理 病险水库除险加固 "
    "灌区续建配套与现代化改造 高标准农田建设 水生态保护修复 水利投融资改革 水价综合改革 水利信息化建设 "
    "数字孪生流域建设 智慧水利 水文监测站网 水利科技推广 水利人才队伍建设 干部教育培训 党风廉政建设 "
    "意识形态工作 机关作风建设 保密工作 档案管理 政务公开 信访维稳 安全保卫 节能降耗 公务用车管理 "
    "财务预算执行 政府采购 国有资产管理 内部审计 项目资金绩效评价 水利建设投资计划 中央预算内投资 "
    "地方政府专项债券 水利工程运行管护 堤防巡查 水闸安全鉴定 泵站更新改造 农村水系连通 水美乡村建设 "
    "幸福河湖建设 河道采砂管理 水域岸线管控 入河排污口整治 饮用水水源地保护 城乡供水一体化 "
    "农村饮水安全巩固提升 小型水库管护 淤地坝安全运用 水土流失综合治理 生产建设项目水土保持 "
    "水利规划编制 流域综合规划 防洪规划 水资源调查评价 用水总量控制 计划用水管理 节水评价 "
    "水效领跑者 合同节水管理 再生水利用 雨水集蓄利用 海绵城市建设 黑臭水体治理 重点河湖生态流量 "
    "水量分配方案 跨界河流协调 水事纠纷调处 水行政执法 水利法治宣传 河湖执法检查 涉河建设项目审批 "
    "水利工程移民安置 库区后期扶持 乡村振兴水利保障 巩固拓展脱贫攻坚成果 对口支援 东西部协作 "
    "防汛物资储备 应急抢险队伍建设 汛期值班值守 气象水文预警 洪水调度 抗旱水源调度 冰凌灾害防御 "
    "水利统计调查 水利普查成果应用 水利年鉴编纂 水利志书编修 水文化建设 水情教育基地 节水宣传周 "
    "世界水日中国水周 安全生产标准化 隐患排查治理 双重预防机制 危险化学品安全 消防安全 疫情防控 "
    "职称评审 事业单位公开招聘 年度考核 干部选拔任用 干部人事档案专项审核 因私出国境管理 离退休干部工作 "
    "工会工作 共青团工作 妇女工作 精神文明建设 文明单位创建 志愿服务 定点帮扶 乡村振兴驻村工作 "
    "营商环境优化 行政审批制度改革 证明事项告知承诺制 双随机一公开监管 信用体系建设 政务服务事项 "
    "一网通办 电子证照应用 数据共享交换 网络安全等级保护 密码应用 信息系统整合 视频会商系统 "
    "大坝安全监测 溃坝应急演练 水库调度运用计划 水电站安全监管 农村水电站清理整改 小水电绿色改造 "
    "鳄鱼湾湿地保护 古堰遗产申报 坎儿井保护利用 梯田灌溉系统遗产"
)
KINDS = _words("通知 函 请示 报告 意见 决定 批复 通报 纪要 方案 办法 规定 通告 公告 复函")
PLACES = _words(
    "省 市 东城区 西湖区 南山县 北河县 青石县 白沙县 红旗区 新华区 临江县 清河县 长宁县 永安县 "
    "丰收县 平原县 黄河 长江 淮河 海河"
)
BODIES = _words(
    "水利厅 人民政府 人民政府办公室 发展和改革委员会 财政局 生态环境局 应急管理局 自然资源局 住房和城乡建设局 "
    "农业农村局 交通运输局 气象局 水文局 审计局 人力资源和社会保障局 防汛抗旱指挥部 河长制办公室 水利委员会"
)
PREFIXES = _words(
    "X政发 X政办发 X发改农经 X财农 X环发 X应急 X自然资 X建城 X农发 X交发 X气发 X水文 X审发 X人社 X防指 X河办"
)
RARE_SUBJECT = SUBJECTS[-1]


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


KIND_CODES = {
    "通知": "notice", "函": "letter", "请示": "request", "报告": "report", "意见": "opinion", "决定": "decision",
    "批复": "reply", "通报": "circular", "纪要": "minutes", "通告": "public_notice", "公告": "announcement",
    "复函": "letter",
}  # fmt: skip


def _u(k):
    """A deterministic uniform number in [0, 1) per row g and stream k."""
    return f"((hashint4(g * 31 + {k})::float8 + 2147483648.0) / 4294967296.0)"


def _pick(values, k, skew):
    """An element of `values`, the first ones more often (u ** skew)."""
    return f"({_array(values)})[1 + floor({len(values)} * power({_u(k)}, {skew}))::int]"


def generate(incoming, outgoing, items):
    from django.db import connection

    from documents.models import IncomingDocument, IssuingCode, OutgoingDocument
    from office.models import Department, SupervisedItem, User

    # Ten years up to today, as a register in use has them: this month's documents too (the
    # newest search windows read them first).
    today = datetime.date.today()
    first_year = today.year - 9
    days_this_year = (today - datetime.date(today.year, 1, 1)).days
    span = f"(CASE WHEN y = {today.year} THEN {days_this_year} ELSE 364 END)"  # the days a year's rows spread over
    clerk = User.objects.get(username="clerk").pk
    departments = list(
        Department.objects.filter(kind="section").exclude(code="bench-idle").values_list("pk", flat=True)
    )
    depts = "ARRAY[" + ",".join(map(str, departments)) + "]"
    kinds = [KIND_CODES.get(k, "other") for k in KINDS]
    have = IncomingDocument.objects.filter(serial__gt=1_000_000).count()
    with connection.cursor() as cur:
        if have < incoming:
            print(f"inserting {incoming - have} incoming documents …", flush=True)
            t = time.perf_counter()
            cur.execute(
                f"""
                INSERT INTO documents_incomingdocument (created_at, updated_at, year, serial, serial_number, sender,
                  sender_number, title, kind, classification, secrecy_period, copy_number, custodian, urgency, copies,
                  pages, received_at, deadline, remarks, handling_type, status, lead_department_id, created_by_id,
                  registered_by_id, void_reason, number_key, search_extra)
                SELECT now(), now(), y, 1000000 + g, '收〔' || y || '〕' || (1000000 + g) || '号',
                  {_pick(PLACES, 4, 2)} || {_pick(BODIES, 5, 2)},
                  {_pick(PREFIXES, 6, 2)} || '〔' || y || '〕' || (1 + floor(800 * {_u(7)})::int) || '号',
                  '关于' || {_pick(ACTIONS, 2, 2)} || {_pick(SUBJECTS, 1, 3)} || '的' || ({_array(KINDS)})[k],
                  ({_array(kinds)})[k],
                  CASE WHEN g % 97 = 0 THEN 'secret' WHEN g % 89 = 0 THEN 'internal' ELSE 'none' END, '', '', '',
                  CASE WHEN g % 13 = 0 THEN 'urgent' ELSE 'normal' END, 1, 3,
                  make_timestamptz(y, 1, 1, 9, 0, 0, 'Asia/Shanghai') + d * interval '1 day',
                  make_date(y, 1, 1) + d + 15, '', 'action',
                  CASE WHEN g % 50 = 0 THEN 'handling' WHEN g % 500 = 1 THEN 'registered' ELSE 'done' END,
                  ({depts})[1 + floor({len(departments)} * {_u(8)})::int], {clerk}, {clerk}, '', '', ''
                FROM (SELECT g, y, ((g - 1) % ({incoming} / 10)) * {span} / ({incoming} / 10) AS d, k
                      FROM (SELECT g, {first_year} + (g - 1) * 10 / {incoming} AS y,
                                   1 + floor({len(KINDS)} * power({_u(3)}, 2))::int AS k
                            FROM generate_series({have + 1}, {incoming}) g) a) s
                """
            )
            print(f"  {time.perf_counter() - t:.0f} s", flush=True)
        code = IssuingCode.objects.get_or_create(code="B水发", defaults={"description": "基准测试"})[0]
        have = OutgoingDocument.objects.filter(issuing_code=code).count()
        if have < outgoing:
            print(f"inserting {outgoing - have} outgoing documents …", flush=True)
            t = time.perf_counter()
            cur.execute(
                f"""
                INSERT INTO documents_outgoingdocument (created_at, updated_at, title, kind, drafter_id, department_id,
                  main_recipients, cc_recipients, classification, secrecy_period, copy_number, custodian, urgency, body,
                  issuing_code_id, status, signed_on, sign_opinion, number_year, number_serial, document_number,
                  dispatched_on, printed_copies, void_reason, number_key, search_extra, disclosure, attachment_names)
                SELECT make_timestamptz(y, 1, 1, 9, 0, 0, 'Asia/Shanghai') + d * interval '1 day', now(),
                  '关于' || {_pick(ACTIONS, 2, 2)} || {_pick(SUBJECTS, 1, 3)} || '的' || ({_array(KINDS)})[k],
                  ({_array(kinds)})[k], {clerk}, ({depts})[1 + g % {len(departments)}],
                  (ARRAY['各县区水利局','局属各单位','机关各科室','市人民政府'])[1 + g % 4], '',
                  CASE WHEN g % 97 = 0 THEN 'secret' ELSE 'none' END,
                  '', '', '', 'normal', '', {code.pk}, 'dispatched', make_date(y, 1, 1) + d, '同意', y, g,
                  'B水发〔' || y || '〕' || g || '号', make_date(y, 1, 1) + d, 20, '', '', '',
                  CASE WHEN g % 97 = 0 THEN 'not_public' ELSE 'active' END, ''
                FROM (SELECT g, y, ((g - 1) % ({outgoing} / 10)) * {span} / ({outgoing} / 10) AS d, k
                      FROM (SELECT g, {first_year} + (g - 1) * 10 / {outgoing} AS y,
                                   1 + floor({len(KINDS)} * power({_u(3)}, 2))::int AS k
                            FROM generate_series({have + 1}, {outgoing}) g) a) s
                """
            )
            print(f"  {time.perf_counter() - t:.0f} s", flush=True)
        have = SupervisedItem.objects.count()
        if have < items:
            print(f"inserting {items - have} supervised items …", flush=True)
            t = time.perf_counter()
            pairs = list(
                User.objects.filter(department__kind="section", is_active=True).values_list("department_id", "pk")
            )
            owner = "ARRAY[" + ",".join(str(d) for d, _ in pairs) + "]"
            person = "ARRAY[" + ",".join(str(u) for _, u in pairs) + "]"
            categories = _array(["document", "instruction", "meeting", "proposal", "petition", "special"])
            cur.execute(
                f"""
                INSERT INTO office_superviseditem (created_at, updated_at, title, description, category,
                  start_date, deadline, deadline_provisional, status, completed_at, completed_on, completion_note,
                  void_reason, created_by_id, owner_department_id, responsible_id)
                SELECT now(), now(), '关于' || {_pick(SUBJECTS, 1, 3)} || '的督办事项', '', ({categories})[1 + g % 6],
                  start, deadline, false, CASE WHEN done THEN 'completed' ELSE 'open' END,
                  CASE WHEN done THEN done_on + time '12:00' END, CASE WHEN done THEN done_on END, '', '',
                  {clerk}, ({owner})[p], ({person})[p]
                FROM (SELECT g, start, deadline, 1 + g % {len(pairs)} AS p,
                             deadline < current_date AND g % 10 <> 0 AS done,
                             greatest(start, least(deadline + (g % 19 - 10), current_date)) AS done_on
                      FROM (SELECT g, current_date - (g % 3650) AS start,
                                   current_date - (g % 3650) + 5 + g % 55 AS deadline
                            FROM generate_series({have + 1}, {items}) g) r) s
                """
            )
            print(f"  {time.perf_counter() - t:.0f} s", flush=True)
        # As on a database autovacuum has been through: the visibility map lets the covering
        # indexes answer without reading the table.
        for table in ("documents_incomingdocument", "documents_outgoingdocument", "office_superviseditem"):
            cur.execute(f"VACUUM ANALYZE {table}")
        cur.execute("ANALYZE")
    return first_year


def _get(client, url):
    t = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - t) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def _median_p95(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def timed(client, url, runs, trivial=None):
    """(median, p95) of the page, and of the trivial page (`trivial`: its client and address)
    requested just before each run of it: the two share every moment of the machine, so that a
    slower or faster spell of a shared machine moves both, not the ratio."""
    client.get(url)
    timings, beside = [], []
    for _ in range(runs):
        if trivial is not None:
            beside.append(_get(*trivial))
        timings.append(_get(client, url))
    return (*_median_p95(timings), *(_median_p95(beside) if beside else (None, None)))


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


def _matches(user, params):
    """How many incoming documents a search or filter finds (not timed; shown beside the case)."""
    from django.test import RequestFactory

    from documents.filters import IncomingFilter
    from documents.selectors import incoming_list

    request = RequestFactory().get("/")
    request.user = user
    return IncomingFilter(params, queryset=incoming_list(user=user), request=request).qs.count()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--incoming", type=int, default=1_000_000)
    parser.add_argument("--outgoing", type=int, default=300_000)
    parser.add_argument("--items", type=int, default=1_000_000, help="supervised items (the dashboard)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-numbering", action="store_true")
    parser.add_argument("--generate-only", action="store_true", help="insert the rows and stop")
    parser.add_argument("--only", default="", help="run only the cases whose label contains this text")
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
    from office.models import Department, SupervisedItem, User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not User.objects.filter(username="clerk").exists():
        # Once, before the bench rows (seeding again changes nothing but costs minutes).
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first_year = generate(args.incoming, args.outgoing, args.items)
    if args.generate_only:
        return
    year = first_year + 5
    this_year = datetime.date.today().year
    # A person with nothing waiting: a department that handles no documents.
    idle_department = Department.objects.get_or_create(code="bench-idle", defaults={"name": "基准空闲科"})[0]
    idle = User.objects.filter(username="bench_idle").first() or User.objects.create_user(
        "bench_idle", password=None, department=idle_department
    )

    clerk = User.objects.get(username="clerk")
    handler = User.objects.get(username="handler")
    leader = User.objects.get(username="leader")
    head = User.objects.get(username="wangfang")  # planning's head: her department's open items wait for her
    planning = handler.department_id
    number = IncomingDocument.objects.filter(serial=1_000_000 + args.incoming // 2).values_list(
        "sender_number", flat=True
    )[0]
    prefix, rest = number.split("〔")
    number_year, serial = rest.rstrip("号").split("〕")
    cases = [
        ("trivial (password page)", clerk, "/accounts/password/", None),
        ("收文登记簿, page 1", clerk, "/documents/incoming/", {}),
        ("收文登记簿, page 400", clerk, "/documents/incoming/?page=400", {}),
        ("收文 ?year", clerk, f"/documents/incoming/?year={year}", {"year": year}),
        ("收文 ?department", clerk, f"/documents/incoming/?department={planning}", {"department": planning}),
        ("收文 ?status=handling", clerk, "/documents/incoming/?status=handling", {"status": "handling"}),
        ("收文 ?kind=request", clerk, "/documents/incoming/?kind=request", {"kind": "request"}),
        ("收文 ?classification=secret", clerk, "/documents/incoming/?classification=secret", None),
        ("收文 ?urgency=urgent", clerk, "/documents/incoming/?urgency=urgent", None),
        ("收文 ?overdue=true", clerk, "/documents/incoming/?overdue=true", {"overdue": "true"}),
        (
            "收文 year+dept+status",
            clerk,
            f"/documents/incoming/?year={year}&department={planning}&status=done",
            {"year": year, "department": planning, "status": "done"},
        ),
        ("收文 q=full number", clerk, f"/documents/incoming/?q={number}", {"q": number}),
        (
            "收文 q=number, [] brackets",
            clerk,
            f"/documents/incoming/?q={prefix[1:]}[{number_year}]{serial}",
            {"q": f"{prefix[1:]}[{number_year}]{serial}"},
        ),
        (
            "收文 q=number, no brackets",
            clerk,
            f"/documents/incoming/?q={prefix}{number_year} {serial}",
            {"q": f"{prefix}{number_year} {serial}"},
        ),
        ("收文 q=1 char 汛", clerk, "/documents/incoming/?q=汛", {"q": "汛"}),
        ("收文 q=2 chars 水库", clerk, "/documents/incoming/?q=水库", {"q": "水库"}),
        ("收文 q=4 chars 水土保持", clerk, "/documents/incoming/?q=水土保持", {"q": "水土保持"}),
        ("收文 q=common 建设", clerk, "/documents/incoming/?q=建设", {"q": "建设"}),
        ("收文 q=common, relevance", clerk, "/documents/incoming/?q=建设&sort=relevance", None),
        ("收文 q=rare phrase", clerk, f"/documents/incoming/?q={RARE_SUBJECT}的复函", {"q": f"{RARE_SUBJECT}的复函"}),
        ("收文 q=no match 量子纠缠", clerk, "/documents/incoming/?q=量子纠缠", {"q": "量子纠缠"}),
        ("收文 q+year", clerk, f"/documents/incoming/?q=汛前安全&year={year}", {"q": "汛前安全", "year": year}),
        ("收文 q, no clearance", handler, "/documents/incoming/?q=水库", None),
        ("收文 q=4 chars, department", handler, "/documents/incoming/?q=水土保持", None),
        ("收文 q+status, department", handler, "/documents/incoming/?q=水土保持&status=handling", None),
        ("收文登记簿, department", handler, "/documents/incoming/", None),
        ("发文登记簿, page 1", clerk, "/documents/outgoing/", None),
        ("发文 q=number", clerk, f"/documents/outgoing/?q=B水发[{year}]1234", None),
        ("发文 q=word", clerk, "/documents/outgoing/?q=防汛抗旱", None),
        ("发文 q=word, department", handler, "/documents/outgoing/?q=防汛抗旱", None),
        ("发文 q=2 chars, department", handler, "/documents/outgoing/?q=水库", None),
        ("公文待办, busy clerk", clerk, "/documents/", None),
        ("公文待办, busy handler", handler, "/documents/", None),
        ("公文待办, idle", idle, "/documents/", None),
        ("home page, clerk", clerk, "/", None),
        ("home page, busy head", head, "/", None),
        ("home page, idle", idle, "/", None),
        ("dashboard, a year", leader, f"/dashboard/?year={this_year}", None),
        ("督办事项, page 1", leader, "/supervision/", None),
        ("API 收文 page 1", clerk, "/api/v1/documents/incoming/", None),
        ("API 收文 q=2 chars", clerk, "/api/v1/documents/incoming/?q=水库", None),
        ("API 收文 q=number", clerk, f"/api/v1/documents/incoming/?q={number}", None),
        ("API 收文 q=common", clerk, "/api/v1/documents/incoming/?q=建设", None),
        ("API 发文 page 1", clerk, "/api/v1/documents/outgoing/", None),
        ("API 公文待办, busy clerk", clerk, "/api/v1/documents/waiting/", None),
        ("API 公文待办, idle", idle, "/api/v1/documents/waiting/", None),
        ("API 督办看板, a year", leader, f"/api/v1/supervision/dashboard/?year={this_year}", None),
    ]
    clients = {}
    results = {}
    trivial_label, trivial_user, trivial_url, _ = cases[0]
    trivial_client = Client()
    trivial_client.force_login(trivial_user)
    for label, user, url, params in cases:
        if args.only and args.only not in label and label != trivial_label:
            continue
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        client = clients[user.pk]
        median, p95, beside_median, beside_p95 = timed(client, url, args.runs, (trivial_client, trivial_url))
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        found = _matches(user, params) if params is not None and label != trivial_label else None
        results[label] = (median, p95, len(ctx.captured_queries), found, beside_median, beside_p95)

    summary_times = []
    for _ in range(max(args.runs // 3, 5) if not args.only else 0):
        t = time.perf_counter()
        figures(year)
        summary_times.append((time.perf_counter() - t) * 1000)
    summary_times.sort()
    # Beside the trivial page as measured across the whole run (the median of its runs beside each case).
    overall = statistics.median(result[4] for result in results.values())
    overall_p95 = statistics.median(result[5] for result in results.values())
    if summary_times:
        results["summary figures (no HTTP)"] = (*_median_p95(summary_times), None, None, overall, overall_p95)

    print(
        f"\nincoming: {IncomingDocument.objects.count()}, outgoing: {OutgoingDocument.objects.count()}, "
        f"supervised items: {SupervisedItem.objects.count()}, runs per page: {args.runs}, "
        f"database: {connection.vendor}"
    )
    print(
        f"{'case':<30}{'median ms':>10}{'p95 ms':>9}{'queries':>8}{'trivial ms':>11}{'× median':>9}{'× p95':>7}"
        f"{'found':>9}"
    )
    for label, (median, p95, queries, found, base_median, base_p95) in results.items():
        q = "" if queries is None else queries
        f = "" if found is None else found
        # The target is the pages'; the summary's figures (no HTTP, no queries counted) have none.
        within = queries is None or (median <= 3 * base_median and p95 <= 3 * base_p95)
        flag = "" if within else "  > 3×"
        print(
            f"{label:<30}{median:>10.1f}{p95:>9.1f}{q!s:>8}{base_median:>11.1f}{median / base_median:>9.1f}"
            f"{p95 / base_p95:>7.1f}{f!s:>9}{flag}"
        )
    if not args.skip_numbering:
        rate, elapsed, errors, gap_free = numbering()
        print(
            f"\nnumbering, 16 concurrent clients through the API: {rate:.0f} documents/s "
            f"({elapsed:.2f} s for 400), errors: {len(errors)}, gap-free: {gap_free}"
        )


if __name__ == "__main__":
    main()
