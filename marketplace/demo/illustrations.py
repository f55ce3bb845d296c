"""Demo illustrations drawn with Pillow: one recognisable motif per speciality, one scene per place.

No text is baked into any picture (captions are HTML and translatable), nothing is downloaded:
every shape below is drawn here, so the pictures are ours to ship (same licence as the code).
A product's size variants get different compositions (more pieces, a gift box), and places get
different scenes (karst peaks, terraces, tea hills, a cave, a waterfall, a radio dish, azaleas,
stilt houses, a market) chosen by what the place is known for.
"""

from __future__ import annotations

import hashlib
import math
import random

from PIL import Image, ImageDraw

Colour = tuple[int, int, int]

# Which motif a product's Latin label asks for (first match wins).
PRODUCT_MOTIFS = [
    (("maojian", "gongcha", "huangjinya", "kuqiao", "cha"), "tea"),
    (("yangyu",), "potato"),
    (("hetao",), "walnut"),
    (("huotui",), "ham"),
    (("zhusun",), "bamboo_fungus"),
    (("tianma",), "tuber"),
    (("yingtao",), "cherry"),
    (("lanmei",), "blueberry"),
    (("putao",), "grape"),
    (("qicheng", "miyou"), "citrus"),
    (("huolongguo",), "dragon_fruit"),
    (("fuli", "suli"), "pear"),
    ((" li", "jiuqian"), "plum"),
    (("baixiangguo",), "passion_fruit"),
    (("cili",), "rosa_roxburghii"),
    (("jidan",), "eggs"),
    (("tuji",), "chicken"),
    (("heinuomi",), "black_rice"),
    (("dami", "zaojiaomi"), "rice"),
    (("luobo",), "radish"),
    (("wandou",), "pea_shoots"),
    (("shucai", "suancai"), "cabbage"),
    (("fentiao",), "noodles"),
    (("dougan",), "tofu"),
    (("fengmi",), "honey"),
    (("miaoxiu", "mawei", "xiu"), "embroidery"),
    (("qiqi",), "lacquer"),
    (("taoci",), "pottery"),
]

THEME_MOTIFS = {
    "tea": "tea",
    "fruit": "citrus",
    "fungi": "bamboo_fungus",
    "grain": "rice",
    "eggs_meat": "eggs",
    "vegetables": "cabbage",
    "processed": "tofu",
    "crafts": "embroidery",
}

BACKGROUNDS: dict[str, Colour] = {
    "tea": (226, 240, 214),
    "potato": (247, 236, 214),
    "walnut": (241, 231, 216),
    "ham": (250, 232, 222),
    "bamboo_fungus": (236, 240, 230),
    "tuber": (240, 234, 222),
    "cherry": (253, 234, 236),
    "blueberry": (230, 236, 250),
    "grape": (240, 230, 246),
    "citrus": (255, 243, 220),
    "dragon_fruit": (252, 232, 242),
    "pear": (246, 246, 220),
    "plum": (244, 232, 244),
    "passion_fruit": (242, 232, 246),
    "rosa_roxburghii": (246, 246, 222),
    "eggs": (232, 242, 236),
    "chicken": (246, 240, 226),
    "black_rice": (238, 234, 242),
    "rice": (248, 244, 230),
    "radish": (236, 244, 236),
    "pea_shoots": (232, 246, 230),
    "cabbage": (230, 244, 232),
    "noodles": (246, 240, 230),
    "tofu": (248, 242, 226),
    "honey": (255, 242, 210),
    "embroidery": (226, 230, 246),
    "lacquer": (246, 232, 226),
    "pottery": (238, 232, 226),
}


def product_motif(label: str, theme: str) -> str:
    key = f" {label.lower()}"
    for words, motif in PRODUCT_MOTIFS:
        if any(word in key for word in words):
            return motif
    return THEME_MOTIFS.get(theme, "rice")


def _rng(*parts: object) -> random.Random:
    return random.Random(int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12], 16))


def _shade(colour: Colour, factor: float) -> Colour:
    return tuple(max(0, min(255, int(c * factor))) for c in colour)  # type: ignore[return-value]


def _soft_background(draw: ImageDraw.ImageDraw, size: tuple[int, int], base: Colour) -> None:
    width, height = size
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_shade(base, 1.03 - 0.10 * y / height))
    draw.ellipse([width * 0.08, height * 0.72, width * 0.92, height * 0.92], fill=_shade(base, 0.88))  # a table shadow


