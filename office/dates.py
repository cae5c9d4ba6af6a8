"""Dates typed by people: a date that does not exist (2021-02-30, 2025-13-01) is told as such,
not as a format error, in the pages' forms and in the API alike.

    office.forms.DateField          # forms (and the ModelForms' date fields, office.forms.formfield)
    office.api.fields.DateField     # serializers (and every ModelSerializer's date fields)
"""

import calendar
import re

DATE_SHAPE = re.compile(r"^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$")
FORMAT_MESSAGE = "请按“年-月-日”填写日期，例如 2025-03-18。"


def impossible_date_message(value) -> str | None:
    """For text shaped like a date (年-月-日) naming a day that does not exist, the Chinese
    message saying why; None for anything else (a valid date, or not a date at all)."""
    match = DATE_SHAPE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        return f"日期不存在：没有公元{year}年，请检查年份。"
    if not 1 <= month <= 12:
        return f"日期不存在：一年只有12个月，没有{month}月。"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"日期不存在：{year}年{month}月只有{last}天，没有{day}日。"
    return None
