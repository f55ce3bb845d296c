"""``{% optional_include "app/includes/part.html" %}``: a page part another app provides, if it is there yet.

The buyer's order page and the product page show parts owned by other apps (packages,
after-sale claims, reviews). A part that is not installed renders as nothing instead of
breaking the page; an error *inside* a part that exists still raises, so it is seen.
"""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def optional_include(context, template_name: str) -> str:
    try:
        part = get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    return part.render(context.flatten(), context.get("request"))