def draw_product(label: str, *, theme: str, size: tuple[int, int] = (800, 800), variant: int = 1) -> Image.Image:
    """The speciality's motif on a soft ground; variant 2+ shows more pieces and a gift box behind them."""
    motif = product_motif(label, theme)
    image = Image.new("RGB", size, BACKGROUNDS.get(motif, (240, 240, 236)))
    draw = ImageDraw.Draw(image)
    _soft_background(draw, size, BACKGROUNDS.get(motif, (240, 240, 236)))
    width, height = size
    rng = _rng(label, variant)
    if variant >= 2:  # a gift box or crate behind the produce
        box = (196, 60, 40) if variant == 2 else (150, 110, 70)
        draw.rounded_rectangle([width * 0.18, height * 0.30, width * 0.82, height * 0.80], radius=width // 40, fill=box)
        draw.rectangle([width * 0.18, height * 0.42, width * 0.82, height * 0.47], fill=_shade(box, 1.25))
    count = 1 + variant * 2
    DRAWERS.get(motif, _draw_rice)(draw, width, height, rng, count)
    return image


# --- product motifs ------------------------------------------------------------------------


def _leaf(draw, cx, cy, length, angle, colour):
    half = [((i / 20 - 0.5) * length, math.sin(math.pi * i / 20) * length * 0.22) for i in range(21)]
    points = half + [(x, -y) for x, y in reversed(half)]
    ca, sa = math.cos(angle), math.sin(angle)
    draw.polygon([(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points], fill=colour)
    draw.line(
        [(cx - length / 2 * ca, cy - length / 2 * sa), (cx + length / 2 * ca, cy + length / 2 * sa)], fill=_shade(colour, 0.7), width=3
    )


def _draw_tea(draw, w, h, rng, count):
    # a celadon cup with tea, and a sprig of young leaves
    draw.ellipse([w * 0.20, h * 0.50, w * 0.62, h * 0.62], fill=(140, 170, 120))
    draw.chord([w * 0.20, h * 0.36, w * 0.62, h * 0.86], 0, 180, fill=(176, 208, 190))
    draw.ellipse([w * 0.22, h * 0.52, w * 0.60, h * 0.60], fill=(168, 176, 70))
    for i in range(count + 2):
        _leaf(draw, w * (0.66 + 0.05 * math.sin(i)), h * (0.30 + i * 0.07), w * 0.20, -0.6 + rng.random() * 0.5, (62, 142, 65))
    draw.line([(w * 0.68, h * 0.22), (w * 0.66, h * 0.78)], fill=(96, 120, 60), width=6)


def _draw_potato(draw, w, h, rng, count):
    for _ in range(count + 1):
        cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.45, 0.7)
        rx, ry = w * rng.uniform(0.11, 0.15), h * rng.uniform(0.08, 0.11)
        draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=(196, 150, 96), outline=(150, 106, 60), width=4)
        for _ in range(4):
            ex, ey = cx + rng.uniform(-rx * 0.6, rx * 0.6), cy + rng.uniform(-ry * 0.5, ry * 0.5)
            draw.ellipse([ex - 5, ey - 3, ex + 5, ey + 3], fill=(140, 96, 52))


def _draw_walnut(draw, w, h, rng, count):
    for _ in range(count + 1):
        cx, cy, r = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.42, 0.7), w * rng.uniform(0.09, 0.12)
        draw.ellipse([cx - r, cy - r * 0.9, cx + r, cy + r * 0.9], fill=(170, 122, 74), outline=(120, 80, 44), width=4)
        draw.line([(cx, cy - r * 0.9), (cx, cy + r * 0.9)], fill=(120, 80, 44), width=4)
        for k in range(3):
            draw.arc(
                [cx - r * (0.3 + 0.2 * k), cy - r * 0.6, cx + r * (0.3 + 0.2 * k), cy + r * 0.6], 200, 340, fill=(130, 88, 50), width=3
            )


def _draw_ham(draw, w, h, rng, count):
    draw.ellipse([w * 0.22, h * 0.30, w * 0.70, h * 0.78], fill=(150, 62, 42))
    draw.ellipse([w * 0.28, h * 0.36, w * 0.62, h * 0.70], fill=(214, 110, 96))
    draw.ellipse([w * 0.36, h * 0.44, w * 0.52, h * 0.60], fill=(240, 220, 200))
    draw.polygon([(w * 0.62, h * 0.40), (w * 0.84, h * 0.24), (w * 0.88, h * 0.30), (w * 0.68, h * 0.56)], fill=(120, 50, 34))
    for i in range(count - 1):
        x = w * (0.20 + i * 0.1)
        draw.rectangle([x, h * 0.80, x + w * 0.08, h * 0.86], fill=(214, 110, 96))


