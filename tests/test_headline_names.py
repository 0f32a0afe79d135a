"""The state's name in a headline, held whole by markup alone: the text a screen reader, a search
index or a copy gets is the headline as written."""

from __future__ import annotations

import re

from pressroom.base.typography import phrase_breaker, phrased_filter


def test_a_headline_holds_the_states_name_with_what_touches_it_in_one_span() -> None:
    """Chromium broke "Baden- / Württemberg" at the hyphen in headlines: the stylesheet sets the
    span (.name) whole on a line where it fits; a line may break on either side of it, so a
    colon, a genitive's s and a dash held by a no-break space go in with it."""
    german = phrase_breaker("de")
    assert str(german("Baden-Württemberg – Internationaler Austausch")) == (
        '<span class="name">Baden-Württemberg\u00a0–</span> Internationaler Austausch'
    )
    english = phrase_breaker("en")
    assert str(english("Baden-Württemberg: International Exchange")).startswith(
        '<span class="name">Baden-Württemberg:</span> '
    )
    assert str(english("Cape Town & KwaZulu-Natal")) == 'Cape Town &amp; <span class="name">KwaZulu-Natal</span>'
    assert str(german("Die Partner Baden-Württembergs")) == 'Die Partner <span class="name">Baden-Württembergs</span>'
    assert str(german("Nord-Baden-Württemberg-Plan")) == "Nord-Baden-Württemberg-Plan"  # not a name alone
    # An untranslated copy's English title on a German page, too.
    assert 'class="name"' in str(phrased_filter(german)("JETRO chooses Baden-Württemberg clusters", "en"))


def test_the_text_is_the_headline_as_written(scratch_site) -> None:
    title = "Baden-Württemberg und Kanagawa bauen ihre Partnerschaft aus"
    site = scratch_site({"content/de/2024/plan.md": f"---\ntitle: {title}\ndate: 2024-07-17\n---\n\nText.\n"})
    assert site.build().code == 0
    html = site.page("/de/releases/2024/plan/").html
    h1 = re.search("<h1[^>]*>(.*?)</h1>", html, re.DOTALL).group(1)
    assert h1 == f'<span class="name">Baden-Württemberg</span>{title[len("Baden-Württemberg") :]}'
    assert f"<title>{title}" in html and f'content="{title}"' in html  # the document's title, its share card's
    assert "\u2011" not in html  # no non-breaking hyphen put in its text
