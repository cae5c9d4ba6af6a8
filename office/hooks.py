"""What the core adds to the shell, declared the same way every app declares its part."""

from .plugins import AppPlugin, Category, NavItem, NavSection


def reads_api_docs(user):
    """The API documentation is for those who connect systems: the administrators (who manage
    the users; a permission check, read from the permissions the menu has loaded already)."""
    return user.is_authenticated and user.has_perm("office.add_user")


plugin = AppPlugin(
    label="office",
    url_prefix="",
    urls="office.urls_web",
    api_prefix="",
    api_urls="office.api.routes",
    navigation=(
        NavSection(
            "工作台",
            10,
            (
                NavItem("首页", "house-door", "home"),
                NavItem("督办看板", "bar-chart-line", "dashboard", perm="office.view_dashboard"),
                NavItem("督办事项", "clipboard-check", "supervision:list", match=("supervision:",)),
                NavItem("通知", "bell", "notifications:list", match=("notifications:",)),
                NavItem("我的导出", "download", "exports:list", match=("exports:",)),
            ),
        ),
        NavSection(
            "系统",
            90,
            (
                NavItem("系统管理", "gear", "admin:index", staff=True),
                NavItem("审计日志", "journal-text", "audit:list", perm="office.view_auditevent", match=("audit:",)),
                NavItem("接口文档", "code-square", "api-docs", visible=reads_api_docs),
            ),
        ),
    ),
    supervision_categories=(Category("special", "专题任务", order=90),),
    summary="office.summary.figures",
    demo="office.demo.seed",
    demo_order=0,
    enum_overrides={
        # The filters' "status" parameters would otherwise collide with this one's name.
        "SupervisionStatusEnum": "office.choices.SupervisionStatus",
    },
)
