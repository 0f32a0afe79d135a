"""Measure the imaging libraries pressroom could use: Pillow against pyvips (libvips binary wheels).

The job measured is the one a build does for each photo an editor adds: decode a camera-sized
JPEG, resize it to a few widths and encode each width as AVIF, WebP and JPEG. The photos are
generated (seeded, so every run sees the same pixels): smooth sky-like gradients, hard edges,
texture and sensor grain, so that encoders work as hard as on a real photo and not on a flat
test card.

For each library and photo it records wall time and CPU time (all threads; the build runs one
worker per core, so CPU seconds are what a busy build pays), the bytes of each format, and the
PSNR of each encoded width against the same library's unencoded resize, so that the sizes are
compared at a like quality.

Usage: ``python benchmarks/imaging.py [--photos 4] [--size 3000x2000] [--widths 480,960,1600]
[--avif-speed 8] [--threads 1]``.
Needs ``pip install pillow 'pyvips[binary]'``; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from photos import photo
from PIL import Image, ImageChops, ImageStat

QUALITY = {"avif": 60, "webp": 80, "jpeg": 82}
"""Nominal quality per format, the same number given to both libraries."""
AVIF_SPEED = 8
"""libaom speed for both (Pillow's ``speed``; libvips' ``effort`` is 9 minus it); ``--avif-speed``."""


def psnr(a: Image.Image, b: Image.Image) -> float:
    mse = statistics.fmean(v**2 for v in ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).rms)
    return 99.0 if mse == 0 else 20 * math.log10(255 / math.sqrt(mse))


@dataclass
class Run:
    wall: float
    cpu: float
    sizes: dict[str, int]
    psnrs: dict[str, float]


def with_pillow(data: bytes, widths: list[int], speed: int) -> tuple[dict[str, bytes], dict[int, Image.Image]]:
    threads = int(os.environ["VIPS_CONCURRENCY"])
    outputs: dict[str, bytes] = {}
    refs: dict[int, Image.Image] = {}
    with Image.open(io.BytesIO(data)) as im:
        im.draft("RGB", (max(widths), round(max(widths) * im.height / im.width)))  # DCT scaling when it fits
        im = im.convert("RGB")
        for w in widths:
            h = round(im.height * w / im.width)
            small = im.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
            refs[w] = small
            for fmt in ("avif", "webp", "jpeg"):
                buf = io.BytesIO()
                if fmt == "avif":
                    small.save(buf, "AVIF", quality=QUALITY[fmt], speed=speed, max_threads=threads)
                elif fmt == "webp":
                    small.save(buf, "WEBP", quality=QUALITY[fmt], method=4)
                else:
                    small.save(buf, "JPEG", quality=QUALITY[fmt], optimize=True, progressive=True)
                outputs[f"{fmt}-{w}"] = buf.getvalue()
    return outputs, refs


def with_vips(data: bytes, widths: list[int], speed: int) -> tuple[dict[str, bytes], dict[int, Image.Image]]:
    import pyvips  # the benchmark runs without pyvips installed, then skips this library

    outputs: dict[str, bytes] = {}
    refs: dict[int, Image.Image] = {}
    for w in widths:
        # thumbnail_buffer uses shrink-on-load and a Lanczos3 reduce: libvips' own fast path
        small = pyvips.Image.thumbnail_buffer(data, w, height=100_000, size="down")
        small = small.copy_memory()
        refs[w] = Image.frombytes("RGB", (small.width, small.height), small.write_to_memory())
        outputs[f"avif-{w}"] = small.heifsave_buffer(Q=QUALITY["avif"], compression="av1", effort=9 - speed, strip=True)
        outputs[f"webp-{w}"] = small.webpsave_buffer(Q=QUALITY["webp"], effort=4, strip=True)
        outputs[f"jpeg-{w}"] = small.jpegsave_buffer(
            Q=QUALITY["jpeg"], optimize_coding=True, interlace=True, strip=True
        )
    return outputs, refs


def measure(fn: Callable, data: bytes, widths: list[int], speed: int) -> Run:
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    outputs, refs = fn(data, widths, speed)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    sizes: dict[str, int] = {}
    psnrs: dict[str, list[float]] = {}
    for key, blob in outputs.items():
        fmt, w = key.split("-")
        sizes[fmt] = sizes.get(fmt, 0) + len(blob)
        with Image.open(io.BytesIO(blob)) as decoded:
            psnrs.setdefault(fmt, []).append(psnr(decoded, refs[int(w)]))
    return Run(wall, cpu, sizes, {k: statistics.fmean(v) for k, v in psnrs.items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--size", default="3000x2000")
    parser.add_argument("--widths", default="480,960,1600")
    parser.add_argument("--avif-speed", type=int, default=AVIF_SPEED, help=f"libaom speed 0-9 (default {AVIF_SPEED})")
    parser.add_argument("--threads", type=int, default=1, help="threads each library may use (default 1)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    widths = [int(v) for v in args.widths.split(",")]
    os.environ["VIPS_CONCURRENCY"] = str(args.threads)

    libraries: dict[str, Callable] = {"Pillow": with_pillow}
    versions = {"Pillow": Image.__version__}
    try:
        import pyvips

        pyvips.cache_set_max(0)  # every photo decoded afresh, as in a build
        pyvips.concurrency_set(args.threads)
        libraries["pyvips"] = with_vips
        libvips = ".".join(str(pyvips.version(i)) for i in range(3))
        versions["pyvips"] = f"{pyvips.__version__} (libvips {libvips})"
    except ImportError:
        pass

    photos = [photo(seed, width, height) for seed in range(args.photos)]
    for fn in libraries.values():  # warm up: load codecs once, outside the timing
        fn(photos[0], widths[:1], args.avif_speed)
    runs: dict[str, list[Run]] = {name: [] for name in libraries}
    for data in photos:
        for name, fn in libraries.items():  # interleaved, so a drift of the host hits both
            runs[name].append(measure(fn, data, widths, args.avif_speed))

    print(
        f"{args.photos} photos of {width}×{height} (JPEG q92, {sum(map(len, photos)) // args.photos // 1024} KiB on"
        f" average), widths {', '.join(map(str, widths))}; AVIF q{QUALITY['avif']} speed {args.avif_speed}, WebP"
        f" q{QUALITY['webp']}, JPEG q{QUALITY['jpeg']} progressive; {args.threads} thread(s);"
        f" {os.cpu_count()} CPUs; Python {platform.python_version()}; "
        + "; ".join(f"{k} {v}" for k, v in versions.items())
    )
    print()
    print("| library | wall s per photo | CPU s per photo | AVIF KiB | WebP KiB | JPEG KiB | PSNR dB AVIF/WebP/JPEG |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, rs in runs.items():
        kib = {fmt: statistics.fmean(r.sizes[fmt] for r in rs) / 1024 for fmt in QUALITY}
        ps = {fmt: statistics.fmean(r.psnrs[fmt] for r in rs) for fmt in QUALITY}
        print(
            f"| {name} | {statistics.median(r.wall for r in rs):.2f} | {statistics.median(r.cpu for r in rs):.2f}"
            f" | {kib['avif']:.0f} | {kib['webp']:.0f} | {kib['jpeg']:.0f}"
            f" | {ps['avif']:.1f} / {ps['webp']:.1f} / {ps['jpeg']:.1f} |"
        )


if __name__ == "__main__":
    main()
