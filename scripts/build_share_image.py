"""Build the site's default share image and its logo for structured data, from our wordmark.

Run by hand when the wordmark or the name changes (never at request time):

    .venv/bin/python scripts/build_share_image.py

Draws the wordmark of static/img/wordmark.svg (two rings, the white one over the yellow one at
the bottom) with Pillow shapes, beside the site's name in DejaVu Sans Bold (fonts-dejavu-core),
and writes static/img/share-default.png (1200 × 630, what Open Graph and Twitter cards show for
a page without an image of its own) and static/img/logo.png (512 × 512, the Organization's
logo in the JSON-LD). Both are committed.
"""

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NAME = "Symbiose Hillerød"
TAGLINE = "Ressourcer, der bruges bedre"  # the network's aim, in Danish like the site
SCALE = 4  # drawn this much larger, then reduced: smooth edges

# The site's colours (static/css/site.css).
BRAND_DARK = "#073f47"
ACCENT = "#ffbf47"
WHITE = "#ffffff"
TINT = "#eef5f6"


def ring(draw, centre, radius, width, colour, unit):
    # SVG strokes are centred on the circle; Pillow draws an outline inwards from its box.
    x, y = centre
    outer = radius + width / 2
    box = [(x - outer) * unit, (y - outer) * unit, (x + outer) * unit, (y + outer) * unit]
    draw.ellipse(box, outline=colour, width=round(width * unit))


def wordmark(draw, origin, unit):
    """The wordmark (viewBox 44 × 30) with its top left corner at origin, `unit` pixels per
    viewBox unit."""
    ox, oy = origin

    def at(x, y):
        return (ox / unit + x, oy / unit + y)

    ring(draw, at(15, 15), 11, 4, WHITE, unit)
    ring(draw, at(29, 15), 11, 4, ACCENT, unit)
    # Where the rings cross at the bottom the white one passes over the yellow one: its arc
    # from (24.01, 21.31) to (19.65, 24.97), outlined in the background colour first.
    start = math.degrees(math.atan2(21.31 - 15, 24.01 - 15))
    end = math.degrees(math.atan2(24.97 - 15, 19.65 - 15))
    cx, cy = at(15, 15)
    box = [(cx - 11) * unit, (cy - 11) * unit, (cx + 11) * unit, (cy + 11) * unit]
    for colour, width in ((BRAND_DARK, 7), (WHITE, 4)):
        # Centred on the circle, like the SVG's stroke (see ring()).
        grow = width / 2 * unit
        draw.arc(
            [box[0] - grow, box[1] - grow, box[2] + grow, box[3] + grow],
            start,
            end,
            fill=colour,
            width=round(width * unit),
        )


def share_image():
    width, height = 1200, 630
    image = Image.new("RGB", (width * SCALE, height * SCALE), BRAND_DARK)
    draw = ImageDraw.Draw(image)
    unit = 8 * SCALE  # the wordmark 352 × 240 px
    wordmark(draw, (96 * SCALE, 195 * SCALE), unit)
    name = ImageFont.truetype(FONT, 64 * SCALE)
    tagline = ImageFont.truetype(FONT, 34 * SCALE)
    draw.text((490 * SCALE, 330 * SCALE), NAME, font=name, fill=WHITE, anchor="ls")
    draw.text((492 * SCALE, 400 * SCALE), TAGLINE, font=tagline, fill=TINT, anchor="ls")
    draw.rectangle([0, (height - 16) * SCALE, width * SCALE, height * SCALE], fill=ACCENT)
    return image.resize((width, height), Image.LANCZOS)


def logo():
    size = 512
    image = Image.new("RGB", (size * SCALE, size * SCALE), BRAND_DARK)
    draw = ImageDraw.Draw(image)
    unit = 10 * SCALE  # 440 × 300 px
    wordmark(draw, (36 * SCALE, 106 * SCALE), unit)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    share_image().save(STATIC / "share-default.png", optimize=True)
    logo().save(STATIC / "logo.png", optimize=True)
    sys.stdout.write(f"wrote {STATIC / 'share-default.png'} and {STATIC / 'logo.png'}\n")
