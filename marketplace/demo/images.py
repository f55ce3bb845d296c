"""Demo pictures drawn locally with Pillow (no downloads, no text in the pictures).

The drawing lives in marketplace/demo/illustrations.py: a speciality's own motif for products,
a scene of the place for wide pictures (routes, counties, events, crafts).
"""

import io

from PIL import Image

from marketplace.demo.illustrations import draw_product, draw_scene


def draw_picture(label: str, *, theme: str, size: tuple[int, int] = (800, 800), sublabel: str = "") -> bytes:
    """A JPEG for ``label`` (a Latin name such as "Duyun Maojian"); wide sizes are scenes.

    A product's size variant is the number at the end of ``sublabel`` ("Duyun · 2"), so the
    variants of one product get different compositions instead of one shared picture.
    """
    width, height = size
    if width > height:
        return _jpeg(draw_scene(label, theme=theme, size=size))
    last = sublabel.rsplit(" ", 1)[-1]
    variant = int(last) if last.isdigit() else 1
    return _jpeg(draw_product(label, theme=theme, size=size, variant=variant))


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
