"""The import page for past years' registers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .. import permissions
from ..services import imports as services


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
        run = services.incoming_import if form.cleaned_data["register"] == "incoming" else services.outgoing_import
        try:
            count = run(actor=user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            problems = error.message_dict.get("file", error.messages)
        else:
            messages.success(request, f"已导入 {count} 条记录。")
            target = "incoming_list" if form.cleaned_data["register"] == "incoming" else "outgoing_list"
            return redirect(f"documents:{target}")
    return render(
        request,
        "documents/import.html",
        {"form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )
