from django import template

from cooperatives import services

register = template.Library()


@register.simple_tag
def cooperative_sales(user) -> dict:
    """Sales by month and by product for the dashboard home of a cooperative."""
    return services.sales_summary(user)


@register.simple_tag
def order_packages(order) -> list[dict]:
    """The order's shipments per cooperative, for the buyer's order page."""
    return services.order_packages(order)
