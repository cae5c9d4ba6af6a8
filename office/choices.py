from django.db import models


class DepartmentKind(models.TextChoices):
    SECTION = "section", "科室"
    UNIT = "unit", "二级单位"


# Supervision categories are registered by the apps that open items (office.plugins.Category);
# the core's own is the special task (专题任务).
SPECIAL_TASK = "special"


class SupervisionStatus(models.TextChoices):
    OPEN = "open", "办理中"
    COMPLETED = "completed", "已办结"
    VOIDED = "voided", "已撤销"


class SupervisionEventKind(models.TextChoices):
    OPENED = "opened", "立项"
    PROGRESS = "progress", "反馈"
    URGED = "urged", "催办"
    COMPLETED = "completed", "办结"
    REOPENED = "reopened", "重新办理"
    VOIDED = "voided", "撤销"
    REASSIGNED = "reassigned", "调整承办"


class CalendarSource(models.TextChoices):
    PACKAGE = "package", "国务院公布（chinesecalendar）"
    MANUAL = "manual", "管理员录入"
