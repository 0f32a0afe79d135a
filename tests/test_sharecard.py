"""Share cards: 1200×630, the title really drawn in the font that pip installs, the same bytes each time."""

from __future__ import annotations

import io
import itertools

import budoux
from noto_cjk_sans_jp_bold import FONT_PATH
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pressroom.output import sharecard
from pressroom.output.sharecard import HEIGHT, MARGIN, MAX_LINES, WIDTH, card_png, draw_card, layout, share_card

SITE_JA = "バーデン＝ヴュルテンベルク州 国際交流ニュース"
TITLE_JA = "バーデン＝ヴュルテンベルク州と神奈川県、水素と自動運転で協力を拡大"


def reference_line(text: str, size: int, box: tuple[int, int]) -> Image.Image:
    """The line drawn on its own with the packaged font: what the card must show."""
    im = Image.new("RGB", box, sharecard.PAPER)
    font = ImageFont.truetype(str(FONT_PATH), size, layout_engine=ImageFont.Layout.BASIC)
    ImageDraw.Draw(im).text((0, 0), text, font=font, fill=sharecard.INK)
    return im


def glyph(char: str) -> bytes:
    im = Image.new("L", (80, 80))
    ImageDraw.Draw(im).text((10, 0), char, font=ImageFont.truetype(str(FONT_PATH), 60), fill=255)
    return im.tobytes()


def test_the_card_has_the_size_shared_links_show():
    card = Image.open(io.BytesIO(card_png(TITLE_JA, "ja", SITE_JA)))
    assert card.format == "PNG" and card.size == (WIDTH, HEIGHT) == (1200, 630)


def test_the_japanese_title_is_drawn_with_the_font_not_as_tofu():
    placed = layout(TITLE_JA, "ja")
    assert "".join(placed.lines) == TITLE_JA and len(placed.lines) >= 2
    card = draw_card(TITLE_JA, "ja", SITE_JA)
    for number, line in enumerate(placed.lines):
        top = placed.top + number * placed.line_height
        box = (WIDTH - 2 * MARGIN, placed.line_height)
        shown = card.crop((MARGIN, top, MARGIN + box[0], top + box[1]))
        assert ImageChops.difference(shown, reference_line(line, placed.size, box)).getbbox() is None, line
    # The font has these glyphs: each character draws differently, and none as the missing-glyph box.
    tofu = glyph("\U000f0000")  # a private-use character: no font has it, so it is drawn as tofu
    shapes = {glyph(char) for char in "神奈川県州協力"}
    assert len(shapes) == 7 and tofu not in shapes
    ink = ImageChops.difference(shown, Image.new("RGB", shown.size, sharecard.PAPER)).convert("1").histogram()[255]
    assert ink > 1000  # the last line has pixels of text, not an empty box


def test_a_japanese_title_breaks_between_phrases_and_a_german_one_between_words():
    title = "神奈川県と協力覚書を締結しました。今後は水素、自動運転、ロボット工学の分野で協力します。"
    ja = layout(title, "ja")
    phrase_ends = set(itertools.accumulate(len(p) for p in budoux.load_default_japanese_parser().parse(title)))
    line_ends = list(itertools.accumulate(len(line) for line in ja.lines))
    assert "".join(ja.lines) == title and len(ja.lines) >= 2
    assert set(line_ends) <= phrase_ends  # "締結しました。" stays whole, "神奈|川県" never happens
    words = "Baden-Württemberg und Kanagawa bauen ihre Partnerschaft aus und unterzeichnen eine Erklärung"
    de = layout(words, "de")
    assert all(" " not in (line[0], line[-1]) for line in de.lines)
    assert " ".join(de.lines) == words and len(de.lines) >= 2


