"""WordprocessingML details every DOCX the apps write shares (reports' summary, documents' 套红)."""

# The order WordprocessingML requires of the children of w:pPr and w:rPr (Word refuses a file
# whose properties are out of order); code that appends properties puts them in order after.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def properties_in_order(root):
    """Puts the children of every w:pPr and w:rPr under `root` in the order Word requires."""
    from docx.oxml.ns import qn

    for tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
        rank = {qn(f"w:{name}"): n for n, name in enumerate(order)}
        for element in root.iter(qn(tag)):
            children = list(element)
            children.sort(key=lambda child: rank.get(child.tag, len(rank)))
            for child in children:
                element.append(child)
