"""Build the launch explainer: "Hvad er en symbiose?", 56 seconds, no sound.

Run by hand when the story or the drawings change (never at request time, never by `make run`):

    .venv/bin/python scripts/build_explainer.py

It needs the development requirements (Pillow and imageio-ffmpeg, whose ffmpeg encodes) and
the DejaVu Sans font from Debian (fonts-dejavu-core). From the one list of scenes below it
draws every frame with Pillow, encodes them as MP4 (H.264), and writes the captions (WebVTT)
and the transcript in Danish and English with the same timing, plus a poster image. The
built files are committed in launch/media/, where load_launch_content finds them.
"""

import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageColor, ImageDraw, ImageFont

OUTPUT = Path(__file__).resolve().parent.parent / "launch" / "media"
NAME = "symbiose-forklaring"
WIDTH, HEIGHT, FPS = 960, 540, 12
MAX_BYTES = 2 * 1024 * 1024

# The site's colours (static/css/site.css).
INK = "#1b1f23"
MUTED = "#4a5560"
BRAND = "#0b5f6b"
BRAND_DARK = "#073f47"
PAPER = "#ffffff"
TINT = "#eef5f6"
WARM = "#ffbf47"
DIMENSIONS = [("Miljø", "#2e7d32"), ("Socialt", "#6a4c93"), ("Økonomisk", "#a65e00")]


@dataclass(frozen=True)
class Scene:
    seconds: float
    picture: str  # what the scene draws (see draw())
    da: str  # the caption, in Danish
    en: str  # the caption, in English
    da_picture: str  # what the picture shows, for the transcript
    en_picture: str


SCENES = [
    Scene(
        5,
        "title",
        "Hvad er en symbiose hos Symbiose Hillerød?",
        "What is a symbiosis at Symbiose Hillerød?",
        "Titlen »Hvad er en symbiose?«",
        "The title “What is a symbiosis?”",
    ),
    Scene(
        6,
        "parties",
        "En symbiose er en relation mellem to parter.",
        "A symbiosis is a relationship between two parties.",
        "Cirklerne »Part A« og »Part B« glider ind fra hver sin side.",
        "Two circles, “Party A” and “Party B”, slide in from either side.",
    ),
    Scene(
        6,
        "parties",
        "Parterne kan være borgere, foreninger, virksomheder, kommunen eller "
        "uddannelsesinstitutioner.",
        "The parties may be citizens, associations, companies, the municipality or "
        "educational institutions.",
        "De to parter står over for hinanden.",
        "The two parties face each other.",
    ),
    Scene(
        7,
        "resource",
        "Den ene part har en ressource, som den ikke selv udnytter fuldt ud: for eksempel "
        "varme, vand, materialer, lokaler eller viden.",
        "One party has a resource it does not use fully itself: heat, water, materials, "
        "premises or knowledge, for example.",
        "En kasse mærket »Ressource« dukker op ved Part A.",
        "A box labelled “Resource” appears next to Party A.",
    ),
    Scene(
        7,
        "transfer",
        "Den anden part kan bruge ressourcen. Sammen udnytter de den mere optimalt.",
        "The other party can use the resource. Together they use it better.",
        "Ressourcen bevæger sig ad en pil fra Part A til Part B, og Part B får et flueben.",
        "The resource travels along an arrow from Party A to Party B, and Party B gets a tick.",
    ),
    Scene(
        5,
        "dimensions",
        "Gevinsten kan være miljømæssig, social eller økonomisk – eller alle tre.",
        "The gain may be environmental, social or economic – or all three.",
        "Tre mærker vises under de to parter: »Miljø«, »Socialt« og »Økonomisk«.",
        "Three badges appear below the two parties: “Environment”, “Social” and “Economic”.",
    ),
    Scene(
        5,
        "dimension-0",
        "Miljø: færre ressourcer går til spilde.",
        "Environment: fewer resources go to waste.",
        "Mærket »Miljø« er fremhævet.",
        "The badge “Environment” is highlighted.",
    ),
    Scene(
        5,
        "dimension-1",
        "Socialt: for eksempel uddannelse, kompetencer, job eller grønne arealer til motion.",
        "Social: education, skills, jobs or green spaces for exercise, for example.",
        "Mærket »Socialt« er fremhævet.",
        "The badge “Social” is highlighted.",
    ),
    Scene(
        5,
        "dimension-2",
        "Økonomisk: en bedre business case for begge parter.",
        "Economic: a better business case for both parties.",
        "Mærket »Økonomisk« er fremhævet.",
        "The badge “Economic” is highlighted.",
    ),
    Scene(
        5,
        "end",
        "Har du en ressource eller en idé? Bliv en del af Symbiose Hillerød.",
        "Do you have a resource or an idea? Join Symbiose Hillerød.",
        "Teksten »Bliv en del af Symbiose Hillerød«.",
        "The words “Bliv en del af Symbiose Hillerød” (Join Symbiose Hillerød).",
    ),
]
POSTER_SCENE, POSTER_AT = 0, 3  # the title: nothing the player's controls would cover