def _draw_bamboo_fungus(draw, w, h, rng, count):
    for i in range(max(1, count // 2 + 1)):
        cx = w * (0.5 + (i - count // 4) * 0.18)
        draw.ellipse([cx - w * 0.08, h * 0.22, cx + w * 0.08, h * 0.36], fill=(236, 226, 180))
        draw.rectangle([cx - w * 0.03, h * 0.30, cx + w * 0.03, h * 0.78], fill=(246, 240, 220))
        for y in range(int(h * 0.36), int(h * 0.76), 18):  # the lace veil
            draw.line([(cx - w * 0.10, y), (cx + w * 0.10, y + 9)], fill=(250, 250, 244), width=2)
            draw.line([(cx + w * 0.10, y), (cx - w * 0.10, y + 9)], fill=(250, 250, 244), width=2)


def _draw_tuber(draw, w, h, rng, count):
    for _i in range(count):
        cx, cy = w * rng.uniform(0.32, 0.68), h * rng.uniform(0.45, 0.68)
        draw.ellipse([cx - w * 0.12, cy - h * 0.06, cx + w * 0.12, cy + h * 0.06], fill=(214, 190, 150), outline=(170, 140, 96), width=3)
        for k in range(-2, 3):
            draw.arc([cx - w * 0.12, cy - h * 0.06 + k * 6, cx + w * 0.12, cy + h * 0.06 + k * 6], 20, 160, fill=(170, 140, 96), width=2)
        draw.polygon([(cx + w * 0.10, cy - 6), (cx + w * 0.17, cy - h * 0.04), (cx + w * 0.11, cy + 4)], fill=(150, 110, 70))


def _draw_cherry(draw, w, h, rng, count):
    for _ in range(count + 1):
        cx, cy, r = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.5, 0.72), w * 0.07
        draw.line([(cx, cy - r), (cx + rng.uniform(-40, 40), cy - r - h * 0.16)], fill=(90, 120, 50), width=5)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(196, 18, 48))
        draw.ellipse([cx - r * 0.5, cy - r * 0.6, cx - r * 0.1, cy - r * 0.2], fill=(236, 120, 130))


def _draw_blueberry(draw, w, h, rng, count):
    draw.ellipse([w * 0.2, h * 0.42, w * 0.8, h * 0.82], fill=(250, 250, 250))  # a white bowl
    for _ in range(12 + count * 4):
        cx, cy, r = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.44, 0.62), w * 0.045
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(60, 72, 140), outline=(40, 48, 100), width=2)
        draw.ellipse([cx - 4, cy - r + 4, cx + 4, cy - r + 12], fill=(30, 34, 70))


def _draw_grape(draw, w, h, rng, count):
    for row in range(6):
        for col in range(6 - row):
            cx = w * 0.5 + (col - (5 - row) / 2) * w * 0.085
            cy = h * 0.32 + row * h * 0.075
            draw.ellipse(
                [cx - w * 0.045, cy - w * 0.045, cx + w * 0.045, cy + w * 0.045], fill=(96, 40, 120), outline=(70, 26, 90), width=2
            )
    _leaf(draw, w * 0.6, h * 0.24, w * 0.22, -0.3, (70, 140, 60))


def _draw_citrus(draw, w, h, rng, count):
    for _i in range(count):
        cx, cy, r = w * rng.uniform(0.32, 0.68), h * rng.uniform(0.44, 0.66), w * rng.uniform(0.13, 0.17)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(244, 160, 30), outline=(214, 120, 20), width=4)
        draw.ellipse([cx - r * 0.45, cy - r * 0.6, cx - r * 0.1, cy - r * 0.3], fill=(252, 206, 120))
    cx, cy, r = w * 0.70, h * 0.70, w * 0.12  # one cut open: segments
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(252, 226, 160), outline=(240, 170, 40), width=8)
    for k in range(8):
        a = k * math.pi / 4
        draw.line([(cx, cy), (cx + r * 0.85 * math.cos(a), cy + r * 0.85 * math.sin(a))], fill=(240, 190, 90), width=3)


