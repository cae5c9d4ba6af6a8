"""The one PDF layer: named font files, the GB/T 9704 page CSS, and a render function.

Reports, meetings (seat cards, minutes) and documents (printouts) all render through here, so
none of them depends on another app. Faces are named by FILE in @font-face rules: a family
name such as `FangSong` is resolved by fontconfig and silently becomes a Hei face on a machine
without it, and a PDF without a CJK face loses every Chinese glyph.

Families (use these names in CSS, each followed by its fallback family):
    OfficeSong  小标宋 stand-in (titles)       Noto Serif CJK SC Black, else Bold, else FandolSong
    OfficeSongPlain 宋体 (page numbers)        FandolSong
    OfficeFang  仿宋 (body text)               FandolFang
    OfficeHei   黑体 (一、 headings)           FandolHei
    OfficeKai   楷体 （一） headings)          FandolKai
    OfficeFallbackSerif / OfficeFallbackSans   Noto CJK, for characters outside GB2312
"""

import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.template.loader import get_template

logger = logging.getLogger(__name__)

FAMILIES = {
    "OfficeSong": "FandolSong-Regular.otf",
    "OfficeSongPlain": "FandolSong-Regular.otf",
    "OfficeFang": "FandolFang-Regular.otf",
    "OfficeHei": "FandolHei-Regular.otf",
    "OfficeKai": "FandolKai-Regular.otf",
}

FALLBACK_SERIF = "OfficeFallbackSerif"
FALLBACK_SANS = "OfficeFallbackSans"

# The title face. 小标宋 is a heavy display Song and FandolSong Regular a light book face; of the
# free Simplified Songs in Debian, compared on rendered titles side by side, Noto Serif CJK SC
# Black (fonts-noto-cjk-extra) is the heaviest and closest to it, then Noto Serif CJK SC Bold
# (fonts-noto-cjk). Debian ships them only in collections (.ttc) whose first face is Japanese,
# so the SC face is copied out to a font file of its own (PDF_FONT_CACHE_DIR) and named by file.
TITLE_FACES = (
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Black.ttc", "Noto Serif CJK SC Black"),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC Bold"),
)

_FORMATS = {".otf": "opentype", ".ttf": "truetype", ".ttc": "collection", ".woff": "woff", ".woff2": "woff2"}


def collection_face(collection: str | Path, name: str) -> Path | None:
    """The face `name` (its full name) of a font collection as a font file of its own, copied
    once into PDF_FONT_CACHE_DIR; None when the collection or the face is not there."""
    collection = Path(collection)
    if not collection.is_file():
        return None
    cache = Path(getattr(settings, "PDF_FONT_CACHE_DIR", "") or Path(tempfile.gettempdir()) / "office-pdf-fonts")
    target = cache / (name.replace(" ", "") + ".otf")
    if target.is_file() and target.stat().st_mtime >= collection.stat().st_mtime:
        return target
    try:
        from fontTools.ttLib import TTCollection

        fonts = TTCollection(str(collection), lazy=True).fonts
        face = next((f for f in fonts if f["name"].getDebugName(4) == name), None)
        if face is None:
            logger.warning("PDF font: %s has no face %r", collection, name)
            return None
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / f".{target.name}.{os.getpid()}"
        face.save(str(partial))
        os.replace(partial, target)  # atomic: another process never reads a half-written file
    except Exception:
        logger.exception("PDF font: could not copy %r out of %s", name, collection)
        return None
    return target


def _title_faces() -> list[Path]:
    found = (collection_face(path, name) for path, name in getattr(settings, "PDF_TITLE_FACES", TITLE_FACES))
    return [p for p in found if p is not None]


def font_files() -> dict[str, list[Path]]:
    """Each family's font files in the order they are tried: licensed first, then (titles) the
    heaviest Noto Serif SC, Fandol, and the Noto fallback families. Only files that exist are
    listed."""
    configured = getattr(settings, "PDF_FONT_FILES", {}) or {}
    dirs = [Path(d) for d in getattr(settings, "PDF_FONT_DIRS", ["/usr/local/share/fonts/fandol"])]
    table: dict[str, list[Path]] = {}
    for family, filename in FAMILIES.items():
        candidates = [Path(p) for p in configured.get(family, [])]
        if family == "OfficeSong":
            candidates += _title_faces()
        candidates += [d / filename for d in dirs]
        table[family] = [p for p in candidates if p.is_file()]
        if not table[family]:
            logger.warning("PDF font %s: none of %s exists; the Noto fallback will be used", family, candidates)
    for family, paths in getattr(settings, "PDF_FALLBACK_FONT_FILES", {}).items():
        table[family] = [Path(p) for p in paths if Path(p).is_file()]
    return table


def font_face_css() -> str:
    """@font-face rules naming the font files of every family (see the module docstring)."""
    rules = []
    for family, paths in font_files().items():
        if not paths:
            continue
        src = ", ".join(f'url("{p.as_uri()}") format("{_FORMATS.get(p.suffix.lower(), "opentype")}")' for p in paths)
        rules.append(f'@font-face {{ font-family: "{family}"; src: {src}; font-weight: normal; font-style: normal; }}')
    return "\n".join(rules) + "\n"


def gbt9704_css() -> str:
    """The GB/T 9704-2012 page CSS (templates/pdf/gbt9704.css) as a string for render_pdf."""
    return get_template("pdf/gbt9704.css").template.source


def render_document(html: str, *, stylesheets: Sequence[str] = (), base_url: str | None = None):
    """The laid-out WeasyPrint document (its pages and boxes, to measure before writing); its
    write_pdf() gives the bytes render_pdf gives."""
    # Imported here: WeasyPrint loads Pango and HarfBuzz, which pages that never print do not need.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    sheets = [CSS(string=font_face_css(), font_config=font_config)]
    sheets += [CSS(string=source, font_config=font_config) for source in stylesheets]
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR))
    return document.render(stylesheets=sheets, font_config=font_config)


def render_pdf(html: str, *, stylesheets: Sequence[str] = (), base_url: str | None = None) -> bytes:
    """Renders HTML to PDF bytes with WeasyPrint; `stylesheets` are CSS source strings, applied
    after the @font-face rules of font_face_css()."""
    return render_document(html, stylesheets=stylesheets, base_url=base_url).write_pdf()
