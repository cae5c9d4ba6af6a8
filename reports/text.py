"""The summary's wording, generated from a snapshot of figures.

Our own sentences (not the seed's): each section opens with a sentence about the work, then one
sentence per group of figures (reports.outline). A missing figure's clause is left out — never
printed as X, 0 or a guess — and reported back so the editor can highlight it.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from office.figures import Figure

from .figures import SECTIONS
from .outline import GROUPS, ROWS, ROWS_BY_KEY

CN_NUMERALS = "一二三四五六七八"

WORK_SECTIONS = [f"work_{n}" for n in SECTIONS]
SECTION_CODES = ["opening", *WORK_SECTIONS, "problems", "plans"]
FREE_TEXT_SECTIONS = ("problems", "plans")

INTROS = {
    1: "办公室按照公文处理和会议服务的有关规定，把好公文收发、审核、传阅、归档各个环节，"
    "重要文件跟踪督办，会务工作专人负责、全程记录。",
    2: "围绕全局中心工作，办公室承担重要文稿的起草工作，加强信息采集、编辑和报送，做好政务公开和网络舆情引导。",
    3: "办公室发挥综合协调作用，对局党组部署的专题任务逐项建立台账、定期调度、年底考核。",
    4: "坚持党管干部原则，做好干部选拔任用、人才引进、职称评审和工资管理等工作。",
    5: "以保证机关正常运转为目标，落实公务接待审批登记制度，加强车辆、财务和办公条件管理。",
    6: "在重要节假日和敏感时段，办公室加强值班值守和安全巡查，依法依规办理群众信访事项，及时化解矛盾。",
    7: "机关党建工作围绕中心、服务大局，规范开展组织生活，做好党费收缴、党务公开和发展党员工作。",
    8: "持续落实中央八项规定精神，在重要节日节点开展廉洁提醒和监督检查，组织党员干部接受警示教育。",
}

# A count of zero is a true figure, but "完成0项专题任务" is not how an office writes it.
ZERO_CLAUSES = {
    "office.special_tasks": "本年度没有需要统筹调度的专题任务",
}

# The headings of （一）…（八） as phrases, the way a summary names its work; the office may
# write its own (Section.heading_text), as it edits the prose.
HEADINGS = {
    1: "规范高效做好办文办会",
    2: "扎实做好信息宣传",
    3: "统筹推进专题任务落实",
    4: "认真做好人事工作",
    5: "全力抓好后勤保障",
    6: "守牢安全维稳和信访底线",
    7: "持续加强机关党建",
    8: "从严抓好党风廉政建设",
}

_LEDGER_CODE = re.compile(r"\s*[（(]\s*\d{4}\s*[-－—–]\s*\d+\s*[)）]\s*$")


def plain_name(name: str) -> str:
    """A name as the prose writes it: without a ledger code such as （2025-06）."""
    return _LEDGER_CODE.sub("", name).strip()


def title(organisation: str, year: int) -> str:
    return f"{organisation}办公室{year}年工作总结"


def default_phrase(code: str, year: int) -> str:
    if code.startswith("work_"):
        return HEADINGS[int(code.removeprefix("work_"))]
    return {"opening": "", "problems": "存在的主要问题", "plans": f"{year + 1}年工作打算"}[code]


def heading(code: str, year: int, phrase: str = "") -> str:
    """The numbered heading of a section: the office's phrase if it wrote one, else ours."""
    phrase = (phrase or "").strip() or default_phrase(code, year)
    if code.startswith("work_"):
        n = int(code.removeprefix("work_"))
        return f"（{CN_NUMERALS[n - 1]}）{phrase}"
    return {"opening": "", "problems": f"二、{phrase}", "plans": f"三、{phrase}"}[code]


def section_heading(section, year: int) -> str:
    return heading(section.code, year, getattr(section, "heading_text", ""))


PART_ONE_HEADING = "一、年度工作完成情况"


def opening_text(year: int) -> str:
    return (
        "一年来，办公室在局党组的领导下，围绕全局中心工作，履行参谋助手、综合协调和服务保障职能，"
        f"较好地完成了各项工作任务。现将{year}年工作总结如下。"
    )


# --- figures in the snapshot (JSON) ----------------------------------------------------------


def _number_to_json(value):
    if value is None or isinstance(value, int):
        return value
    return str(value)


def _number_from_json(value):
    if value is None or isinstance(value, int):
        return value
    return Decimal(str(value))


def figure_to_json(figure: Figure) -> dict:
    return {
        "key": figure.key,
        "value": _number_to_json(figure.value),
        "last_year": _number_to_json(figure.last_year),
        "url": figure.url,
        "names": list(figure.names),
    }


def figure_from_json(data: dict) -> Figure:
    return Figure(
        key=data["key"],
        value=_number_from_json(data.get("value")),
        last_year=_number_from_json(data.get("last_year")),
        url=data.get("url", ""),
        names=tuple(data.get("names") or ()),
    )