def _draw_dragon_fruit(draw, w, h, rng, count):
    cx, cy = w * 0.45, h * 0.52
    draw.ellipse([cx - w * 0.18, cy - h * 0.22, cx + w * 0.18, cy + h * 0.22], fill=(226, 40, 120))
    for k in range(9):
        a = k * 2 * math.pi / 9
        x, y = cx + w * 0.17 * math.cos(a), cy + h * 0.21 * math.sin(a)
        draw.polygon(
            [(x, y), (x + 30 * math.cos(a + 0.4), y + 30 * math.sin(a + 0.4)), (x + 10 * math.cos(a - 0.8), y + 10 * math.sin(a - 0.8))],
            fill=(120, 190, 60),
        )
    hx, hy = w * 0.70, h * 0.66  # a half, white flesh with black seeds
    draw.ellipse([hx - w * 0.12, hy - h * 0.12, hx + w * 0.12, hy + h * 0.12], fill=(226, 40, 120))
    draw.ellipse([hx - w * 0.10, hy - h * 0.10, hx + w * 0.10, hy + h * 0.10], fill=(250, 246, 240))
    for _ in range(40):
        x, y = hx + rng.uniform(-w * 0.08, w * 0.08), hy + rng.uniform(-h * 0.08, h * 0.08)
        draw.ellipse([x - 2, y - 2, x + 2, y + 2], fill=(30, 30, 30))


def _draw_pear(draw, w, h, rng, count):
    for i in range(max(2, count - 1)):
        cx, cy = w * (0.32 + 0.36 * i / max(1, count - 2)), h * 0.58
        draw.ellipse([cx - w * 0.11, cy - h * 0.06, cx + w * 0.11, cy + h * 0.16], fill=(214, 200, 80))
        draw.ellipse([cx - w * 0.07, cy - h * 0.16, cx + w * 0.07, cy + h * 0.02], fill=(214, 200, 80))
        draw.line([(cx, cy - h * 0.16), (cx + 8, cy - h * 0.22)], fill=(110, 80, 40), width=5)


def _draw_plum(draw, w, h, rng, count):
    for _ in range(count + 2):
        cx, cy, r = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.45, 0.7), w * 0.075
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(150, 40, 90), outline=(110, 24, 64), width=3)
        draw.arc([cx - r * 0.2, cy - r, cx + r * 0.4, cy + r], 250, 110, fill=(120, 30, 74), width=3)
    _leaf(draw, w * 0.62, h * 0.34, w * 0.18, -0.5, (80, 150, 60))


def _draw_passion_fruit(draw, w, h, rng, count):
    cx, cy, r = w * 0.40, h * 0.55, w * 0.16
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(92, 40, 90))
    hx, hy = w * 0.66, h * 0.62
    draw.ellipse([hx - r, hy - r, hx + r, hy + r], fill=(92, 40, 90))
    draw.ellipse([hx - r * 0.85, hy - r * 0.85, hx + r * 0.85, hy + r * 0.85], fill=(246, 200, 40))
    for _ in range(30):
        x, y = hx + rng.uniform(-r * 0.6, r * 0.6), hy + rng.uniform(-r * 0.6, r * 0.6)
        draw.ellipse([x - 4, y - 4, x + 4, y + 4], fill=(60, 40, 20))


def _draw_rosa_roxburghii(draw, w, h, rng, count):
    draw.rounded_rectangle([w * 0.60, h * 0.26, w * 0.74, h * 0.78], radius=18, fill=(236, 180, 40))  # a juice bottle
    draw.rectangle([w * 0.64, h * 0.18, w * 0.70, h * 0.27], fill=(60, 120, 70))
    for _ in range(count + 1):
        cx, cy, r = w * rng.uniform(0.26, 0.5), h * rng.uniform(0.5, 0.72), w * 0.08
        for k in range(16):  # the prickles
            a = k * math.pi / 8
            draw.line([(cx, cy), (cx + r * 1.25 * math.cos(a), cy + r * 1.25 * math.sin(a))], fill=(150, 150, 40), width=3)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(206, 196, 60))


def _draw_eggs(draw, w, h, rng, count):
    draw.chord([w * 0.18, h * 0.40, w * 0.82, h * 0.90], 0, 180, fill=(176, 136, 80))  # a straw nest
    for k in range(14):
        draw.arc([w * 0.18, h * 0.50 + k * 4, w * 0.82, h * 0.86 + k * 2], 10, 170, fill=(140, 104, 56), width=2)
    for i in range(count + 1):
        cx = w * (0.34 + 0.32 * i / max(1, count))
        draw.ellipse([cx - w * 0.07, h * 0.48, cx + w * 0.07, h * 0.68], fill=(170, 210, 180), outline=(120, 170, 140), width=3)


