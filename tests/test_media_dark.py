"""Dark-mode variants of images: ``NAME.dark.EXT`` beside ``NAME.EXT`` (or beside a language's
``NAME.<lang>.EXT``) is what readers whose system is in dark mode see, as lead image, in a body
and in list thumbnails; a variant only some languages have is warned about."""

from __future__ import annotations

import re
import shutil

from .conftest import ScratchSite
from .test_body_pack import read_tree
from .test_media_site import output_image, png, put, release

BODY = '![Karte](/media/map.png "Die Route")\n\nText.'
# On screens only: print shows the light picture.
DARK_SOURCE = re.compile(
    r'<source media="screen and \(prefers-color-scheme: dark\)" type="([^"]+)" srcset="([^"]+)"[^>]*>'
)


def files(body: str = BODY) -> dict[str, str]:
    lead = "image:\n  file: lead.png\n  alt: {}\n"
    return {
        "content/de/2024/route.md": release("Route", "date: 2024-05-01\n" + lead.format("Karte der Route"), body),
        "content/ja/2024/route.md": release("ルート", lead.format("ルートの地図"), body.replace("Karte", "地図")),
        "content/en/2024/route.md": release("Route", lead.format("Map of the route"), body.replace("Karte", "Map")),
    }


def near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    """Whether a pixel of a (lossy) rendition shows ``colour``."""
    return all(abs(a - b) <= 8 for a, b in zip(pixel[:3], colour, strict=True))


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_dark_variants_come_first_in_every_format_and_only_where_a_file_exists(scratch_site):
    site = scratch_site(files())
    light, dark, japanese, japanese_dark = (250, 250, 240), (20, 24, 30), (240, 250, 250), (10, 30, 40)
    put(
        site,
        {
            "lead.png": png(light),
            "lead.dark.png": png(dark, (900, 600)),
            "lead.ja.png": png(japanese),
            "lead.ja.dark.png": png(japanese_dark),
            "map.png": png(light),
        },
    )
    run = site.build()
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr, run.stderr
    for lang, colour in (("de", dark), ("en", dark), ("ja", japanese_dark)):
        html = site.page(f"/{lang}/releases/2024/route/").html
        lead, body = pictures(html)[:2]
        # Dark sources first (the browser takes the first that matches), in AVIF, WebP and PNG.
        types = [kind for kind, _ in DARK_SOURCE.findall(lead)]
        assert types == ["image/avif", "image/webp", "image/png"]
        assert lead.index("prefers-color-scheme") < lead.index('<source type="image/avif"')
        for _, srcset in DARK_SOURCE.findall(lead):
            for url in re.findall(r"(/media/[^ ]+) \d+w", srcset):
                assert near(output_image(site, url).getpixel((3, 3)), colour)
        light_src = re.search(r'<img src="([^"]+)"', lead).group(1)
        assert not near(output_image(site, light_src).getpixel((3, 3)), colour)
        if lang != "ja":  # its own size: the browser sizes the box by the source it picks
            assert 'width="900" height="600">' in DARK_SOURCE.search(lead).group(0)
        assert "prefers-color-scheme" not in body  # map.png has no dark variant
        assert 'alt="' in lead and lead.count("<img") == 1
    thumbnail = re.search(r'<div class="card-thumbnail">(.*?)</div>', site.page("/de/releases/").html, re.S).group(1)
    assert len(DARK_SOURCE.findall(thumbnail)) == 3


def test_a_dark_variant_some_languages_lack_is_warned_once(scratch_site):
    site = scratch_site(files())
    put(site, {"lead.png": png((250, 250, 240)), "lead.ja.png": png((240, 250, 250)), "map.png": png((9, 9, 9))})
    put(site, {"lead.dark.png": png((20, 24, 30))})
    run = site.run("check", "--source", str(site.root))
    assert run.code == 0, run.stderr
    warned = [line for line in run.stderr.splitlines() if "dark mode" in line]
    assert len(warned) == 1, run.stderr  # once, though three versions show the image
    assert warned[0].startswith("content/media/lead.dark.png:")
    assert "pages in ja" in warned[0] and "lead.ja.dark.png" in warned[0]
    # Given its own, every language has one and nothing is said.
    put(site, {"lead.ja.dark.png": png((10, 30, 40))})
    assert "dark mode" not in site.run("check", "--source", str(site.root)).stderr


def test_a_path_with_dots_to_an_image_with_a_dark_variant_is_one_mistake(scratch_site):
    """The path was said where it is written, and again as a dark variant at line 0 of a path
    with '..' in it."""
    site = scratch_site(files(BODY.replace("/media/map.png", "/media/sub/../map.png")))
    put(site, {"lead.png": png((250, 250, 240)), "map.png": png((9, 9, 9)), "map.dark.png": png((1, 1, 1))})
    put(site, {"sub/other.png": png((9, 9, 9))})

    run = site.run("check", "--source", str(site.root))

    assert run.code == 1
    said = [line for line in run.stderr.splitlines() if ": error: " in line]
    assert said == [
        f"content/{lang}/2024/route.md:{line}: error: 'sub/../map.png' is not a path under content/media/:"
        " write it like 2024/photo.jpg"
        for lang, line in (("de", 9), ("en", 8), ("ja", 8))
    ], run.stderr


def test_a_dark_variant_of_no_image_used_is_not_published(scratch_site):
    site = scratch_site(files())
    put(site, {"lead.png": png((250, 250, 240)), "map.png": png((9, 9, 9)), "other.dark.png": png((1, 1, 1))})
    run = site.build()
    assert run.code == 0
    assert re.search(r"content/media/other\.dark\.png:\d+: warning: not used by any release", run.stderr), run.stderr
    assert not list(site.output.glob("media/other*"))


def test_adding_and_removing_a_dark_variant_rebuilds_as_a_build_from_nothing_would(scratch_site, tmp_path):
    site = scratch_site(files())
    put(site, {"lead.png": png((250, 250, 240)), "map.png": png((200, 200, 200))})
    assert site.build().code == 0
    put(site, {"map.dark.png": png((30, 30, 30))})
    assert site.build().code == 0
    html = site.page("/en/releases/2024/route/").html
    assert len(DARK_SOURCE.findall(pictures(html)[1])) == 3  # the body's map, from the body cache's replay

    # The same bytes as a build of the same files with no cache and no earlier output.
    fresh = ScratchSite(tmp_path / "fresh", tmp_path / "cold")
    shutil.copytree(site.root, fresh.root, ignore=shutil.ignore_patterns(".pressroom-cache"))
    assert fresh.build().code == 0
    assert read_tree(site.output) == read_tree(fresh.output)

    (site.root / "content" / "media" / "map.dark.png").unlink()
    assert site.build().code == 0
    assert "prefers-color-scheme" not in pictures(site.page("/en/releases/2024/route/").html)[1]
    assert not list(site.output.glob("media/map.dark.*"))
