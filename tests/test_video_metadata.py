"""A video or sound recording offered as a download (MP4, MOV, M4A) is published without where
it was filmed: its metadata boxes are published as ``free`` boxes of zeros, a GPS track's
samples zeroed, every other byte as it was. One whose boxes do not add up is refused."""

from __future__ import annotations

import random
import re

import pytest

from pressroom.output import mediafiles
from pressroom.source.isomedia import IsoMediaError, metadata_blanks

from .damage import SIZE_FIELDS, damaged
from .pdfs import pdf_document
from .test_media_site import put, release

WHERE = b"+48.7758+009.1829/"
"""Where the video was filmed, as ISO 6709 writes it (Stuttgart)."""


def box(kind: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def full(kind: bytes, *parts: bytes) -> bytes:
    return box(kind, b"\0\0\0\0", *parts)


def handler(kind: bytes) -> bytes:
    return full(b"hdlr", b"\0\0\0\0", kind, bytes(12), b"Handler\0")


def sample_table(offset: int, sizes: list[int]) -> bytes:
    """One chunk at ``offset`` holding samples of ``sizes``."""
    stsc = full(b"stsc", (1).to_bytes(4, "big"), b"".join(n.to_bytes(4, "big") for n in (1, len(sizes), 1)))
    stsz = full(b"stsz", bytes(4), len(sizes).to_bytes(4, "big"), b"".join(n.to_bytes(4, "big") for n in sizes))
    stco = full(b"stco", (1).to_bytes(4, "big"), offset.to_bytes(4, "big"))
    return box(b"stbl", full(b"stsd", bytes(4)), stsc, stsz, stco)


def track(kind: bytes, offset: int, sizes: list[int], *extra: bytes) -> bytes:
    minf = box(b"minf", sample_table(offset, sizes))
    return box(b"trak", full(b"tkhd", bytes(80)), box(b"mdia", full(b"mdhd", bytes(20)), handler(kind), minf), *extra)


FRAMES = b"\x00\x00\x00\x10H.264 frame one" + b"\x00\x00\x00\x10H.264 frame two"
GPS_SAMPLES = [b"GPS " + WHERE, b"GPS +48.7759+009.1830/"]


def phone_video(fragmented: bool = False, typed: bool = True) -> bytes:
    """An MP4 as a phone or an action camera writes it: a video track, a GPS track, Apple's
    ``©xyz`` and location key, XMP, then the media data (whose offsets the tracks name). Not
    ``typed``: an older QuickTime movie, which begins with its movie box."""
    ftyp = box(b"ftyp", b"isom", bytes(4), b"isomiso2avc1mp41") if typed else b""
    packet = b"<exif:GPSLatitude>48,46.5N</exif:GPSLatitude>"
    xmp = box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac"), packet) if typed else b""

    def movie(data_at: int) -> bytes:
        video = track(b"vide", data_at, [len(FRAMES) // 2] * 2, box(b"udta", box(b"name", b"Camera 1")))
        gps_at = data_at + len(FRAMES)
        gps = track(b"meta", gps_at, [len(sample) for sample in GPS_SAMPLES])
        keys = full(b"keys", (1).to_bytes(4, "big"), box(b"mdta", b"com.apple.quicktime.location.ISO6709"))
        ilst = box(b"ilst", box((1).to_bytes(4, "big"), box(b"data", bytes(8), WHERE)))
        meta = full(b"meta", handler(b"mdta"), keys, ilst)
        udta = box(b"udta", box(b"\xa9xyz", b"\x00\x12\x15\xc7", WHERE), box(b"\xa9mak", b"PhoneMaker"))
        more = box(b"mvex", full(b"trex", bytes(20))) if fragmented else b""
        return box(b"moov", full(b"mvhd", bytes(96)), video, gps, more, meta, udta)

    head = len(ftyp) + len(xmp) + len(movie(0)) + 8
    return ftyp + xmp + movie(head) + box(b"mdat", FRAMES, *GPS_SAMPLES)


def top_boxes(data: bytes) -> list[bytes]:
    kinds, at = [], 0
    while at < len(data):
        kinds.append(data[at + 4 : at + 8])
        at += int.from_bytes(data[at : at + 4], "big")
    assert at == len(data)
    return kinds


def offering(scratch_site, files: dict[str, bytes]):
    listed = "".join(f"  - file: {name}\n    title: {name}\n" for name in files)
    site = scratch_site({"content/en/2024/visit.md": release("Visit", f"date: 2024-07-17\ndownloads:\n{listed}")})
    put(site, files)
    return site


def test_a_phone_video_is_published_without_where_it_was_filmed(scratch_site):
    video = phone_video()
    assert video.count(WHERE) == 3  # the location key, ©xyz and the GPS track's first sample
    site = offering(scratch_site, {"clip.mp4": video, "voice.m4a": video, "old.mov": phone_video(typed=False)})
    run = site.build()
    assert run.code == 0, run.stderr
    published = (site.output / "media/clip.mp4").read_bytes()
    assert len(published) == len(video)  # every offset the tracks hold is right, the size listed is the file's
    for secret in (WHERE, b"48.7759", b"GPSLatitude", b"PhoneMaker", b"Camera 1", b"location"):
        assert secret not in published, secret
    assert top_boxes(published) == [b"ftyp", b"free", b"moov", b"mdat"]
    assert published.startswith(video[: video.index(b"uuid") - 4])  # ftyp as it was
    assert FRAMES in published  # the pictures and sound as they were
    moov = published.index(b"moov") - 4
    assert published[moov + 8 : moov + 8 + 104] == video[moov + 8 : moov + 8 + 104]  # mvhd
    video_track = published.index(b"trak") - 4
    assert published.index(b"vide") > video_track  # the video's track stays; its udta is now free
    assert (site.output / "media/voice.m4a").read_bytes() == published
    old = (site.output / "media/old.mov").read_bytes()
    assert top_boxes(old) == [b"moov", b"mdat"] and WHERE not in old
    page = site.page("/en/releases/2024/visit/").html
    item = re.search(r'<a href="/media/clip\.mp4" download>.*?</li>', page, re.S)
    assert item and "MP4" in item.group(0), page

    again = site.build()
    assert again.code == 0, again.stderr
    assert (site.output / "media/clip.mp4").read_bytes() == published

    elsewhere = phone_video().replace(WHERE, b"+35.4437+139.6380/")  # filmed again, in Yokohama
    put(site, {"clip.mp4": elsewhere})
    again = site.build()
    assert again.code == 0, again.stderr
    republished = (site.output / "media/clip.mp4").read_bytes()
    assert b"139.6380" not in republished and len(republished) == len(elsewhere)


def test_the_blanked_boxes_are_read_from_headers_and_sample_tables(tmp_path):
    video = phone_video()
    path = tmp_path / "clip.mp4"
    path.write_bytes(video)
    blanks = metadata_blanks(path)
    kinds = [video[blank.offset + 4 : blank.offset + 8] for blank in blanks if blank.header]
    assert kinds == [b"uuid", b"udta", b"trak", b"meta", b"udta"]
    samples = [video[blank.offset : blank.offset + blank.length] for blank in blanks if not blank.header]
    assert samples == [b"".join(GPS_SAMPLES)]
    assert all(blank.header[4:8] == b"free" for blank in blanks if blank.header)


DAMAGED = {
    "cut short": lambda video: video[:-5],
    "a box longer than the file": lambda video: (
        video[: video.rindex(b"mdat") - 4] + (1 << 30).to_bytes(4, "big") + video[video.rindex(b"mdat") :]
    ),
    "a box shorter than its header": lambda video: video.replace(
        (len(full(b"mvhd", bytes(96)))).to_bytes(4, "big") + b"mvhd", (4).to_bytes(4, "big") + b"mvhd"
    ),
    "a table of more entries than bytes": lambda video: video.replace(
        b"stsz" + bytes(8) + (2).to_bytes(4, "big"), b"stsz" + bytes(8) + (1 << 28).to_bytes(4, "big")
    ),
}


@pytest.mark.parametrize("how", DAMAGED)
def test_a_video_whose_boxes_do_not_add_up_is_refused_where_it_is_named(scratch_site, how):
    site = offering(scratch_site, {"clip.mp4": DAMAGED[how](phone_video())})
    run = site.build()
    assert run.code == 1, run.stderr
    assert re.search(
        r"content/en/2024/visit\.md:5: error: content/media/clip\.mp4 is (cut short|damaged)[^\n]*, so its metadata"
        r" \(where it was filmed, which phones write into it\) cannot be taken out and it is not offered as a"
        r" download: export it again",
        run.stderr,
    ), run.stderr
    assert "Traceback" not in run.stderr
    assert not (site.output / "media/clip.mp4").exists()


def fragment_first() -> bytes:
    """A video whose first fragment comes before its movie box."""
    video = phone_video()
    at = video.index(b"moov") - 4
    return video[:at] + box(b"moof", full(b"mfhd", bytes(4))) + video[at:]


@pytest.mark.parametrize("made", [lambda: phone_video(fragmented=True), fragment_first], ids=["mvex", "moof first"])
def test_a_gps_track_in_a_fragmented_video_is_refused(scratch_site, made):
    site = offering(scratch_site, {"clip.mp4": made()})
    run = site.build()
    assert run.code == 1, run.stderr
    assert (
        "content/media/clip.mp4 records a track of metadata over time (a camera's GPS course) in fragments, so its"
        " metadata (where it was filmed, which phones write into it) cannot be taken out" in run.stderr
    ), run.stderr
    assert "Traceback" not in run.stderr


def test_a_video_saved_again_during_the_build_stops_it_and_changes_nothing(scratch_site, monkeypatch):
    """Its metadata would be blanked where it no longer is: the build ends, the site as it was."""
    site = offering(scratch_site, {"clip.mp4": phone_video()})
    assert site.build().code == 0
    before = (site.output / "media/clip.mp4").read_bytes()
    downloads = "date: 2024-07-17\ndownloads:\n  - file: clip.mp4\n    title: clip\n"
    (site.root / "content/en/2024/visit.md").write_text(release("Visit again", downloads))
    put(site, {"left.pdf": pdf_document()})
    checked = mediafiles._still_as_loaded

    def saved_meanwhile(item):  # after loading, before the video is copied
        item.path.write_bytes(b"\0\0\0\x08free" + item.path.read_bytes())
        return checked(item)

    monkeypatch.setattr(mediafiles, "_still_as_loaded", saved_meanwhile)
    run = site.build()
    assert run.code == 1, run.stderr
    assert "content/media/clip.mp4:0: error: the file changed while the site was being built; build again" in run.stderr
    assert "content/media/left.pdf:" in run.stderr  # the run's other problems are said with it
    assert "Traceback" not in run.stderr
    assert (site.output / "media/clip.mp4").read_bytes() == before
    assert "Visit again" not in site.page("/en/releases/2024/visit/").html


def test_no_damage_to_a_video_ends_in_anything_but_the_editors_message(tmp_path):
    """Bytes changed, cut out or cut off anywhere: the boxes are read, each blank within the
    file, or the file is refused with a reason (`IsoMediaError`); never a traceback."""
    rng = random.Random(20)
    originals = [phone_video(), phone_video(fragmented=True), phone_video(typed=False)]
    path = tmp_path / "clip.mp4"
    refused = 0
    for _ in range(3000):
        video = damaged(rng, rng.choice(originals), SIZE_FIELDS)
        path.write_bytes(video)
        try:
            blanks = metadata_blanks(path)
        except IsoMediaError:
            refused += 1
            continue
        for blank in blanks:  # each within the file, a box's header of its own
            assert 0 <= blank.offset < blank.offset + blank.length <= len(video), blank
            assert blank.header in (b"", video[blank.offset : blank.offset + 4] + b"free" + blank.header[8:]), blank
            assert len(blank.header) in (0, 8, 16) and len(blank.header) <= blank.length, blank
    assert 1000 < refused < 3000  # the mutations reached both outcomes


def test_a_metadata_track_of_more_samples_than_cameras_write_is_refused_unread(tmp_path):
    """A crafted table of millions of samples would be held in memory, each chunk blanked."""
    samples = 1_000_001
    moov = box(b"moov", full(b"mvhd", bytes(96)), track(b"meta", 0, [0] * samples))
    path = tmp_path / "clip.mp4"
    path.write_bytes(box(b"ftyp", b"isom", bytes(4)) + moov + box(b"mdat", FRAMES))
    with pytest.raises(IsoMediaError, match=f"has a metadata track of {samples:,} entries at byte"):
        metadata_blanks(path)
