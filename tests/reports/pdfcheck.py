"""Reading a PDF back: its text, its fonts (embedded? which face?) and where its characters sit."""

import io
from functools import cache
from pathlib import Path

import pdfplumber
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from office.pdf import font_files

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Lines wrap anywhere in Chinese text; join them so a sentence can be searched whole.
    return "".join(page.extract_text().replace("\n", "") for page in reader.pages)


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use: base name (without the subset prefix) → embedded?"""
    reader = PdfReader(io.BytesIO(pdf))
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"]).split("+", 1)[-1]] = embedded
    return found


@cache
def _cmap(path: str) -> frozenset[int]:
    font = TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path, lazy=True)
    return frozenset(font.getBestCmap())


def family_cmap(family: str) -> frozenset[int]:
    """The code points of the first font file the PDF layer names for a family (the one used)."""
    paths = font_files()[family]
    assert paths, f"no font file for {family}"
    return _cmap(str(paths[0]))


def chars_missing_from_their_face(pdf: bytes) -> list[tuple[str, str]]:
    """(character, family) for every drawn character its face's font file has no glyph for."""
    missing = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for char in page.chars:
                family = char["fontname"].split("+", 1)[-1]
                if char["text"].strip() and ord(char["text"]) not in family_cmap(family):
                    missing.append((char["text"], family))
    return missing


def page_boxes(pdf: bytes):
    """Per page: (width, height, page number, [chars outside the page number])."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(p.width, p.height, p.page_number, list(p.chars)) for p in doc.pages]


def font_file_names() -> set[str]:
    return {Path(p).name for paths in font_files().values() for p in paths}
