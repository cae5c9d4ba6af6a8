"""HTML pages of the annual summary: list, create, editor (htmx), finalise, preview, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from office.errors import add_errors_to_form, validation_error_detail

from . import permissions, presenters, selectors, services, text
from .document import document_content
from .forms import ApproximateForm, ExportForm, FinaliseForm, SectionForm, SummaryCreateForm, TypedFigureForm
from .models import ExportStatus
from .outline import ROWS, ROWS_BY_KEY


def _error_text(error):
    return "；".join(m for messages_ in validation_error_detail(error).values() for m in messages_)


@login_required
def summary_list(request):
    summaries = selectors.summary_list(user=request.user)
    form = SummaryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            summary = services.summary_create(actor=request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            messages.success(request, f"已新建{summary.title}，数据已更新。")
            return redirect("reports:detail", pk=summary.pk)
    return render(
        request,
        "reports/list.html",
        {"summaries": summaries, "form": form, "can_create": permissions.can_create(request.user)},
        status=400 if form.errors else 200,
    )


def _approximate_form(summary):
    choices = [(r.key, r.label) for r in ROWS if r.unit not in ("%", "元")]
    return ApproximateForm(initial={"keys": summary.approximate}, choices=choices)


def _detail_context(request, summary):
    missing = services.missing_for(summary) if summary.refreshed_at else []
    exports = list(selectors.summary_exports(user=request.user, summary=summary)[:10])
    return {
        "summary": summary,
        "sections": presenters.section_views(summary),
        "missing": [text.row_label(k) for k in missing],
        "can_edit": permissions.can_edit(request.user, summary) and not summary.is_final,
        "can_finalise": permissions.can_finalise(request.user) and not summary.is_final,
        "can_export": permissions.can_export(request.user),
        "can_new_version": summary.is_final and permissions.can_edit(request.user, summary),
        "exports": exports,
        "exports_pending": any(e.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for e in exports),
        "export_form": ExportForm(),
        "approximate_form": _approximate_form(summary),
        "part_one_heading": text.PART_ONE_HEADING,
        "history": summary.history.select_related("history_user").order_by("-history_date")[:10],
    }


@login_required
def summary_detail(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    return render(request, "reports/detail.html", _detail_context(request, summary))


def _section_response(request, summary, section, *, form=None, status=200, saved=False):
    view = presenters.section_view(summary, section)
    return render(
        request,
        "reports/_section.html",
        {
            "summary": summary,
            "s": view,
            "form": form or SectionForm(initial={"text": section.text, "heading": section.heading_text}),
            "can_edit": permissions.can_edit(request.user, summary) and not summary.is_final,
            "saved": saved,
        },
        status=status,
    )


@login_required
@require_POST
def section_save(request, pk, code):
    section = selectors.section_get(user=request.user, summary_pk=pk, code=code)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            section = services.section_edit(
                actor=request.user,
                section=section,
                text_value=form.cleaned_data["text"],
                heading=form.cleaned_data["heading"] if "heading" in request.POST else None,
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
        else:
            if not request.htmx:
                messages.success(request, f"已保存：{text.section_heading(section, section.summary.year) or '开头'}。")
                return redirect("reports:detail", pk=pk)
            return _section_response(request, section.summary, section, saved=True)
    if not request.htmx:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:detail", pk=pk)
    return _section_response(request, section.summary, section, form=form, status=400)


@login_required
@require_POST
def section_preview(request, pk, code):
    """The live preview while the office types: nothing is saved."""
    section = selectors.section_get(user=request.user, summary_pk=pk, code=code)
    value = "\n".join(line.strip() for line in request.POST.get("text", "").splitlines() if line.strip())
    view = presenters.section_view(section.summary, section, text_value=value)
    return render(request, "reports/_preview.html", {"s": view})


@login_required
@require_POST
def section_regenerate(request, pk, code):
    section = selectors.section_get(user=request.user, summary_pk=pk, code=code)
    try:
        section = services.section_regenerate(actor=request.user, section=section)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:detail", pk=pk)
    if request.htmx:
        return _section_response(request, section.summary, section, saved=True)
    messages.success(request, "已按最新数据重新生成该段落。")
    return redirect("reports:detail", pk=pk)


@login_required
@require_POST
def summary_refresh(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    try:
        services.summary_refresh(actor=request.user, summary=summary)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, "数据已更新；办公室修改过的段落保持不变。")
    return redirect("reports:detail", pk=pk)


@login_required
@require_POST
def typed_figure_save(request, pk):
    """A figure typed in by the office (a missing one, or last year's for the comparison)."""
    summary = selectors.summary_get(user=request.user, pk=pk)
    form = TypedFigureForm(request.POST)
    anchor = ""
    row = ROWS_BY_KEY.get(request.POST.get("key", ""))
    if row is not None:
        anchor = f"#section-work_{row.section}"
    if not form.is_valid():
        messages.error(request, "手工录入未保存：" + "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(reverse("reports:detail", args=[pk]) + anchor)
    data = form.cleaned_data
    try:
        services.typed_figure_save(
            actor=request.user,
            summary=summary,
            key=data["key"],
            year=data["year"],
            value=data["value"],
            source=data["source"],
        )
    except ValidationError as error:
        messages.error(request, "手工录入未保存：" + _error_text(error))
    else:
        messages.success(request, f"已录入{data['year']}年{text.row_label(data['key'])}，相关段落已重新生成。")
    return redirect(reverse("reports:detail", args=[pk]) + anchor)


@login_required
@require_POST
def summary_approximate(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    form = ApproximateForm(request.POST, choices=[(r.key, r.label) for r in ROWS if r.unit not in ("%", "元")])
    if not form.is_valid():
        messages.error(request, "约数设置无效。")
        return redirect("reports:detail", pk=pk)
    try:
        services.summary_set_approximate(actor=request.user, summary=summary, keys=form.cleaned_data["keys"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, "约数设置已保存，相关段落已重新生成。")
    return redirect("reports:detail", pk=pk)


@login_required
def summary_finalise(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    if not permissions.can_finalise(request.user):
        raise PermissionDenied("您没有年度工作总结定稿的权限。")
    missing = services.missing_for(summary) if summary.refreshed_at else []
    choices = [(k, text.row_label(k)) for k in missing]
    form = FinaliseForm(request.POST or None, choices=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.summary_finalise(actor=request.user, summary=summary, omitted=form.cleaned_data["omitted"])
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, f"{summary.title}已定稿。")
                return redirect("reports:detail", pk=pk)
        status = 400
    groups = []
    headings = {s.code: text.section_heading(s, summary.year) for s in summary.sections.all()}
    for key, label in choices:
        code = f"work_{ROWS_BY_KEY[key].section}"
        heading = headings.get(code) or text.heading(code, summary.year)
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "items": []})
        groups[-1]["items"].append((key, label))
    return render(
        request,
        "reports/finalise.html",
        {"summary": summary, "form": form, "missing": choices, "groups": groups},
        status=status,
    )


@login_required
@require_POST
def summary_new_version(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    try:
        draft = services.summary_new_version(actor=request.user, summary=summary)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:detail", pk=pk)
    messages.success(request, f"已基于第{summary.version}版新建第{draft.version}版草稿。")
    return redirect("reports:detail", pk=draft.pk)


@login_required
def summary_preview(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    return render(request, "reports/preview.html", {"summary": summary, "content": document_content(summary)})


@login_required
@require_POST
def export_create(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择导出格式。")
        return redirect("reports:detail", pk=pk)
    try:
        services.export_request(actor=request.user, summary=summary, kind=form.cleaned_data["kind"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("reports:detail", pk=pk)
    if request.htmx:
        return export_list(request, pk)
    messages.success(request, "已开始导出，完成后可在右侧下载。")
    return redirect("reports:detail", pk=pk)


@login_required
def export_list(request, pk):
    summary = selectors.summary_get(user=request.user, pk=pk)
    exports = list(selectors.summary_exports(user=request.user, summary=summary)[:10])
    return render(
        request,
        "reports/_exports.html",
        {
            "summary": summary,
            "exports": exports,
            "exports_pending": any(e.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for e in exports),
        },
    )


@login_required
def export_download(request, export_pk):
    export = selectors.export_get(user=request.user, pk=export_pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404("文件尚未生成。")
    content_type = (
        "application/pdf"
        if export.kind == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename, content_type=content_type)
