"""Makes the guide's screenshots small enough to keep in git: 256 colours, no dithering.

``python -m avenue_desk.ui.screenshots.shrink docs/images/*.png`` rewrites each file in
place. A screen of flat colours and text loses nothing visible (checked by eye on every
screen) and shrinks to about 40% (a 1366×768 list is about 100 KB instead of 250 KB). Used
by ``make docs``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image


def shrink(path: Path) -> tuple[int, int]:
    before = path.stat().st_size
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, "PNG", optimize=True)
    return before, path.stat().st_size


if __name__ == "__main__":
    total = [0, 0]
    for name in sys.argv[1:]:
        before, after = shrink(Path(name))
        total[0] += before
        total[1] += after
    print(f"{len(sys.argv) - 1} images: {total[0] // 1024:,} KB -> {total[1] // 1024:,} KB")
