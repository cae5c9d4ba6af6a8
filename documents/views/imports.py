"""The import page for past years' registers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from office.models import RegisterImport
from office.services import imports as import_services

from .. import permissions


class ImportForm(forms.Form):
    register = forms.ChoiceField(label="登记簿", choices=[("incoming", "收文登记簿"), ("outgoing", "发文登记簿")])
    file = forms.FileField(label="Excel 文件", help_text="使用“导出Excel”得到的格式；每一行都检查，全部无误才写入。")


@login_required
def register_import(request):
    user = request.user
    if not (permissions.can_manage_incoming(user) or permissions.can_manage_outgoing(user)):
        raise PermissionDenied("只有办公室文书可以导入登记簿。")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        incoming = form.cleaned_data["register"] == "incoming"
        target = "documents:incoming_list" if incoming else "documents:outgoing_list"
        try:
            result = import_services.register_import(
                actor=user,
                importer=f"documents.services.imports.{'incoming' if incoming else 'outgoing'}_import",
                upload=form.cleaned_data["file"],
                title="收文登记簿" if incoming else "发文登记簿",
                done_url=reverse(target),
                allowed=permissions.can_manage_incoming(user) if incoming else permissions.can_manage_outgoing(user),
            )
        except ValidationError as error:
            problems = error.message_dict.get("file", error.messages)
        else:
            if isinstance(result, RegisterImport):
                messages.info(request, f"文件共 {result.rows_total} 行，已转入后台检查并导入，完成后会通知您。")
                return redirect("imports:detail", pk=result.pk)
            messages.success(request, f"已导入 {result} 条记录。")
            return redirect(target)
    return render(
        request,
        "documents/import.html",
        {"form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )
