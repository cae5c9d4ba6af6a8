"""The PDF layer renders Chinese text in the named faces, on A4, on the GB/T 9704 grid."""

import pytest

from office.pdf import FAMILIES, font_face_css, font_files, gbt9704_css, render_pdf

from .pdfcheck import A4, MM, chars_missing_from_their_face, fonts_of, page_boxes, text_of

BODY = "全年共收文612件，比2020年多35件；发文208件，比2020年少3件。" * 6
GRID = "一二三四五六七八九十" * 9
HTML = f"""<html><body>
<h1>XX局办公室2021年工作总结</h1>
<h2>一、年度工作完成情况</h2>
<h3>（一）办文办会</h3>
<p>{BODY}</p>
<p>{GRID}</p>
</body></html>"""


@pytest.fixture(scope="module")
def pdf():
    return render_pdf(HTML, stylesheets=[gbt9704_css()])


def test_font_faces_name_font_files_not_system_names():
    css = font_face_css()
    for family, filename in FAMILIES.items():
        assert f'font-family: "{family}"' in css
        assert filename in css
    assert "NotoSerifCJK-Regular.ttc" in css
    assert "FangSong" not in css and "SimSun" not in css


def test_licensed_faces_set_in_settings_come_first(settings):
    settings.PDF_FONT_FILES = {"OfficeFang": ["/usr/local/share/fonts/fandol/FandolKai-Regular.otf"]}
    rule = next(line for line in font_face_css().splitlines() if '"OfficeFang"' in line)
    assert rule.index("FandolKai-Regular.otf") < rule.index("FandolFang-Regular.otf")


def test_chinese_text_reads_back_out_of_the_pdf(pdf):
    text = text_of(pdf)
    assert "XX局办公室2021年工作总结" in text
    assert "一、年度工作完成情况" in text
    assert BODY in text


def test_pages_are_a4_and_every_font_is_an_embedded_office_face(pdf):
    for width, height, *_ in page_boxes(pdf):
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    fonts = fonts_of(pdf)
    assert set(fonts) == {"OfficeSong", "OfficeSongPlain", "OfficeFang", "OfficeHei", "OfficeKai"}
    assert all(fonts.values()), fonts


def test_every_character_exists_in_the_face_it_is_drawn_with(pdf):
    assert chars_missing_from_their_face(pdf) == []


def test_body_follows_the_28_character_grid_inside_the_margins(pdf):
    width, height, _, chars = page_boxes(pdf)[0]
    body = [c for c in chars if c["fontname"].endswith("OfficeFang")]
    lines = {}
    for c in body:
        lines.setdefault(round(c["top"], 1), []).append(c)
    tops = sorted(lines)
    # The grid paragraph's full lines hold exactly 28 characters (its first line 26 after the indent).
    grid_lines = [lines[t] for t in tops if "".join(c["text"] for c in lines[t]) in GRID * 2]
    assert [len(line) for line in grid_lines[:3]] == [26, 28, 28]
    # Line pitch 28.95 pt.
    pitch = (grid_lines[2][0]["top"] - grid_lines[0][0]["top"]) / 2
    assert pitch == pytest.approx(28.95, abs=0.02)
    # Text block: 28 mm from the left, 156 mm wide, from 37 mm below the top edge, 225 mm tall.
    for c in chars:
        if c["fontname"].endswith("OfficeSongPlain") and c["top"] > 262 * MM:
            continue  # the page number sits below the text block
        assert c["x0"] >= 28 * MM - 0.5
        assert c["x1"] <= (28 + 156) * MM + 0.5
        assert c["top"] >= 37 * MM - 0.5
        assert c["bottom"] <= (37 + 225) * MM + 0.5


def test_page_number_is_dashed_7mm_below_the_text_block_one_character_in_on_the_right(pdf):
    _, _, _, chars = page_boxes(pdf)[0]
    number = [c for c in chars if c["top"] > 262 * MM]
    assert "".join(c["text"] for c in number) == "— 1 —"
    assert number[0]["size"] == pytest.approx(14, abs=0.1)
    assert number[0]["top"] == pytest.approx(269 * MM, abs=2)
    assert number[-1]["x1"] == pytest.approx((28 + 156) * MM - 14, abs=1)


def test_even_pages_put_the_number_on_the_left():
    pdf = render_pdf(f"<p>{GRID * 20}</p>", stylesheets=[gbt9704_css()])
    pages = page_boxes(pdf)
    assert len(pages) >= 2
    number = [c for c in pages[1][3] if c["top"] > 262 * MM]
    assert "".join(c["text"] for c in number) == "— 2 —"
    # Even pages bind on the right: the text block starts 26 mm in, the number one character in.
    assert number[0]["x0"] == pytest.approx(26 * MM + 14, abs=1)


def test_the_title_is_set_in_the_heaviest_simplified_song_embedded(pdf):
    """小标宋's stand-in: Noto Serif CJK SC Black (fonts-noto-cjk-extra), its SC face copied out
    of the collection; the title reads back, is embedded, and every glyph is in that face."""
    from fontTools.ttLib import TTFont

    path = font_files()["OfficeSong"][0]
    face = TTFont(str(path), lazy=True)
    assert face["name"].getDebugName(4) == "Noto Serif CJK SC Black"
    assert face["OS/2"].usWeightClass == 900
    title = [c for c in page_boxes(pdf)[0][3] if c["size"] == pytest.approx(22, abs=0.1)]
    assert "".join(c["text"] for c in title) == "XX局办公室2021年工作总结"
    assert {c["fontname"].split("+", 1)[-1] for c in title} == {"OfficeSong"}
    assert fonts_of(pdf)["OfficeSong"] is True
    # Half-width digits in the title (the face would set them full-width in the body's variant).
    digits = [c for c in title if c["text"].isdigit()]
    assert all(c["x1"] - c["x0"] < 15 for c in digits)
