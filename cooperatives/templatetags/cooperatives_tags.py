from django import template

register = template.Library()


@register.simple_tag
def order_packages(order) -> list[dict]:
    """The order's shipments per cooperative, for the buyer's order page."""
    from cooperatives.shipping import order_packages as packages

    return packages(order)