def _draw_chicken(draw, w, h, rng, count):
    draw.ellipse([w * 0.28, h * 0.40, w * 0.70, h * 0.74], fill=(170, 90, 40))  # body
    draw.ellipse([w * 0.58, h * 0.26, w * 0.76, h * 0.44], fill=(180, 100, 46))  # head
    draw.polygon([(w * 0.76, h * 0.34), (w * 0.84, h * 0.36), (w * 0.76, h * 0.39)], fill=(240, 180, 40))
    draw.polygon([(w * 0.62, h * 0.27), (w * 0.66, h * 0.20), (w * 0.70, h * 0.27)], fill=(210, 30, 30))
    draw.polygon([(w * 0.30, h * 0.50), (w * 0.14, h * 0.30), (w * 0.24, h * 0.58)], fill=(40, 90, 60))  # tail
    draw.line([(w * 0.46, h * 0.74), (w * 0.44, h * 0.84)], fill=(240, 180, 40), width=6)
    draw.line([(w * 0.54, h * 0.74), (w * 0.56, h * 0.84)], fill=(240, 180, 40), width=6)


def _draw_bowl(draw, w, h, rng, grain: Colour, dark: Colour, count):
    draw.chord([w * 0.20, h * 0.30, w * 0.80, h * 0.86], 0, 180, fill=(250, 250, 248))
    draw.ellipse([w * 0.20, h * 0.50, w * 0.80, h * 0.66], fill=grain)
    for _ in range(160):
        x, y = w * rng.uniform(0.26, 0.74), h * rng.uniform(0.52, 0.62)
        draw.ellipse([x - 5, y - 2, x + 5, y + 2], fill=dark)
    draw.arc([w * 0.30, h * 0.66, w * 0.70, h * 0.80], 20, 160, fill=(60, 110, 160), width=6)  # a blue rim line
    for i in range(count):
        x = w * (0.18 + 0.05 * i)
        draw.ellipse([x, h * 0.82, x + 10, h * 0.82 + 5], fill=dark)


def _draw_rice(draw, w, h, rng, count):
    _draw_bowl(draw, w, h, rng, (244, 240, 226), (230, 222, 200), count)


def _draw_black_rice(draw, w, h, rng, count):
    _draw_bowl(draw, w, h, rng, (70, 40, 70), (40, 20, 40), count)


def _draw_radish(draw, w, h, rng, count):
    for i in range(max(2, count - 1)):
        cx = w * (0.36 + 0.28 * i / max(1, count - 2))
        draw.polygon([(cx - w * 0.07, h * 0.40), (cx + w * 0.07, h * 0.40), (cx + 6, h * 0.82), (cx - 6, h * 0.82)], fill=(248, 248, 240))
        draw.ellipse([cx - w * 0.07, h * 0.34, cx + w * 0.07, h * 0.46], fill=(248, 248, 240))
        for k in range(3):
            _leaf(draw, cx + (k - 1) * 20, h * 0.24, w * 0.16, -math.pi / 2 + (k - 1) * 0.4, (70, 150, 70))


def _draw_pea_shoots(draw, w, h, rng, count):
    for _ in range(10 + count * 3):
        x = w * rng.uniform(0.3, 0.7)
        draw.line([(x, h * 0.80), (x + rng.uniform(-40, 40), h * 0.36)], fill=(110, 180, 80), width=5)
        _leaf(draw, x + rng.uniform(-30, 30), h * rng.uniform(0.30, 0.5), w * 0.08, rng.uniform(0, math.pi), (120, 196, 90))


def _draw_cabbage(draw, w, h, rng, count):
    cx, cy = w * 0.5, h * 0.56
    for k, r in enumerate((0.26, 0.21, 0.16, 0.11)):
        draw.ellipse(
            [cx - w * r, cy - h * r * 0.9, cx + w * r, cy + h * r * 0.9],
            fill=(120 + k * 30, 180 + k * 14, 100 + k * 20),
            outline=(80, 140, 70),
            width=3,
        )
    for i in range(count - 1):
        x = w * (0.22 + 0.14 * i)
        draw.ellipse([x, h * 0.74, x + w * 0.10, h * 0.84], fill=(200, 60, 50))  # chillies/tomatoes beside it


def _draw_noodles(draw, w, h, rng, count):
    for i in range(max(1, count - 1)):
        y = h * (0.40 + i * 0.12)
        for k in range(26):
            draw.line([(w * 0.24, y + k * 2), (w * 0.76, y + k * 2 + rng.uniform(-4, 4))], fill=(200, 190, 170), width=2)
        draw.rectangle([w * 0.46, y - 4, w * 0.54, y + 56], fill=(190, 50, 40))


