"""The image that social media show when someone shares a page (og:image): 1200x630 PNG,
drawn at build time with Pillow and the font that ships inside Pillow (Aileron Regular,
public domain), so the build needs no network, no system font and no font file in the
repository, and draws the same image on every machine.
"""

from __future__ import annotations

from pathlib import Path

WIDTH, HEIGHT = 1200, 630
BACKGROUND = (69, 39, 160)  # the theme's deep purple, darkened for white text (10:1)
ACCENT = (255, 214, 0)
WHITE = (255, 255, 255)
MARGIN = 80


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def render_share_image(target: Path, *, title: str, subtitle: str, footer: str) -> None:
    """Write the share image: title, subtitle (at most three lines) and a footer line."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN
    draw.rectangle((MARGIN, MARGIN, MARGIN + 120, MARGIN + 12), fill=ACCENT)
    y = MARGIN + 60
    big = ImageFont.load_default(size=76)
    for line in _wrap(draw, title, big, width)[:3]:
        draw.text((MARGIN, y), line, font=big, fill=WHITE)
        y += 92
    y += 24
    small = ImageFont.load_default(size=38)
    for line in _wrap(draw, subtitle, small, width)[:3]:
        draw.text((MARGIN, y), line, font=small, fill=WHITE)
        y += 50
    draw.text((MARGIN, HEIGHT - MARGIN - 34), footer, font=ImageFont.load_default(size=34),
              fill=ACCENT)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, format="PNG", optimize=True)
