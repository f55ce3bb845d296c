from django import template

from wholesale.pricing import next_tier

register = template.Library()


@register.simple_tag(takes_context=True)
def tier_savings(context) -> list[dict]:
    """For a wholesale buyer's basket: how many more cases reach each line's next cheaper tier."""
    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if request is None or not hasattr(strategy, "account") or not request.basket.id:
        return []
    from wholesale.strategy import stockrecord_terms, stockrecord_tiers

    savings = []
    for line in request.basket.all_lines():
        if line.stockrecord is None or line.stockrecord_id in strategy.quoted:
            continue
        case_size, _minimum = stockrecord_terms(line.stockrecord)
        upgrade = next_tier(stockrecord_tiers(line.stockrecord), line.quantity, case_size)
        if upgrade:
            savings.append({"title": line.product.get_title(), "tier": upgrade})
    return savings
