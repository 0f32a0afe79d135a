"""Photo-like JPEGs made from a seed, for the image benchmarks (`imaging.py`, `corpus.py --images`).

Smooth sky-like gradients, hard edges in many colours, texture and sensor grain: encoders work
as hard on them as on a real photo, not as on a flat test card.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def photo(seed: int, width: int, height: int) -> bytes:
    """A photo-like JPEG (quality 92, as cameras write them) made from a seed."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height))
    base = Image.merge(
        "RGB",
        (
            sky.point(lambda v: 90 + v // 3),
            sky.point(lambda v: 120 + v // 4),
            sky.point(lambda v: 200 - v // 3),
        ),
    )
    draw = ImageDraw.Draw(base)
    for _ in range(60):  # buildings, people, banners: hard edges in many colours
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        w, h = rng.randrange(8, max(9, width // 5)), rng.randrange(8, max(9, height // 3))
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.rectangle((x, y, x + w, y + h), fill=colour)
        else:
            draw.ellipse((x, y, x + w, y + h), fill=colour)
    base = base.filter(ImageFilter.GaussianBlur(1.2))
    # Noise from the seeded generator (Pillow's effect_noise draws from C's unseeded rand()).
    small = (max(1, width // 8), max(1, height // 8))
    texture = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize((width, height), Image.BICUBIC)
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).point(lambda v: 116 + v * 24 // 255)
    base = Image.blend(base, Image.merge("RGB", (texture, texture, texture)), 0.18)
    base = ImageChops.add(base, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)
    out = io.BytesIO()
    base.save(out, "JPEG", quality=92)
    return out.getvalue()
