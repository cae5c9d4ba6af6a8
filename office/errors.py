"""Service errors, mapped once: to a 400/403 in the API and to form errors in the pages.

Services raise django.core.exceptions.ValidationError (with field names where the error
belongs to a field) or PermissionDenied; nothing else needs to know about HTTP.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions as drf_exceptions
from rest_framework.views import exception_handler


def validation_error_detail(error):
    """A DRF-style detail: {field: [messages]} or {"non_field_errors": [messages]}."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for e in errors for m in e.messages]
            for field, errors in error.error_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = drf_exceptions.ValidationError(validation_error_detail(exc))
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied(str(exc) or "您没有执行该操作的权限。")
    elif isinstance(exc, Http404):
        exc = drf_exceptions.NotFound("未找到该记录，或您无权查看。")
    elif isinstance(exc, drf_exceptions.ParseError):
        # DRF says "JSON parse error - Expecting value: line 1 column 1 (char 0)" in English.
        exc = drf_exceptions.ParseError("请求体格式错误：不是有效的 JSON，请检查引号、逗号和括号。")
    elif isinstance(exc, drf_exceptions.UnsupportedMediaType):
        exc = drf_exceptions.UnsupportedMediaType(
            getattr(exc, "media_type", ""), "不支持该请求体格式，请以 application/json 提交。"
        )
    response = exception_handler(exc, context)
    if response is not None and response.status_code == 403:
        _audit_refusal(context, exc)
    return response


def _audit_refusal(context, exc):
    from .models import AuditEvent
    from .services.audit_log import audit

    request = context.get("request")
    detail = getattr(exc, "detail", "") or str(exc)
    audit(AuditEvent.DENIED, request=getattr(request, "_request", None), detail=str(detail))


def add_errors_to_form(form, error):
    """Puts a service's ValidationError on the form, on the field it names where the form has it."""
    # Service messages are written to stand alone, so one for a field the form lacks
    # (e.g. the record's state) is shown above the form as it is.
    detail = validation_error_detail(error)
    for field, messages in detail.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
