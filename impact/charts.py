"""Geometry for the public page's charts, drawn as server-side SVG: no script, no CDN, CSP-safe.

Each function turns report figures into plain numbers (positions, sizes, labels) that a
template writes out as SVG attributes; the same figures are listed in a table beside each
chart for screen readers and for anyone who wants the numbers.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from core.money import format_cny
from impact.selectors import Table

MAP_WIDTH, MAP_HEIGHT, MAP_PADDING = 360, 300, 28
MAX_RADIUS, MIN_RADIUS = 26.0, 3.0


@dataclass
class Bar:
    label: str
    value: Decimal
    text: str
    x: float
    y: float
    width: float
    height: float
    second: float = 0.0  # width of the second segment, for stacked bars
    second_x: float = 0.0
    text_y: float = 0.0


@dataclass
class Dot:
    label: str
    slug: str
    value: Decimal
    text: str
    x: float
    y: float
    r: float
    poverty: bool
    prefecture: str


def month_bars(year: int, months: dict[str, Decimal]) -> dict:
    """Twelve vertical bars, one per month of the year (zero months drawn as a baseline)."""
    values = [months.get(f"{year}-{month:02d}", Decimal("0")) for month in range(1, 13)]
    top = max(values, default=Decimal("0")) or Decimal("1")
    width, height, base = 360, 180, 160
    slot = width / 12
    bars = []
    for index, value in enumerate(values):
        bar_height = float(value / top) * 140 if value > 0 else 0.0
        bars.append(
            Bar(
                label=f"{index + 1}",
                value=value,
                text=format_cny(value),
                x=round(index * slot + slot * 0.15, 1),
                y=round(base - bar_height, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_height, 1),
                text_y=base + 14,
                second_x=round(index * slot + slot / 2, 1),  # the label's centre
            )
        )
    return {"bars": bars, "width": width, "height": height, "base": base, "label_y": base + 14}


def county_map(counties: Table) -> dict:
    """The counties at their coordinates, each a circle whose area is proportional to its sales."""
    from regions.models import County

    places = {c.slug: c for c in County.objects.select_related("prefecture")}
    rows = [row for row in counties.rows if not row.is_total and row.key in places]
    if not rows:
        return {"dots": [], "width": MAP_WIDTH, "height": MAP_HEIGHT}
    lons = [float(places[row.key].longitude) for row in rows]
    lats = [float(places[row.key].latitude) for row in rows]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    # Equal degrees are not equal distances: shrink longitude by cos(latitude) so shapes stay true.
    scale_x = math.cos(math.radians((lat_min + lat_max) / 2))
    span_x = max((lon_max - lon_min) * scale_x, 0.01)
    span_y = max(lat_max - lat_min, 0.01)
    scale = min((MAP_WIDTH - 2 * MAP_PADDING) / span_x, (MAP_HEIGHT - 2 * MAP_PADDING) / span_y)
    top = max((row.values["money"] for row in rows), default=Decimal("0")) or Decimal("1")
    dots = []
    for row in rows:
        county = places[row.key]
        money = row.values["money"]
        radius = MAX_RADIUS * math.sqrt(float(money / top)) if money > 0 else 0.0
        dots.append(
            Dot(
                label=county.display_short_name,
                slug=county.slug,
                value=money,
                text=format_cny(money),
                x=round(MAP_PADDING + (float(county.longitude) - lon_min) * scale_x * scale, 1),
                y=round(MAP_PADDING + (lat_max - float(county.latitude)) * scale, 1),
                r=round(max(radius, MIN_RADIUS), 1),
                poverty=county.is_national_poverty_county,
                prefecture=county.prefecture.slug,
            )
        )
    dots.sort(key=lambda dot: -dot.r)  # small circles drawn last, on top of large ones
    return {"dots": dots, "width": MAP_WIDTH, "height": MAP_HEIGHT}


def district_bars(districts: Table) -> dict:
    """Horizontal bars per Guangzhou district: bought from its own paired counties, then from the others."""
    rows = [row for row in districts.rows if row.key not in ("elsewhere",)]
    top = max((row.values["money"] for row in rows), default=Decimal("0")) or Decimal("1")
    label_width, bar_width, row_height = 70, 220, 26
    bars = []
    for index, row in enumerate(rows):
        paired, other = row.values["paired_money"], row.values["other_money"]
        bars.append(
            Bar(
                label=row.label,
                value=row.values["money"],
                text=format_cny(row.values["money"]),
                x=label_width,
                y=index * row_height + 4,
                width=round(float(paired / top) * bar_width, 1) if paired > 0 else 0.0,
                height=row_height - 10,
                second=round(float(other / top) * bar_width, 1) if other > 0 else 0.0,
            )
        )
        bars[-1].second_x = round(bars[-1].x + bars[-1].width, 1)
        bars[-1].text_y = bars[-1].y + bars[-1].height - 3
    return {
        "bars": bars,
        "width": label_width + bar_width + 90,
        "height": len(bars) * row_height + 6,
        "label_width": label_width,
        "text_x": label_width + bar_width + 6,
    }
