from django.urls import path

from .views import attachments, imports, incoming, outgoing, printing, registers, todo, versions

app_name = "documents"

urlpatterns = [
    path("", todo.todo, name="todo"),
    path("incoming/", incoming.incoming_register_page, name="incoming_list"),
    path("incoming/export/", incoming.incoming_export, name="incoming_export"),
    path("incoming/new/", incoming.incoming_create, name="incoming_create"),
    path("incoming/<int:pk>/", incoming.incoming_detail, name="incoming_detail"),
    path("incoming/<int:pk>/attachments/", attachments.incoming_upload, name="incoming_upload"),
    path("incoming/<int:pk>/print/slip.pdf", printing.incoming_slip, name="incoming_slip"),
    path("incoming/<int:pk>/<slug:action>/", incoming.incoming_action, name="incoming_action"),
    path("outgoing/", outgoing.outgoing_register_page, name="outgoing_list"),
    path("outgoing/export/", outgoing.outgoing_export, name="outgoing_export"),
    path("outgoing/new/", outgoing.outgoing_create, name="outgoing_create"),
    path("outgoing/<int:pk>/", outgoing.outgoing_detail, name="outgoing_detail"),
    path("outgoing/<int:pk>/edit/", outgoing.outgoing_edit, name="outgoing_edit"),
    path("outgoing/<int:pk>/attachments/", attachments.outgoing_upload, name="outgoing_upload"),
    path("outgoing/<int:pk>/print/sheet.pdf", printing.outgoing_sheet, name="outgoing_sheet"),
    path("outgoing/<int:pk>/print/issued.<slug:fmt>", printing.outgoing_issued, name="outgoing_issued"),
    path("outgoing/<int:pk>/versions/", versions.outgoing_versions, name="outgoing_versions"),
    path("outgoing/<int:pk>/versions/upload/", versions.outgoing_version_upload, name="outgoing_version_upload"),
    path("versions/<int:pk>/download/", versions.version_download, name="version_download"),
    path("outgoing/<int:pk>/<slug:action>/", outgoing.outgoing_action, name="outgoing_action"),
    path("import/", imports.register_import, name="import"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("proposals/", registers.proposal_index, name="proposal_list"),
    path("proposals/new/", registers.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", registers.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/<slug:action>/", registers.proposal_action, name="proposal_action"),
    path("instructions/", registers.instruction_index, name="instruction_list"),
    path("instructions/new/", registers.instruction_create, name="instruction_create"),
    path("instructions/<int:pk>/", registers.instruction_detail, name="instruction_detail"),
    path("instructions/<int:pk>/<slug:action>/", registers.instruction_action, name="instruction_action"),
    path("archive/", registers.archive_index, name="archive_list"),
    path("archive/export/", registers.archive_export, name="archive_export"),
    path("publicity/", registers.publicity_index, name="publicity_list"),
    path("publicity/new/", registers.publicity_create, name="publicity_create"),
    path("publicity/<int:pk>/void/", registers.publicity_void, name="publicity_void"),
]
