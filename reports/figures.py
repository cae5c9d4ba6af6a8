"""The sections of the annual summary. The figures themselves are office.figures.Figure."""

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