def _draw_tofu(draw, w, h, rng, count):
    for i in range(count + 1):
        x, y = w * (0.26 + (i % 3) * 0.17), h * (0.44 + (i // 3) * 0.14)
        draw.polygon([(x, y), (x + w * 0.14, y), (x + w * 0.18, y - h * 0.04), (x + w * 0.04, y - h * 0.04)], fill=(196, 150, 90))
        draw.rectangle([x, y, x + w * 0.14, y + h * 0.10], fill=(170, 120, 64))
        draw.polygon(
            [(x + w * 0.14, y), (x + w * 0.18, y - h * 0.04), (x + w * 0.18, y + h * 0.06), (x + w * 0.14, y + h * 0.10)],
            fill=(140, 96, 48),
        )


def _draw_honey(draw, w, h, rng, count):
    for row in range(4):
        for col in range(5):
            cx, cy, r = w * (0.18 + col * 0.12 + (row % 2) * 0.06), h * (0.22 + row * 0.1), w * 0.06
            draw.regular_polygon((cx, cy, r), 6, fill=(246, 196, 60), outline=(214, 150, 30))
    draw.rounded_rectangle([w * 0.36, h * 0.46, w * 0.64, h * 0.82], radius=30, fill=(232, 160, 30))
    draw.rectangle([w * 0.38, h * 0.40, w * 0.62, h * 0.47], fill=(150, 96, 50))


def _draw_embroidery(draw, w, h, rng, count):
    draw.rectangle([w * 0.14, h * 0.20, w * 0.86, h * 0.84], fill=(28, 40, 90))
    colours = [(220, 60, 60), (246, 196, 60), (70, 170, 120), (240, 240, 240), (230, 110, 180)]
    step = w * 0.09
    for row in range(6):
        for col in range(7):
            cx, cy = w * 0.19 + col * step, h * 0.27 + row * step
            colour = colours[(row + col + count) % len(colours)]
            draw.polygon(
                [(cx, cy - step * 0.4), (cx + step * 0.4, cy), (cx, cy + step * 0.4), (cx - step * 0.4, cy)], outline=colour, width=4
            )
            draw.ellipse([cx - 5, cy - 5, cx + 5, cy + 5], fill=colours[(row * 2 + col) % len(colours)])


def _draw_lacquer(draw, w, h, rng, count):
    draw.ellipse([w * 0.16, h * 0.26, w * 0.84, h * 0.84], fill=(30, 20, 18))
    draw.ellipse([w * 0.22, h * 0.31, w * 0.78, h * 0.79], fill=(170, 24, 28))
    draw.ellipse([w * 0.30, h * 0.38, w * 0.70, h * 0.72], outline=(226, 180, 80), width=6)
    for k in range(8):
        a = k * math.pi / 4
        cx, cy = w * 0.5 + w * 0.14 * math.cos(a), h * 0.55 + h * 0.12 * math.sin(a)
        draw.ellipse([cx - 10, cy - 10, cx + 10, cy + 10], fill=(226, 180, 80))


def _draw_pottery(draw, w, h, rng, count):
    draw.ellipse([w * 0.28, h * 0.36, w * 0.68, h * 0.78], fill=(150, 100, 66))  # teapot body
    draw.rectangle([w * 0.42, h * 0.30, w * 0.54, h * 0.38], fill=(130, 86, 56))
    draw.polygon([(w * 0.66, h * 0.52), (w * 0.84, h * 0.40), (w * 0.86, h * 0.44), (w * 0.68, h * 0.62)], fill=(150, 100, 66))
    draw.arc([w * 0.16, h * 0.44, w * 0.36, h * 0.66], 90, 270, fill=(130, 86, 56), width=12)
    for i in range(count - 1):
        x = w * (0.20 + i * 0.13)
        draw.chord([x, h * 0.76, x + w * 0.10, h * 0.88], 0, 180, fill=(160, 110, 74))


DRAWERS = {name.removeprefix("_draw_"): func for name, func in globals().items() if name.startswith("_draw_")}


# --- places ----------------------------------------------------------------------------------

SCENE_WORDS = [
    (("dujuan", "azalea", "杜鹃"), "azaleas"),
    (("zhijin", "cave", "洞"), "cave"),
    (("tianyan", "pingtang", "fast", "天眼"), "dish"),
    (("libo", "xiaoqikong", "waterfall", "小七孔", "huangguoshu"), "waterfall"),
    (("duyun", "maojian", "tea", "guiding", "茶", "wengan"), "tea_hills"),
    (("sandu", "shui", "水族", "leishan", "miao", "苗", "village"), "stilt_village"),
    (("weining", "caohai", "lake", "草海"), "lake"),
    (("market", "推介", "fair", "expo", "festival"), "market"),
    (("craft", "batik", "embroider", "lacquer", "蜡染", "刺绣"), "craft"),
]
SCENES = ["karst", "terraces", "tea_hills", "lake", "stilt_village", "waterfall"]


def scene_for(label: str, theme: str) -> str:
    key = label.lower()
    if theme == "market":
        return "market"
    if theme == "crafts":
        return "craft"
    for words, scene in SCENE_WORDS:
        if any(word in key for word in words):
            return scene
    return SCENES[int(hashlib.sha1(key.encode()).hexdigest()[:6], 16) % len(SCENES)]


def draw_scene(label: str, *, theme: str = "landscape", size: tuple[int, int] = (1600, 700)) -> Image.Image:
    scene = scene_for(label, theme)
    rng = _rng(label, scene)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    sky_top, sky_bottom = ((120, 180, 220), (224, 240, 246)) if scene not in {"cave", "craft"} else ((40, 34, 30), (90, 70, 56))
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(sky_top[i] * (1 - t) + sky_bottom[i] * t) for i in range(3)))
    SCENE_DRAWERS[scene](draw, width, height, rng)
    return image


