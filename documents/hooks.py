"""What the documents app adds to the shell (see office/plugins.py)."""

from office.plugins import AppPlugin, Category, HomeBlock, NavItem, NavSection

from .permissions import ROLE_PERMISSIONS


def _home_context(user):
    from .selectors import supervised_item_ids, waiting_documents

    documents = list(waiting_documents(user=user, limit=10))
    # One entry per thing to do: the documents listed here carry their 督办 badge, and their
    # supervised items are left out of 待我办理 ("covers", office.plugins.HomeBlock).
    items = supervised_item_ids(documents)
    for document in documents:
        document.supervised_item_id = items.get(document.pk)
    return {"documents": documents, "covers": documents}


plugin = AppPlugin(
    label="documents",
    url_prefix="documents/",
    urls="documents.urls",
    api_prefix="documents/",
    api_urls="documents.api.urls",
    navigation=(
        NavSection(
            "办文",
            20,
            (
                NavItem("公文待办", "inbox", "documents:todo"),
                NavItem("收文登记簿", "journal-text", "documents:incoming_list", match=("documents:incoming_",)),
                NavItem("发文登记簿", "journal-arrow-up", "documents:outgoing_list", match=("documents:outgoing_",)),
                NavItem("建议提案", "chat-square-text", "documents:proposal_list", match=("documents:proposal_",)),
                NavItem("领导批示", "pen", "documents:instruction_list", match=("documents:instruction_",)),
                NavItem("归档文件", "archive", "documents:archive_list", match=("documents:archive_",)),
                NavItem("信息宣传", "megaphone", "documents:publicity_list", match=("documents:publicity_",)),
            ),
        ),
    ),
    home_blocks=(HomeBlock("documents/_home_block.html", _home_context, order=20),),
    supervision_categories=(
        Category("document", "文件督办", order=10),
        Category("instruction", "领导批示", order=20),
        Category("proposal", "建议提案", order=40),
    ),
    role_permissions=ROLE_PERMISSIONS,
    summary="documents.summary.figures",
    demo="documents.demo.seed",
    demo_order=20,
    enum_overrides={
        "DocumentsKindEnum": "documents.choices.DocumentKind",
        "DocumentsProposalKindEnum": "documents.choices.ProposalKind",
        "DocumentsProposalResultEnum": "documents.choices.ProposalResult",
        "DocumentsSatisfactionEnum": "documents.choices.Satisfaction",
        "DocumentsPublicityChannelEnum": "documents.choices.PublicityChannel",
    },
)
