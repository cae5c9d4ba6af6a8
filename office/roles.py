"""The roles of DESIGN.md as groups, with their permissions.

The data migration and `seed_demo` both read this table; an app adds permissions to roles
in its hooks.py (`AppPlugin.role_permissions`), and the groups are synced after every migrate.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Role:
    code: str
    group: str
    description: str
    permissions: list[str] = field(default_factory=list)


CLERK = "clerk"
HANDLER = "handler"
DEPARTMENT_HEAD = "department_head"
OFFICE_DIRECTOR = "office_director"
LEADER = "leader"
HR = "hr"
PARTY = "party"
PETITIONS = "petitions"
ADMINISTRATOR = "administrator"

_OVERSIGHT = [
    "office.view_all_departments",
    "office.view_dashboard",
    "office.add_superviseditem",
    "office.urge_superviseditem",
    "office.manage_superviseditem",
]

ROLES = {
    CLERK: Role(CLERK, "文书", "登记收发文、编号、归档，督办立项与催办", _OVERSIGHT),
    HANDLER: Role(HANDLER, "承办人", "办理分配给本科室的文件和督办事项"),
    DEPARTMENT_HEAD: Role(DEPARTMENT_HEAD, "科室负责人", "分配本科室承办人，审核本科室工作"),
    OFFICE_DIRECTOR: Role(
        OFFICE_DIRECTOR, "办公室主任", "主持办公室工作：发文核稿、安排会议、年度总结、督办看板", _OVERSIGHT
    ),
    LEADER: Role(LEADER, "局领导", "批示、签发，查看督办看板", _OVERSIGHT),
    HR: Role(HR, "人事", "任免、招聘、职称、薪资、考核", ["office.view_personal_data"]),
    PARTY: Role(PARTY, "党务", "党员、党费、组织生活、发展党员"),
    PETITIONS: Role(PETITIONS, "信访", "来访、来信、转办、接待、值班"),
    ADMINISTRATOR: Role(
        ADMINISTRATOR,
        "系统管理员",
        "用户、科室、角色、工作日历与系统设置",
        [
            "office.view_all_departments",
            "office.view_dashboard",
            "office.view_personal_data",
            "office.add_user",
            "office.change_user",
            "office.view_user",
            "office.add_department",
            "office.change_department",
            "office.view_department",
            "office.add_calendaryear",
            "office.change_calendaryear",
            "office.view_calendaryear",
            "office.add_calendarday",
            "office.change_calendarday",
            "office.delete_calendarday",
            "office.view_calendarday",
            "office.view_superviseditem",
            "auth.view_group",
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            "axes.view_accesslog",
            "axes.view_accessfailurelog",
            "office.view_auditevent",
        ],
    ),
}

GROUP_TO_ROLE = {role.group: code for code, role in ROLES.items()}


def role_codes(user):
    """The role codes of a user, read from the groups already loaded where possible."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_codes", None)
    if cached is None:
        cached = {GROUP_TO_ROLE[name] for name in user.groups.values_list("name", flat=True) if name in GROUP_TO_ROLE}
        user._role_codes = cached
    return cached


def has_role(user, *codes):
    return bool(role_codes(user) & set(codes))


def role_permissions():
    """Each role's permissions: the core's (ROLES) and those each app's plugin adds
    (`AppPlugin.role_permissions`), so that no two apps edit one shared table."""
    from .plugins import role_permissions as added

    table = {code: list(role.permissions) for code, role in ROLES.items()}
    for code, perms in added().items():
        table[code].extend(perms)
    return table


def sync_roles(apps=None, verbosity=0, strict=True):
    """Creates the role groups and gives each exactly the permissions of role_permissions().

    Runs after every `migrate` (post_migrate) and from data migrations with the historical
    `apps`. Permissions are created first, because post_migrate may not have run yet; in a
    migration, the permissions of apps not migrated yet are skipped (strict=False) and added by
    the post_migrate run at the end."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    existing = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    for code, dotted_names in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=ROLES[code].group)
        missing = [name for name in dotted_names if name not in existing]
        if missing and strict:
            raise LookupError(f"Role {code}: no permission {', '.join(missing)}")
        group.permissions.set([existing[name] for name in dotted_names if name in existing])