def font_path(bold=False):
    """DejaVu Sans, as Debian installs it (fontconfig knows where)."""
    pattern = "DejaVu Sans:style=Bold" if bold else "DejaVu Sans:style=Book"
    path = subprocess.run(
        ["fc-match", "--format=%{file}", pattern], capture_output=True, text=True, check=True
    ).stdout
    if "DejaVuSans" not in path:
        sys.exit("DejaVu Sans is missing: apt-get install fonts-dejavu-core")
    return path


FONTS = {}


def font(size, bold=False):
    key = (size, bold)
    if key not in FONTS:
        FONTS[key] = ImageFont.truetype(font_path(bold), size)
    return FONTS[key]


def ease(t):
    """0 → 1, smoothly, for t in [0, 1] (clamped)."""
    t = min(max(t, 0.0), 1.0)
    return 0.5 - math.cos(math.pi * t) / 2


def centred_text(draw, xy, text, size, fill=INK, bold=False):
    draw.text(xy, text, font=font(size, bold), fill=fill, anchor="mm")


LEFT, RIGHT, ROW = (250, 200), (710, 200), 110  # the parties' centres, their radius


def party(draw, centre, label, fill=BRAND, ring=None):
    x, y = centre
    if ring:
        draw.ellipse((x - ROW - 10, y - ROW - 10, x + ROW + 10, y + ROW + 10), fill=ring)
    draw.ellipse((x - ROW, y - ROW, x + ROW, y + ROW), fill=fill)
    centred_text(draw, (x, y), label, 34, fill=PAPER, bold=True)


def parties(draw, t=1.0):
    shift = (1 - ease(t / 1.2)) * 400
    party(draw, (LEFT[0] - shift, LEFT[1]), "Part A")
    party(draw, (RIGHT[0] + shift, RIGHT[1]), "Part B", fill=BRAND_DARK)


def resource_box(draw, x, y, alpha=1.0):
    w, h = 150, 56
    colour = WARM if alpha >= 1 else blend(TINT, WARM, alpha)
    draw.rounded_rectangle((x - w / 2, y - h / 2, x + w / 2, y + h / 2), 12, fill=colour)
    centred_text(draw, (x, y), "Ressource", 24, fill=blend(TINT, INK, alpha), bold=True)


def blend(a, b, t):
    """The colour t of the way from a to b."""
    ca, cb = ImageColor.getrgb(a), ImageColor.getrgb(b)
    return tuple(round(ca[i] + (cb[i] - ca[i]) * t) for i in range(3))


def arrow(draw, progress):
    start, end = LEFT[0] + ROW + 14, RIGHT[0] - ROW - 14
    x = start + (end - start) * progress
    y = LEFT[1]
    draw.line((start, y, x, y), fill=MUTED, width=8)
    if progress > 0.05:
        draw.polygon([(x + 4, y), (x - 20, y - 16), (x - 20, y + 16)], fill=MUTED)


def tick(draw, centre, t):
    x, y = centre[0] + 80, centre[1] - 80
    r = 34 * ease(t * 3)
    if r <= 1:
        return
    draw.ellipse((x - r, y - r, x + r, y + r), fill=WARM)
    if t > 0.2:
        draw.line([(x - 14, y), (x - 4, y + 12), (x + 16, y - 12)], fill=INK, width=7)


def badges(draw, t=1.0, highlight=None):
    y = 440
    for index, (label, colour) in enumerate(DIMENSIONS):
        appear = ease((t * 3) - index * 0.6)
        if appear <= 0:
            continue
        x = 180 + index * 300
        big = highlight == index
        w, h = (250, 84) if big else (210, 64)
        fill = colour if highlight in (None, index) else blend(colour, PAPER, 0.6)
        box = (x - w / 2, y - h / 2 + (1 - appear) * 60, x + w / 2, y + h / 2 + (1 - appear) * 60)
        if big:
            draw.rounded_rectangle((box[0] - 6, box[1] - 6, box[2] + 6, box[3] + 6), 22, fill=INK)
        draw.rounded_rectangle(box, 18, fill=fill)
        centred_text(draw, (x, (box[1] + box[3]) / 2), label, 34 if big else 28, PAPER, True)


