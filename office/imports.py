"""Reading an uploaded register (Excel) safely, for every app's import.

An .xlsx is a zip: a 500 KB upload can expand to gigabytes (a "zip bomb") and take a worker's
memory before a single row is read. So the package is checked before openpyxl parses it — its
size, the sum of its members' uncompressed sizes, and each member's compression ratio — and the
sheet is then streamed (read-only mode), with limits on rows and columns.

    rows = read_register_rows(upload, required=["收文编号", "标题"], max_rows=20_000,
                              hint="请使用导出的登记簿格式。")
    for row_number, values in rows:   # values: {header: cell value}
        ...
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

UNREADABLE = "无法读取该文件，请上传 Excel（.xlsx）文件。"


def _limit(name, default):
    return getattr(settings, name, default)


def check_package(upload) -> None:
    """Refuses a file too large, or a zip that would expand beyond the limits, before parsing."""
    max_bytes = _limit("IMPORT_MAX_BYTES", 10 * 1024 * 1024)
    max_expanded = _limit("IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)
    max_ratio = _limit("IMPORT_MAX_COMPRESSION_RATIO", 200)
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError({"file": f"文件过大（{size // 1024} KB），一次最多导入 {max_bytes // 1024 // 1024} MB。"})
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError({"file": UNREADABLE}) from None
    finally:
        upload.seek(0)
    expanded = sum(member.file_size for member in members)
    if expanded > max_expanded:
        raise ValidationError({"file": "文件解压后过大，疑为异常文件，已拒绝导入。"})
    for member in members:
        ratio = member.file_size / member.compress_size if member.compress_size else 0
        if ratio > max_ratio and member.file_size > 1_000_000:
            raise ValidationError({"file": "文件压缩比异常，疑为异常文件，已拒绝导入。"})


# The largest values the database's integer columns hold (PostgreSQL smallint and integer).
SMALL_INT_MAX = 32_767
INT_MAX = 2_147_483_647


def whole_number(value, *, minimum=1, maximum=INT_MAX):
    """A cell as a whole number within [minimum, maximum], or a Chinese message saying what is
    wrong: (number, None) or (None, message). A figure beyond the column's range (份数 = 10¹²) is
    the row's error, never a database error."""
    kind = "正整数" if minimum == 1 else f"不小于{minimum}的整数"
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        return None, f"须为{kind}。"
    try:
        number = int(value) if isinstance(value, float) else int(str(value).strip())
    except (TypeError, ValueError, OverflowError):
        return None, f"须为{kind}。"
    if number < minimum:
        return None, f"须为{kind}。"
    if number > maximum:
        return None, f"不能超过{maximum}（填写的是{number}）。"
    return number, None


def read_register_rows(upload, *, required, max_rows, hint="", max_columns=100):
    """[(row number, {header: value})] of the first sheet's non-empty rows, after the header."""
    check_package(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is the same error for the user
        raise ValidationError({"file": UNREADABLE}) from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True, max_col=max_columns)
        header = [str(v).strip() if v is not None else "" for v in next(rows, [])]
        missing = [name for name in required if name not in header]
        if missing:
            raise ValidationError({"file": f"缺少列：{'、'.join(missing)}。{hint}"})
        result = []
        for index, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            if len(result) >= max_rows:
                raise ValidationError({"file": f"一次最多导入 {max_rows} 行。"})
            cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header) if name}
            result.append((index, cells))
    finally:
        book.close()
    if not result:
        raise ValidationError({"file": "文件中没有数据行。"})
    return result


def count_register_rows(upload, *, max_columns=100) -> int:
    """The number of non-empty rows after the header, to choose between importing in the request
    and in a worker (office.services.imports). The package is checked first, as for reading."""
    check_package(upload)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is the same error for the user
        raise ValidationError({"file": UNREADABLE}) from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True, max_col=max_columns)
        next(rows, None)
        count = sum(1 for values in rows if values is not None and any(v not in (None, "") for v in values))
    finally:
        book.close()
        upload.seek(0)
    return count
