"""Share cards: 1200×630, the title really drawn in the font that pip installs, the same bytes each time."""

from __future__ import annotations

import io
import itertools

import budoux
from noto_cjk_sans_jp_bold import FONT_PATH
from PIL import Image, ImageChops, ImageDraw, ImageFont

from pressroom.output import cardfont, cardlayout, sharecard
from pressroom.output.cardfont import drawable
from pressroom.output.cardlayout import HEIGHT, MARGIN, MAX_LINES, WIDTH, layout
from pressroom.output.mediarecord import MediaRecord
from pressroom.output.sharecard import card_png, draw_card, share_card

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
    plain = draw_card(
        "Donaudampfschifffahrtsgesellschaft feiert", "de", "Baden-Württemberg – Internationaler Austausch"
    )
    for title in (
        "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesellschaft feiert",
        "Donaudampfschifffahrts\u200bgesellschaft feiert \U0001f389",
        "\u200fDonaudampfschifffahrtsgesellschaft\u2060 feiert",
    ):
        drawn = draw_card(title, "de", "Baden-Württemberg – Internationaler Austausch")
        assert ImageChops.difference(plain, drawn).getbbox() is None, title
    assert " ".join(layout("Kanagawa … und Baden-Württemberg", "en").lines) == "Kanagawa ... und Baden-Württemberg"
    assert layout("神奈川…\U0001f600", "ja").lines == ("神奈川…",)


def test_a_title_pasted_whole_into_the_field_costs_no_more_than_a_long_one(monkeypatch):
    # Every line of the whole title was measured, at each size: a book's worth took minutes.
    measured: list[str] = []
    fits = cardlayout._fits
    monkeypatch.setattr(cardlayout, "_fits", lambda text, size, width: measured.append(text) or fits(text, size, width))
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
    whole = cardlayout.wrap(long_title, "de", 68, WIDTH - 2 * MARGIN)
    assert len(whole) > MAX_LINES + 1
    assert cardlayout.wrap(long_title, "de", 68, WIDTH - 2 * MARGIN, MAX_LINES + 1) == whole[: MAX_LINES + 1]


def test_cards_are_the_same_bytes_and_drawn_once(tmp_path, monkeypatch):
    assert card_png("Titel", "de", "Site") == card_png("Titel", "de", "Site")
    assert card_png("Titel", "de", "Site") != card_png("Title", "en", "Site")
    record = MediaRecord(tmp_path)
    path = share_card("Titel", "de", "Site", tmp_path, record)
    monkeypatch.setattr(sharecard, "card_png", lambda *a: (_ for _ in ()).throw(AssertionError("drawn again")))
    assert share_card("Titel", "de", "Site", tmp_path, record) == path
    record.save()
    assert share_card("Titel", "de", "Site", tmp_path, MediaRecord(tmp_path)) == path  # the next build's
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


def test_a_card_stays_small_for_the_services_that_fetch_it():
    """Cards are encoded quickly (a first build draws thousands) but still compressed: a card
    of a long Japanese title, the busiest there is, stays far below what an uncompressed
    palette image of 1200×630 would be (740 KiB)."""
    longest = TITLE_JA * 3
    sizes = [
        len(card_png(title, lang, site)) for title, lang, site in ((longest, "ja", SITE_JA), ("Titel", "de", "Site"))
    ]
    assert all(size < 40 * 1024 for size in sizes), sizes


def test_every_character_the_card_draws_without_asking_the_font_is_in_the_font():
    """The ranges `_has_glyph` takes as drawn (the usual titles never load the font to know)
    hold no character this font would draw as the missing-glyph box."""
    font = ImageFont.truetype(str(FONT_PATH), 30, layout_engine=ImageFont.Layout.BASIC)

    def mask(char: str) -> tuple[tuple[int, int], bytes]:
        drawn = font.getmask(char)
        return drawn.size, bytes(drawn)

    box = mask("\U000f0000")  # a private-use character: drawn as the box
    assert mask("\u0141") == box  # Ł: the font lacks letters, so the comparison can tell
    missing = [
        f"U+{code:04X}"
        for low, high in cardfont.ALWAYS_DRAWN
        for code in range(ord(low), ord(high) + 1)
        if mask(chr(code)) == box
    ]
    assert not missing


def test_a_letter_with_a_mark_the_font_lacks_is_drawn_without_it_not_left_out():
    assert drawable("Český Krumlov, Łódź und Kyjiw (Київ) – „Partner“", "de") == (
        "Ceský Krumlov, Lódz und Kyjiw (Киïв) – „Partner“"
    )
    assert drawable("Thin\u2009space", "en") == "Thin space"  # a space the font lacks: an ordinary one


