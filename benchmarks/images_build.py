"""Builds with images: pressroom against Hugo's image processing on the same generated photos.

The corpus is ``corpus.py``'s, with ``--images N`` lead photos (seeded, JPEG). Both tools make
what pressroom makes of a lead image: 480, 960 and 1600 pixels wide (never upscaled) in AVIF,
WebP and JPEG, and a 1200×630 cut for shared links (Hugo: ``hugo-layouts/_partials/
lead-image.html``, the media folder mounted as Hugo assets). Measured, one run each:

- **cold**: no output, no cache (pressroom's ``.pressroom-cache/``, Hugo's ``resources/`` and
  cache folder removed first);
- **one photo changed**: the same build again after one photo was replaced, caches kept.

The photos default to 2000×1333 pixels, the size a press office uploads for the web (not a
camera's 6000×4000): every build makes the same 1600-pixel-wide renditions either way, and
drawing 1,000 camera-size pictures would take longer than building them. Photos are kept in
``benchmarks/.work/photos/`` between runs (``--prepare`` only draws them), so a second run
spends no time drawing.

Usage: ``python benchmarks/images_build.py [--releases 1000] [--images 1000] [--image-size 2000x1333]
[--prepare]``. Prints a Markdown table (each row also to stderr as soon as its build ends, so an
interrupted run keeps what it measured); logs in ``WORKDIR/logs/``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import corpus
import others
from measuring import Sample, measure, progress
from pressroom_builds import PROJECT, pressroom_steps


def _remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def _row(name: str, sample: Sample, hugo: Sample | None, files: int, alone: bool = False) -> str:
    ratio = "–" if alone else f"{sample.wall_s / hugo.wall_s:.2f}×" if hugo else "1.00×"
    return (
        f"| {name} | {sample.wall_s:.1f} | {ratio} | {sample.cpu_s:.1f} | {sample.peak_rss_kib / 1024:.0f}"
        f" | {sample.max_processes} | {files} |"
    )


def _count(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--image-size", default="2000x1333")
    parser.add_argument("--prepare", action="store_true", help="only draw the photos into the photo cache")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.image_size.split("x"))
    work = args.workdir or PROJECT / "benchmarks" / ".work" / f"images-n{args.releases}-i{args.images}"
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    root, hugo_site = work / "corpus", work / "hugo-site"
    cache = PROJECT / "benchmarks" / ".work" / "photos"
    if args.prepare:
        for number in range(args.images):
            corpus.write_photo(work / "prepare", number, args.seed, size, cache=cache)  # type: ignore[arg-type]
        corpus.write_photo(work / "prepare", 0, args.seed, size, variant=1, cache=cache)  # type: ignore[arg-type]
        _remove(work / "prepare")
        return 0
    progress(f"generating {args.releases} releases with {args.images} photos of {args.image_size}")
    made = corpus.generate(root, args.releases, args.seed, images=args.images, image_size=size, photo_cache=cache)  # type: ignore[arg-type]
    others.make_hugo_site(root, hugo_site)
    with (hugo_site / "hugo.toml").open("a", encoding="utf-8") as config:
        config.write(
            f'\n[[module.mounts]]\n  source = "{(root / "content" / "media").resolve()}"\n  target = "assets/media"\n'
        )
    out_p, out_h, hugo_cache = work / "out-pressroom", work / "out-hugo", work / "hugo-cache"
    hugo = [
        others.Step(
            [
                str(others.hugo_binary()),
                *("--source", str(hugo_site), "--destination", str(out_h), "--cacheDir", str(hugo_cache)),
                *("--noBuildLock", "--quiet"),
            ]
        )
    ]
    results: list[tuple[str, Sample, str, Path]] = []
    loads = [os.getloadavg()]

    def run(name: str, steps: list[others.Step], log: str, tool: str, out: Path) -> None:
        sample = measure(steps, logs / log)
        results.append((name, sample, tool, out))
        loads.append(os.getloadavg())
        progress(f"{_row(name, sample, None, _count(out), alone=True)}  (load average {loads[-1][0]:.1f})")

    progress("pressroom, cold")
    _remove(out_p, root / ".pressroom-cache")
    pressroom = pressroom_steps(root, out_p, "--no-search")
    run("pressroom --no-search, cold", pressroom, "p-cold.log", "p", out_p)
    progress("hugo, cold")
    _remove(out_h, hugo_site / "resources", hugo_cache)
    run("hugo, cold", hugo, "h-cold.log", "h", out_h)
    corpus.write_photo(root, 0, args.seed, size, variant=1, cache=cache)  # type: ignore[arg-type]
    progress("pressroom, one photo changed")
    run("pressroom --no-search, one photo changed", pressroom, "p-one.log", "p", out_p)
    progress("hugo, one photo changed")
    run("hugo, one photo changed", hugo, "h-one.log", "h", out_h)

    print(
        f"Corpus: {corpus.describe(made)}; {args.images} photos of {args.image_size} (JPEG q92, seeded); "
        f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; one run each; 1-minute load average "
        f"{', '.join(f'{load[0]:.1f}' for load in loads)} (before and after each build)."
    )
    print()
    print("| build | wall s | time × Hugo | CPU s | peak RSS MiB | processes | output files |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    hugo_of = {"cold": results[1][1], "one": results[3][1]}
    for name, sample, tool, out in results:
        print(_row(name, sample, None if tool == "h" else hugo_of["cold" if "cold" in name else "one"], _count(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