def _peaks(draw, w, h, rng, base, colour, n=7, height_range=(0.18, 0.38)):
    x = -w * 0.05
    while x < w * 1.05:
        peak_w = w * rng.uniform(0.08, 0.16)
        peak_h = h * rng.uniform(*height_range)
        draw.pieslice([x, base - peak_h, x + peak_w, base + peak_h], 180, 360, fill=colour)
        x += peak_w * rng.uniform(0.55, 0.9)
    draw.rectangle([0, base, w, h], fill=colour)


def _scene_karst(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.62, (120, 160, 140))
    _peaks(draw, w, h, rng, h * 0.74, (70, 130, 96))
    draw.rectangle([0, h * 0.80, w, h], fill=(90, 160, 190))  # a river
    for _ in range(12):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.82, h * 0.98)
        draw.line([(x, y), (x + 60, y)], fill=(200, 230, 240), width=3)


def _scene_terraces(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.48, (130, 170, 150), height_range=(0.1, 0.25))
    for k in range(9):
        y = h * (0.48 + k * 0.06)
        draw.chord([-w * 0.3, y - h * 0.1, w * 1.3, y + h * 0.12], 0, 180, fill=(110 + k * 10, 170 + k * 5, 70 + k * 4))
        draw.arc([-w * 0.3, y - h * 0.1, w * 1.3, y + h * 0.12], 0, 180, fill=(200, 220, 160), width=3)


def _scene_tea_hills(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.5, (140, 180, 150), height_range=(0.1, 0.2))
    draw.ellipse([-w * 0.2, h * 0.45, w * 1.2, h * 1.6], fill=(96, 160, 80))
    for k in range(12):  # rows of tea bushes following the hill
        y = h * (0.52 + k * 0.04)
        draw.arc([-w * 0.2 + k * 20, y, w * 1.2 - k * 20, y + h * 0.9], 200, 340, fill=(50, 120, 50), width=14)


def _scene_lake(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.55, (140, 170, 160), height_range=(0.06, 0.16))
    draw.rectangle([0, h * 0.55, w, h], fill=(110, 170, 200))
    for _ in range(6):  # cranes
        x, y = rng.uniform(w * 0.1, w * 0.9), rng.uniform(h * 0.15, h * 0.4)
        draw.line([(x - 30, y), (x, y + 10), (x + 30, y)], fill=(40, 40, 40), width=4)
    for _ in range(20):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.6, h)
        draw.line([(x, y), (x + 80, y)], fill=(200, 230, 240), width=2)


def _scene_stilt_village(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.6, (100, 150, 110))
    for i in range(7):
        x = w * (0.06 + i * 0.13) + rng.uniform(-20, 20)
        y = h * (0.58 + (i % 2) * 0.08)
        draw.rectangle([x, y, x + w * 0.09, y + h * 0.12], fill=(140, 90, 56))
        draw.polygon([(x - 20, y), (x + w * 0.045, y - h * 0.10), (x + w * 0.09 + 20, y)], fill=(60, 50, 50))
        for k in range(3):
            draw.line([(x + k * w * 0.04, y + h * 0.12), (x + k * w * 0.04, y + h * 0.22)], fill=(100, 64, 40), width=6)
    draw.rectangle([0, h * 0.86, w, h], fill=(90, 150, 170))


