from office.figures import Figure
from office.plugins import AppPlugin, Category, HomeBlock, NavItem, NavSection


def figures(year):
    return [Figure("sample_app.things", 3)]


plugin = AppPlugin(
    label="sample_app",
    url_prefix="sample/",
    urls="tests.office.sample_app.urls",
    navigation=(NavSection("样例", 70, (NavItem("样例页面", "box", "sample_app:index"),)),),
    home_blocks=(HomeBlock("includes/messages.html", lambda user: {"n": 1}, order=99),),
    supervision_categories=(Category("sample", "样例事项", order=99),),
    summary="tests.office.sample_app.hooks.figures",
)