def test_the_characters_a_card_leaves_out_are_named_once_each():
    assert cardfont.lost_characters("Baden-Württemberg und 神奈川県: «Wasserstoff» – 協力 №1") == ()
    assert cardfont.lost_characters("Soft\u00adhyphen and zero\u200bwidth") == ()  # invisible anyway
    assert cardfont.lost_characters("Łódź, Český Krumlov, Київ") == ()  # drawn as Lódz, Ceský, Киïв
    assert cardfont.lost_characters("Partner 🤝 in कर्नाटक 🤝") == ("🤝", "क", "र", "\u094d", "न", "ा", "ट")


LOST = "Partnerschaft mit Karnataka (कर्नाटक) 🤝"


def test_a_title_the_card_cannot_draw_is_warned_about_at_its_line(scratch_site):
    site = scratch_site(
        {
            "content/partners/karnataka.yaml": "country: IN\nsince: 2013\nstatus: active\n"
            "name: {de: Karnataka, ja: カルナータカ州, en: Karnataka (कर्नाटक)}\n"
            "summary: {de: Partner in Indien., ja: インドのパートナー。, en: Partner in India.}\n",
            "content/de/2024/karnataka.md": f"---\ndate: 2024-05-02\ntitle: {LOST}\n---\n\nText.\n",
            "content/ja/2024/karnataka.md": "---\ntitle: カルナータカ州との協力 🤝\n---\n\n本文。\n",
            "content/de/2024/bild.md": f"---\ntitle: {LOST}\ndate: 2024-05-03\nimage:\n"
            "  file: bild.png\n  alt: Ein Bild\n---\n\nText.\n",
        }
    )
    media = site.root / "content" / "media" / "bild.png"
    media.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1600, 900), (200, 120, 40)).save(media)
    run = site.run("check", "--source", str(site.root))
    assert run.code == 0
    warnings = [line for line in run.stderr.splitlines() if "share card" in line]
    assert warnings == [
        "content/de/2024/karnataka.md:3: warning: the share card drawn for this title leaves out "
        "'क' (U+0915 DEVANAGARI LETTER KA), 'र' (U+0930 DEVANAGARI LETTER RA), "
        "'्' (U+094D DEVANAGARI SIGN VIRAMA), 'न' (U+0928 DEVANAGARI LETTER NA), "
        "'ा' (U+093E DEVANAGARI VOWEL SIGN AA) and 2 more: its font cannot draw them; "
        "give this version a lead image (image:) to share a picture instead",
        "content/ja/2024/karnataka.md:2: warning: the share card drawn for this title leaves out "
        "'🤝' (U+1F91D HANDSHAKE): its font cannot draw them; "
        "give this version a lead image (image:) to share a picture instead",
        "content/partners/karnataka.yaml:4: warning: the share card drawn for this partner's name leaves out "
        "'क' (U+0915 DEVANAGARI LETTER KA), 'र' (U+0930 DEVANAGARI LETTER RA), "
        "'्' (U+094D DEVANAGARI SIGN VIRAMA), 'न' (U+0928 DEVANAGARI LETTER NA), "
        "'ा' (U+093E DEVANAGARI VOWEL SIGN AA) and 1 more: its font cannot draw them",
    ]
    assert site.run("check", "--source", str(site.root), "--strict").code == 1
    built = site.build()
    assert built.code == 0 and built.stderr.count("share card") == 3
    assert site.exists("/de/releases/2024/karnataka/share.png")


def test_a_site_title_or_description_the_cards_cannot_draw_is_warned_about_at_its_line(scratch_site):
    """The site's title stands beside the mark on every card of its language; its description is
    the headline of the home page's and the lists' cards. Either losing letters is said at its
    own line of site.yaml, once, not at every page that shares the card."""
    site = scratch_site(
        {
            "site.yaml": "languages: [de, ja, en]\n"
            "title:\n  de: Presse\n  ja: プレス\n  en: Press ✊\n"
            "description:\n  de: Nachrichten\n  ja: ニュース 🗞\n  en: News\n",
            "content/de/2024/meldung.md": "---\ndate: 2024-05-02\ntitle: Meldung\n---\n\nText.\n",
        }
    )
    run = site.run("check", "--source", str(site.root))
    assert run.code == 0
    assert [line for line in run.stderr.splitlines() if "share card" in line] == [
        "site.yaml:5: warning: title (en): the share card drawn for this site title leaves out "
        "'✊' (U+270A RAISED FIST): its font cannot draw them",
        "site.yaml:8: warning: description (ja): the share card drawn for this site description leaves out "
        "'🗞' (U+1F5DE ROLLED-UP NEWSPAPER): its font cannot draw them",
    ]
    assert site.run("check", "--source", str(site.root), "--strict").code == 1
