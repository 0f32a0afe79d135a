"""Text made only of invisible characters (a zero-width space pasted from a web page or a CAT
tool) is as empty as it looks in the editor: a picture's alt text, a download's title, a
partner's name or a press contact's of nothing but that is told where it stands, as an empty title already was."""

from __future__ import annotations

import io

from PIL import Image

from .conftest import ScratchSite
from .test_check_fixtures import check
from .test_translations import release

NOTHING = "\u200b\u2060"
"""A zero-width space and a word joiner: nothing to see, nothing for a screen reader to say."""


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (40, 90, 160)).save(out, "PNG")
    return out.getvalue()


def invisible_site(scratch_site) -> ScratchSite:
    site = scratch_site(
        {
            "content/en/2024/a.md": release(
                "A picture",
                f'date: 2024-01-01\nimage:\n  file: 2024/map.png\n  alt: "{NOTHING}"\n',
                f"Text.\n\n![{NOTHING}](/media/2024/map.png)",
            ),
            "content/en/2024/b.md": release(
                "A download", f'date: 2024-01-02\ndownloads:\n  - file: 2024/map.png\n    title: "{NOTHING}"\n'
            ),
            "content/en/2024/c.md": release(
                "A contact", f'date: 2024-01-03\ncontact:\n  name: {{en: "{NOTHING}"}}\n  email: presse@example.org\n'
            ),
            "content/partners/quebec.yaml": (
                f'name: {{de: Québec, ja: ケベック州, en: "{NOTHING}"}}\ncountry: CA\nsince: 1999\nstatus: active\n'
                "summary: {de: Partner, ja: パートナー, en: Partner}\n"
            ),
        }
    )
    media = site.root / "content" / "media" / "2024"
    media.mkdir(parents=True, exist_ok=True)
    (media / "map.png").write_bytes(png())
    return site


def test_text_of_invisible_characters_only_is_told_as_missing(scratch_site) -> None:
    site = invisible_site(scratch_site)
    run = check(site)
    assert run.code == 1
    lines = run.stderr.splitlines()
    told = "\n".join(lines)
    assert any(line.startswith("content/en/2024/a.md:6: error: image: the release shows") for line in lines), told
    assert "content/en/2024/b.md:6: error: downloads: missing 'title'" in lines, told
    assert any(
        line.startswith("content/en/2024/a.md:11: warning: image '/media/2024/map.png' has no alt") for line in lines
    ), told
    assert "content/partners/quebec.yaml:1: error: name: missing the 'en' text" in lines, told
    assert "content/en/2024/c.md:5: error: contact.name.en: expected text" in lines, told