def test_a_very_long_title_is_shortened_within_the_card():
    title = "Sehr langer Titel " * 40
    placed = layout(title, "de")
    assert len(placed.lines) == MAX_LINES and placed.lines[-1].endswith("...")  # on the line's foot, not "⋯"
    assert layout("とても長いタイトル" * 40, "ja").lines[-1].endswith("…")
    font = ImageFont.truetype(str(FONT_PATH), placed.size)
    assert all(font.getlength(line) <= WIDTH - 2 * MARGIN for line in placed.lines)
    assert placed.top + MAX_LINES * placed.line_height <= HEIGHT - 24


def test_what_the_font_cannot_draw_is_left_out_not_drawn_as_boxes():
    """A soft hyphen pasted from a CMS was drawn as a hyphen at every place it allows a break,
    zero-width characters and emoji as boxes, and "…" as Japanese sets it, on the line's middle."""
    plain = draw_card("Donaudampfschifffahrtsgesellschaft feiert", "de", "Baden-Württemberg international")
    for title in (
        "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesellschaft feiert",
        "Donaudampfschifffahrts\u200bgesellschaft feiert \U0001f389",
        "\u200fDonaudampfschifffahrtsgesellschaft\u2060 feiert",
    ):
        drawn = draw_card(title, "de", "Baden-Württemberg international")
        assert ImageChops.difference(plain, drawn).getbbox() is None, title
    assert " ".join(layout("Kanagawa … und Baden-Württemberg", "en").lines) == "Kanagawa ... und Baden-Württemberg"
    assert layout("神奈川…\U0001f600", "ja").lines == ("神奈川…",)


def test_a_title_pasted_whole_into_the_field_costs_no_more_than_a_long_one(monkeypatch):
    # Every line of the whole title was measured, at each size: a book's worth took minutes.
    measured: list[str] = []
    fits = sharecard._fits
    monkeypatch.setattr(sharecard, "_fits", lambda text, size, width: measured.append(text) or fits(text, size, width))
    long_title = "Sehr langer Titel " * 40
    long_layout = layout(long_title, "de")
    long_cost = len(measured)
    measured.clear()
    pasted = layout("Sehr langer Titel " * 20_000, "de")
    assert pasted == long_layout  # the same first lines, shortened the same way
    assert len(measured) <= long_cost
    sentence = "神奈川県と友好提携を強化する"
    assert layout(sentence * 5_000, "ja").lines == layout(sentence * 40, "ja").lines
    # The lines a limited wrap gives are the first lines of the whole wrap.
    whole = sharecard.wrap(long_title, "de", 68, WIDTH - 2 * MARGIN)
    assert len(whole) > MAX_LINES + 1
    assert sharecard.wrap(long_title, "de", 68, WIDTH - 2 * MARGIN, MAX_LINES + 1) == whole[: MAX_LINES + 1]


def test_cards_are_the_same_bytes_and_drawn_once(tmp_path, monkeypatch):
    assert card_png("Titel", "de", "Site") == card_png("Titel", "de", "Site")
    assert card_png("Titel", "de", "Site") != card_png("Title", "en", "Site")
    path = share_card("Titel", "de", "Site", tmp_path)
    monkeypatch.setattr(sharecard, "card_png", lambda *a: (_ for _ in ()).throw(AssertionError("drawn again")))
    assert share_card("Titel", "de", "Site", tmp_path) == path
    assert Image.open(path).size == (1200, 630)


def test_the_encoded_card_shows_what_was_drawn():
    """The PNG keeps a palette of a few dozen colours: the text's edges stay within a few shades
    of the full-colour drawing, and the accent and ink colours are exact."""
    drawn = draw_card(TITLE_JA, "ja", SITE_JA)
    encoded = Image.open(io.BytesIO(card_png(TITLE_JA, "ja", SITE_JA)))
    assert encoded.mode == "P"
    shown = encoded.convert("RGB")
    worst = max(high for _, high in ImageChops.difference(shown, drawn).getextrema())
    assert worst <= 12, worst
    colours = {colour for _, colour in shown.getcolors(4096) or []}
    assert {sharecard.PAPER, sharecard.INK, sharecard.ACCENT} <= colours