def snapshot_figures(snapshot: list[dict]) -> dict[str, Figure]:
    return {item["key"]: figure_from_json(item) for item in snapshot or []}


def missing_keys(figures: dict[str, Figure]) -> list[str]:
    """Outline keys the records could not give (no app reported them, or value None)."""
    return [row.key for row in ROWS if figures.get(row.key) is None or figures[row.key].value is None]


# --- numbers ---------------------------------------------------------------------------------


def format_percent(value) -> str:
    # No false precision: at most one decimal, cut rather than rounded so 99.96% never reads 100%.
    value = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    text = f"{value:f}"
    return (text.removesuffix(".0") if text.endswith(".0") else text) + "%"


def format_count(value: int, unit: str, *, approximate: bool = False) -> str:
    """612件; with approximate (余, only where the office asks): 53 → 50余次, 1234 → 1200余件."""
    if approximate and value >= 10:
        step = 10 if value < 1000 else 100
        floor = value // step * step
        if floor != value:
            return f"{floor}余{unit}"
    return f"{value}{unit}"


def format_value(value, unit: str, *, approximate: bool = False) -> str:
    if unit == "%":
        return format_percent(value)
    if unit == "元":
        amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return f"{amount:f}元"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value.normalize():f}{unit}"
    return format_count(int(value), unit, approximate=approximate)


def format_compare(value, last_year, year: int, unit: str) -> str:
    """，比2020年多35件 / ，比2020年少3件 / ，与2020年持平 ('' when last year is unknown)."""
    if last_year is None or value is None:
        return ""
    diff = value - last_year
    if diff == 0:
        return f"，与{year - 1}年持平"
    word = "多" if diff > 0 else "少"
    return f"，比{year - 1}年{word}{format_value(abs(diff), unit)}"


# --- sentences -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    key: str
    text: str  # the clause as printed
    number: str  # the part of `text` that is the figure, for the editor's link


def clause(
    row, figure: Figure | None, year: int, approximate: frozenset[str] = frozenset(), *, alone=False
) -> Clause | None:
    if figure is None or figure.value is None:
        return None
    if figure.value == 0 and row.key in ZERO_CLAUSES:
        return Clause(row.key, ZERO_CLAUSES[row.key], "")
    number = format_value(figure.value, row.unit, approximate=row.key in approximate)
    names = "、".join(plain_name(name) for name in figure.names)
    template = row.alone if alone and row.alone else row.template
    text = template.format(
        n=number,
        compare=format_compare(figure.value, figure.last_year, year, row.unit),
        names=f"{names}等" if names else "",
    )
    return Clause(row.key, text, number)


def section_clauses(section: int, figures: dict[str, Figure], year: int, approximate=frozenset()):
    """The sentences of a section: [(sentence, [Clause…])] and the section's missing keys."""
    sentences = []
    missing = []
    totals = {}  # group code → the sum of its written figures (the total a "其中" refers to)
    for group in GROUPS:
        if group.section != section:
            continue
        clauses = []
        for row in ROWS:
            if row.group != group.code:
                continue
            figure = figures.get(row.key)
            alone = False
            if row.part_of and figure is not None and figure.value is not None:
                total = totals.get(row.part_of)
                alone = total is None or figure.value > total
            made = clause(row, figure, year, approximate, alone=alone)
            if made is None:
                missing.append(row.key)
            else:
                clauses.append(made)
        if clauses:
            totals[group.code] = sum(figures[c.key].value for c in clauses)
            body = clauses[0].text
            for c in clauses[1:]:
                body += (ROWS_BY_KEY[c.key].before or group.joiner) + c.text
            text = group.lead.format(year=year) + body + group.end
            sentences.append((text, clauses))
    return sentences, missing


def section_text(section: int, figures: dict[str, Figure], year: int, approximate=frozenset()) -> str:
    sentences, _ = section_clauses(section, figures, year, approximate)
    return INTROS[section] + "".join(text for text, _ in sentences)


def generated_text(code: str, figures: dict[str, Figure], year: int, approximate=frozenset(), last_year_text=""):
    """The generated text of one section. 二 and 三 are the office's own: last year's text."""
    if code == "opening":
        return opening_text(year)
    if code in FREE_TEXT_SECTIONS:
        return last_year_text
    return section_text(int(code.removeprefix("work_")), figures, year, approximate)


def section_missing(code: str, figures: dict[str, Figure]) -> list[str]:
    if not code.startswith("work_"):
        return []
    n = int(code.removeprefix("work_"))
    return [r.key for r in ROWS if r.section == n and (figures.get(r.key) is None or figures[r.key].value is None)]


def row_label(key: str) -> str:
    row = ROWS_BY_KEY.get(key)
    return row.label if row else key
