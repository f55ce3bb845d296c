from django import template

register = template.Library()


@register.simple_tag
def certification_badges(product) -> list[str]:
    """Labels of the certificate types in force for a product card.

    Reads the list prefetched by catalogue.selectors.with_card_data; a product
    fetched without it shows no badges rather than costing a query per card.
    """
    seen = []
    for certificate in getattr(product, "certificates_in_force", []):
        label = certificate.get_cert_type_display()
        if label not in seen:
            seen.append(label)
    return seen
