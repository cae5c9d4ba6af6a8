"""The shape of one figure of the annual summary, as every app's summary.py reports it.

An app's `summary.py` has one function, `figures(year: int) -> list[Figure]`, computed with
database aggregates (a bounded number of queries, never a loop over rows). `reports/`
discovers these modules the way the admin discovers admin.py.
"""

from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal

# The sections of 一、年度工作完成情况, numbered as the summary numbers them: （一）…（八）.
SECTIONS = {
    1: "办文办会",
    2: "信息宣传",
    3: "专题任务",
    4: "人事工作",
    5: "后勤保障",
    6: "安全维稳与信访",
    7: "党建工作",
    8: "党风廉政建设",
}


@dataclass(frozen=True)
class Figure:
    key: str  # unique across apps, prefixed by the app: "documents.incoming"
    label: str  # as the summary says it: "收文"
    value: Number | None  # None: the records cannot give it (shown as missing, never as 0)
    unit: str  # 件, 次, 人, 人次, 名, 元, %, 篇, 户, 个 …
    section: int  # a key of SECTIONS
    last_year: Number | None = None  # given where the sentence compares with the year before
    url: str = ""  # the app's register filtered to the records this figure counts
    names: tuple[str, ...] = field(default=())  # for list figures: the names counted (专题任务)
