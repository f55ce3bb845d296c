"""Text for ReportLab: every string a seller or buyer wrote is escaped before it meets markup.

ReportLab's ``Paragraph`` parses its text as a mini-HTML: ``<font>``, ``<a href>`` (a forged
"pay to this account" link), ``<img src="/etc/…">`` (a server file drawn into the PDF) are all
honoured, and a stray ``<`` raises a parse error. ``para_text`` turns a value into plain text
that Paragraph prints literally; the PDF code keeps its own markup (``<b>`` in a heading) in
the format string and interpolates only escaped values.
"""

from xml.sax.saxutils import escape

# ReportLab's built-in STSong-Light (the font of every PDF here) has no glyph for some characters
# our texts use: they print as a box. Each is replaced by one it has that reads the same.
MISSING_GLYPHS = str.maketrans({"·": "・", "•": "・"})


def font_safe(value: object) -> str:
    """``value`` as text STSong-Light can print (for ``drawString`` and inside ``para_text``)."""
    return "" if value is None else str(value).translate(MISSING_GLYPHS)


def para_text(value: object) -> str:
    """``value`` as text safe inside a ReportLab Paragraph (``&``, ``<``, ``>`` and quotes escaped)."""
    if value is None:
        return ""
    return escape(font_safe(value), {'"': "&quot;", "'": "&#39;"})
