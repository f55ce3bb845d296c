from dataclasses import dataclass

from django import template

from core.i18n import localized

register = template.Library()


@dataclass
class Supported:
    county: object
    cooperatives: list[str]


@register.simple_tag
def order_support(order) -> list[Supported]:
    """The counties (and their cooperatives) an order's lines came from, in order of first appearance."""
    supported: dict[int, Supported] = {}
    lines = order.lines.select_related("partner", "product__origin_county__paired_district", "product__origin_county__prefecture")
    for line in lines:
        county = line.product.origin_county if line.product else None
        if county is None:
            continue
        entry = supported.setdefault(county.pk, Supported(county=county, cooperatives=[]))
        name = localized(line.partner, "name") if line.partner_id else line.partner_name  # in the reader's language
        if name and name not in entry.cooperatives:
            entry.cooperatives.append(name)
    return list(supported.values())


@register.filter
def impact_cells(table, row) -> list:
    """A report row's cells as (kind, value) in column order, for the generic table template."""
    return table.cells(row)
