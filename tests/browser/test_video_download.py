"""A video offered as a download is published with its metadata blanked (where it was filmed):
Chromium plays the published file as it played the editor's, every frame there."""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import Page

from ..test_video_metadata import WHERE, box, full, top_boxes
from .conftest import OpenPage, build_offering, serve_static

RECORD = """async () => {
  const canvas = document.createElement('canvas');
  canvas.width = 160; canvas.height = 120;
  const drawing = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(25), {mimeType: 'video/mp4;codecs=avc1'});
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  recorder.start();
  for (let frame = 0; frame < 25; frame++) {
    drawing.fillStyle = `rgb(${frame * 10}, 120, 200)`;
    drawing.fillRect(0, 0, 160, 120);
    await new Promise((done) => setTimeout(done, 40));
  }
  recorder.stop();
  await new Promise((done) => (recorder.onstop = done));
  const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""

PLAY = """async (url) => {
  const video = document.createElement('video');
  video.muted = true;
  video.src = url;
  document.body.append(video);
  await new Promise((done, failed) => {
    video.onloadeddata = done;
    video.onerror = () => failed(video.error.message);
  });
  const ended = new Promise((done) => (video.onended = done));
  video.playbackRate = 4;
  await video.play();
  await ended;
  return {width: video.videoWidth, height: video.videoHeight, duration: video.duration,
          frames: video.getVideoPlaybackQuality().totalVideoFrames};
}"""


def recorded(page: Page) -> bytes:
    """A second of video as Chromium records it (a fragmented MP4), made here rather than kept."""
    page.set_content("<title>recording</title>")
    return base64.b64decode(page.evaluate(RECORD))


def with_location(video: bytes) -> bytes:
    """``video`` as a phone would have saved it: where it was filmed, in its movie box."""
    at = video.index(b"moov") - 4
    size = int.from_bytes(video[at : at + 4], "big")
    udta = box(b"udta", box(b"\xa9xyz", b"\x00\x12\x15\xc7", WHERE))
    meta = full(b"meta", box(b"keys", b"com.apple.quicktime.location.ISO6709"), box(b"ilst", WHERE))
    moov = (size + len(udta) + len(meta)).to_bytes(4, "big") + video[at + 4 : at + size] + udta + meta
    return video[:at] + moov + video[at + size :]


def played(page: Page, url: str) -> dict[str, float]:
    page.set_content("<title>playing</title>")
    return page.evaluate(PLAY, url)


def test_a_video_published_without_its_location_plays_as_the_editors_did(open_page: OpenPage, tmp_path: Path):
    page = open_page(width=800)
    video = with_location(recorded(page))
    assert video.count(WHERE) == 2
    built = build_offering(tmp_path, "clip.mp4", video, "The visit on video")
    published = (built / "media/clip.mp4").read_bytes()
    assert WHERE not in published and len(published) == len(video)
    assert top_boxes(published) == top_boxes(video)
    (built / "media/editors.mp4").write_bytes(video)
    with serve_static(built) as url:
        before = played(page, url + "media/editors.mp4")
        after = played(page, url + "media/clip.mp4")
    assert before["width"] == 160 and before["height"] == 120 and before["duration"] > 0.5, before
    assert after == before, (before, after)
