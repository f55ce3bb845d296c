"""Demo pictures drawn locally with Pillow (no downloads): a coloured scene and a label."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFont

PALETTES = {
    "vegetables": ((46, 125, 50), (200, 230, 201)),
    "fruit": ((230, 81, 0), (255, 224, 178)),
    "tea": ((27, 94, 32), (220, 237, 200)),
    "grain": ((141, 110, 99), (255, 243, 224)),
    "fungi": ((93, 64, 55), (239, 235, 233)),
    "eggs_meat": ((191, 54, 12), (255, 236, 179)),
    "processed": ((183, 28, 28), (255, 205, 210)),
    "crafts": ((40, 53, 147), (197, 202, 233)),
    "landscape": ((20, 80, 58), (178, 223, 219)),
}


def draw_picture(label: str, *, theme: str, size: tuple[int, int] = (800, 800), sublabel: str = "") -> bytes:
    """A JPEG with a gradient, hills or a fruit-like disc, and the label in Latin letters."""
    dark, light = PALETTES.get(theme, PALETTES["landscape"])
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient from light to a paler version of dark
        t = y / height
        colour = tuple(int(light[i] * (1 - t * 0.35) + dark[i] * t * 0.35) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    seed = int(hashlib.sha1(label.encode()).hexdigest()[:8], 16)
    if theme == "landscape" or width > height:
        for layer in range(3):  # layered karst hills
            base = int(height * (0.55 + 0.12 * layer))
            step = width // 6
            points = [(0, height)]
            for i in range(7):
                peak = base - ((seed >> (i + layer)) % 5 + 2) * height // 22
                points.append((i * step, peak))
            points.append((width, height))
            shade = tuple(min(255, int(c * (0.7 + 0.15 * layer))) for c in dark)
            draw.polygon(points, fill=shade)
    else:
        radius = int(min(width, height) * (0.26 + (seed % 7) / 100))
        cx, cy = width // 2, int(height * 0.45)
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=dark)
        draw.ellipse([cx - radius // 3, cy - radius // 2, cx, cy - radius // 4], fill=light)
        draw.polygon([(cx, cy - radius), (cx + radius // 2, cy - radius - 40), (cx + radius // 5, cy - radius + 10)], fill=(67, 160, 71))
    if theme == "landscape":
        return _jpeg(image)  # banners carry their text in the page, not in the picture
    font = ImageFont.load_default(size=max(28, width // 16))
    small = ImageFont.load_default(size=max(18, width // 32))
    text_y = int(height * 0.80)
    draw.rectangle([0, text_y - 20, width, height], fill=(255, 255, 255))
    draw.text((width // 2, text_y + 10), label, fill=dark, font=font, anchor="mt")
    if sublabel:
        draw.text((width // 2, text_y + 10 + width // 14), sublabel, fill=(90, 90, 90), font=small, anchor="mt")
    return _jpeg(image)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