def draw(scene, t):
    """The frame `t` seconds into `scene`."""
    image = Image.new("RGB", (WIDTH, HEIGHT), TINT)
    d = ImageDraw.Draw(image)
    picture = scene.picture
    if picture == "title":
        grow = ease(t / 1.5)
        d.rectangle((0, 0, WIDTH, 12 + 8 * grow), fill=BRAND)
        centred_text(d, (WIDTH / 2, 220), "Hvad er en symbiose?", 60, INK, True)
        centred_text(d, (WIDTH / 2, 310), "Symbiose Hillerød", 34, BRAND_DARK)
        r = 18 * grow
        for offset in (-40, 40):
            cx = WIDTH / 2 + offset
            d.ellipse((cx - r, 380 - r, cx + r, 380 + r), fill=BRAND if offset < 0 else BRAND_DARK)
    elif picture == "parties":
        parties(d, t if scene is SCENES[1] else 9)
    elif picture == "resource":
        parties(d)
        resource_box(d, LEFT[0], LEFT[1] + ROW + 60, ease(t / 1.5))
    elif picture == "transfer":
        parties(d)
        progress = ease((t - 0.5) / 4)
        arrow(d, progress)
        start_x, end_x = LEFT[0], RIGHT[0]
        x = start_x + (end_x - start_x) * progress
        resource_box(d, x, LEFT[1] + ROW + 60)  # under the arrow, from A to B
        if progress >= 1:
            tick(d, RIGHT, t - 4.5)
    elif picture == "dimensions":
        parties(d)
        arrow(d, 1)
        badges(d, t)
    elif picture.startswith("dimension-"):
        parties(d)
        arrow(d, 1)
        badges(d, highlight=int(picture.rsplit("-", 1)[1]))
    elif picture == "end":
        d.rectangle((0, 0, WIDTH, 20), fill=BRAND)
        centred_text(d, (WIDTH / 2, 210), "Bliv en del af", 44, INK)
        centred_text(d, (WIDTH / 2, 280), "Symbiose Hillerød", 60, BRAND_DARK, True)
        r = 18 * ease(t)
        for offset in (-40, 40):
            cx = WIDTH / 2 + offset
            d.ellipse((cx - r, 380 - r, cx + r, 380 + r), fill=BRAND if offset < 0 else BRAND_DARK)
    return image


def timestamp(seconds):
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def captions(language):
    lines, start = ["WEBVTT", ""], 0.0
    for number, scene in enumerate(SCENES, 1):
        end = start + scene.seconds
        lines += [
            str(number),
            f"{timestamp(start)} --> {timestamp(end)}",
            getattr(scene, language),
            "",
        ]
        start = end
    return "\n".join(lines)


def transcript(language):
    """The captions' text with what the pictures show, one paragraph per scene."""
    return (
        "\n\n".join(
            f"{getattr(scene, language)} [{getattr(scene, language + '_picture')}]"
            for scene in SCENES
        )
        + "\n"
    )


def frames():
    for scene in SCENES:
        for index in range(round(scene.seconds * FPS)):
            yield draw(scene, index / FPS).tobytes()


# H.264 for every browser; one thread and no metadata, so the same frames give the same bytes.
ENCODING = [
    "-crf", "30", "-preset", "veryslow", "-tune", "animation", "-profile:v", "main",
    "-movflags", "+faststart", "-threads", "1", "-map_metadata", "-1", "-fflags", "+bitexact",
]  # fmt: skip


def encode(path):
    writer = imageio_ffmpeg.write_frames(
        str(path),
        (WIDTH, HEIGHT),
        fps=FPS,
        codec="libx264",
        pix_fmt_out="yuv420p",
        macro_block_size=1,  # 540 is even, which is all H.264 needs
        output_params=ENCODING,
        ffmpeg_log_level="error",
    )
    writer.send(None)
    for frame in frames():
        writer.send(frame)
    writer.close()


def main():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    video = OUTPUT / f"{NAME}.mp4"
    encode(video)
    scene = SCENES[POSTER_SCENE]
    draw(scene, POSTER_AT).save(OUTPUT / f"{NAME}.png", optimize=True)
    for language in ("da", "en"):
        (OUTPUT / f"{NAME}.{language}.vtt").write_text(captions(language), encoding="utf-8")
        (OUTPUT / f"{NAME}.{language}.txt").write_text(transcript(language), encoding="utf-8")
    size = video.stat().st_size
    seconds = sum(scene.seconds for scene in SCENES)
    sys.stdout.write(f"{video.name}: {seconds:g} s, {size / 1024:.0f} KiB\n")
    if size >= MAX_BYTES:
        sys.exit("The video is 2 MB or more: simplify the drawings or raise the CRF.")


if __name__ == "__main__":
    main()
