"""Reading the words off a screenshot (issue 14, item 7): is an offline OCR engine good
enough to propose an incident's excerpt?

Draws N phone-sized screenshots of posts (Pillow: 780×1688, a phone's 390×844 points at 2×)
with known text — different fonts and sizes, light and dark mode, names with accents,
symbols standing in for emoji — runs the engine on each, and prints the character accuracy
(1 − edit distance / length, over the post's text with spaces squeezed) and the time per
image. The excerpt must be exact, so the bar is 95%.

    .venv/bin/python -m benchmarks.ocr_screenshots [--images 50] [--seed 2021]

Engines: the ``tesseract`` command (apt-get install tesseract-ocr), run one image at a
time on one thread (OMP_THREAD_LIMIT=1) so it shares a small machine politely. Not part of
``python -m benchmarks``: it needs the engine, which the app does not.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
FACES = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "DejaVuSans-Bold.ttf",
         "DejaVuSansMono.ttf")
SIZES = (26, 30, 34, 40)  # pixels at 2×: 13 to 20 points, as apps show posts
NAMES = ("Zoë Okafor", "Gareth Smith", "Łucja Nowak", "Mr Ćwik", "Siobhán Kelly", "Dana Whitfield")
WORDS = ("the", "school", "trip", "was", "a", "shambles", "teacher", "never", "listens",
         "Year 4", "parents", "meeting", "disgusting", "complain", "again", "head",
         "useless", "lazy", "office", "why", "children", "today", "won't", "nobody")
SYMBOLS = ("☹", "♥", "★", "✓", "☺", "!!", "??", "😡")  # the last has no glyph in DejaVu


def post_text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(14, 40))]
    words.insert(rng.randrange(len(words)), rng.choice(NAMES))
    if rng.random() < 0.6:
        words.append(rng.choice(SYMBOLS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice((".", "!", "", " #AvenuePrimary"))


def faces() -> tuple[str, ...]:
    """The faces this machine has (fonts-dejavu-core lacks the condensed one, which
    fonts-dejavu-extra brings): the tests draw with this generator on a clean machine."""
    return tuple(face for face in FACES if (FONTS / face).is_file()) or ("DejaVuSans.ttf",)


def draw(text: str, rng: random.Random, path: Path) -> None:
    dark = rng.random() < 0.4
    face = ImageFont.truetype(str(FONTS / rng.choice(faces())), rng.choice(SIZES))
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 24)
    background, ink, muted = (("#18191a", "#e4e6eb", "#b0b3b8") if dark
                              else ("#ffffff", "#050505", "#65676b"))
    image = Image.new("RGB", (780, 1688), background)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 780, 120), fill="#242526" if dark else "#f0f2f5")  # the app's bar
    pen.ellipse((40, 170, 120, 250), fill="#3a3b3c" if dark else "#d8dadf")  # an avatar
    pen.text((140, 180), "@angrymum_av", font=small, fill=ink)
    pen.text((140, 214), "3 h · Avenue Parents", font=small, fill=muted)
    lines, line = [], ""
    for word in text.split(" "):  # wrapped to the screen, as the app wraps it
        trial = f"{line} {word}".strip()
        if pen.textlength(trial, font=face) > 700 and line:
            lines.append(line)
            line = word
        else:
            line = trial
    lines.append(line)
    y = 290
    for line in lines:
        pen.text((40, y), line, font=face, fill=ink)
        y += int(face.size * 1.45)
    pen.text((40, y + 30), "👍 12   💬 4 comments", font=small, fill=muted)
    image.save(path)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(truth: str, read: str) -> float:
    truth, read = " ".join(truth.split()), " ".join(read.split())
    return max(0.0, 1 - edit_distance(truth, read) / len(truth))


def tesseract(path: Path, psm: str = "6") -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(["tesseract", str(path), "-", "-l", "eng", "--psm", psm],
                          capture_output=True, text=True, env=env, check=True)
    return done.stdout


def the_post(read: str, truth_first_word: str) -> str:
    """The post's words from what was read: from its first word to before the reactions
    line (the header's account name and time are not the excerpt). Generous to the engine:
    a real screen would need this guessed."""
    lines = read.splitlines()
    start = next((n for n, line in enumerate(lines) if truth_first_word in line), 0)
    end = next((n for n, line in enumerate(lines) if "comments" in line), len(lines))
    return " ".join(lines[start:end])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--psm", default="6", help="Tesseract's page layout (the app: 3)")
    args = parser.parse_args(argv)
    if shutil.which("tesseract") is None:
        print("No OCR engine: apt-get install tesseract-ocr (or see docs/performance.md).")
        return 0
    rng = random.Random(args.seed)
    scores, times, dark_scores, light_scores = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.images):
            text = post_text(rng)
            path = Path(folder) / f"post-{n:03d}.png"
            draw(text, rng, path)
            started = time.perf_counter()
            read = tesseract(path, args.psm)
            times.append(time.perf_counter() - started)
            score = accuracy(text, the_post(read, text.split()[0]))
            scores.append(score)
            dark = Image.open(path).getpixel((400, 1600))[0] < 100
            (dark_scores if dark else light_scores).append(score)
    version = subprocess.run(["tesseract", "--version"], capture_output=True,
                             text=True).stdout.splitlines()[0]
    exact = sum(s == 1.0 for s in scores)
    print(f"{version}, --psm {args.psm}, {args.images} screenshots (seed {args.seed})")
    print(f"character accuracy: mean {statistics.mean(scores):.1%}, median "
          f"{statistics.median(scores):.1%}, worst {min(scores):.1%}; exact {exact}/{len(scores)}")
    print(f"  light mode {statistics.mean(light_scores):.1%} ({len(light_scores)}), dark mode "
          f"{statistics.mean(dark_scores):.1%} ({len(dark_scores)})")
    print(f"time per image: median {statistics.median(times) * 1000:.0f} ms, "
          f"slowest {max(times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