def _scene_waterfall(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.7, (60, 120, 90), height_range=(0.3, 0.5))
    draw.rectangle([w * 0.44, h * 0.2, w * 0.56, h * 0.84], fill=(230, 244, 250))
    for _ in range(30):
        x = rng.uniform(w * 0.44, w * 0.56)
        draw.line([(x, h * 0.2), (x, h * 0.84)], fill=(190, 220, 236), width=2)
    draw.ellipse([w * 0.2, h * 0.8, w * 0.8, h * 1.05], fill=(80, 170, 170))


def _scene_cave(draw, w, h, rng):
    draw.rectangle([0, h * 0.86, w, h], fill=(60, 50, 46))
    for _ in range(26):  # stalactites and stalagmites, lit in colour
        x = rng.uniform(0, w)
        length = rng.uniform(h * 0.1, h * 0.4)
        colour = rng.choice([(210, 170, 90), (120, 180, 200), (190, 120, 160)])
        draw.polygon([(x - 18, 0), (x + 18, 0), (x, length)], fill=colour)
        x2 = rng.uniform(0, w)
        draw.polygon([(x2 - 22, h * 0.9), (x2 + 22, h * 0.9), (x2, h * 0.9 - length * 0.7)], fill=_shade(colour, 0.8))


def _scene_dish(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.75, (70, 130, 90), height_range=(0.2, 0.35))
    draw.chord([w * 0.25, h * 0.10, w * 0.75, h * 1.10], 0, 180, fill=(214, 220, 226))  # the radio telescope dish
    for k in range(1, 6):
        draw.arc([w * 0.25 + k * 30, h * 0.10 + k * 30, w * 0.75 - k * 30, h * 1.10 - k * 30], 0, 180, fill=(170, 180, 190), width=2)
    draw.line([(w * 0.5, h * 0.25), (w * 0.5, h * 0.6)], fill=(90, 90, 96), width=4)
    draw.rectangle([w * 0.47, h * 0.2, w * 0.53, h * 0.26], fill=(90, 90, 96))


def _scene_azaleas(draw, w, h, rng):
    _peaks(draw, w, h, rng, h * 0.55, (110, 160, 120), height_range=(0.08, 0.2))
    draw.rectangle([0, h * 0.55, w, h], fill=(80, 140, 80))
    for _ in range(260):
        x, y, r = rng.uniform(0, w), rng.uniform(h * 0.5, h), rng.uniform(8, 22)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice([(226, 40, 90), (240, 90, 140), (250, 160, 190), (200, 30, 60)]))


def _scene_market(draw, w, h, rng):
    draw.rectangle([0, h * 0.7, w, h], fill=(200, 190, 170))
    for i in range(6):
        x = w * (0.02 + i * 0.165)
        colour = rng.choice([(200, 50, 40), (30, 110, 70), (240, 170, 40), (40, 90, 160)])
        draw.polygon([(x, h * 0.34), (x + w * 0.15, h * 0.34), (x + w * 0.16, h * 0.44), (x - w * 0.01, h * 0.44)], fill=colour)
        for k in range(5):
            draw.line([(x + k * w * 0.03, h * 0.34), (x + k * w * 0.03 - 4, h * 0.44)], fill=(250, 250, 240), width=6)
        draw.rectangle([x, h * 0.56, x + w * 0.15, h * 0.70], fill=(150, 100, 60))
        for _ in range(8):  # produce on the counter
            px = rng.uniform(x + 10, x + w * 0.14)
            draw.ellipse([px - 14, h * 0.52, px + 14, h * 0.57], fill=rng.choice([(230, 120, 30), (110, 170, 60), (180, 30, 50)]))
        draw.line([(x + 4, h * 0.44), (x + 4, h * 0.7)], fill=(90, 60, 40), width=6)


def _scene_craft(draw, w, h, rng):
    draw.rectangle([0, 0, w, h], fill=(24, 44, 96))  # indigo cloth with a batik pattern
    for row in range(7):
        for col in range(16):
            cx, cy = w * (col + 0.5) / 16, h * (row + 0.5) / 7
            r = min(w / 16, h / 7) * 0.38
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(230, 236, 246), width=3)
            draw.regular_polygon((cx, cy, r * 0.5), 4, rotation=45, fill=(230, 236, 246) if (row + col) % 2 else (200, 60, 60))


SCENE_DRAWERS = {name.removeprefix("_scene_"): func for name, func in globals().items() if name.startswith("_scene_")}
