"""{% shared_fragment "name" var… %}…{% end_shared_fragment %}: see core.fragments.

The enclosed template is rendered once per site version, language, host and the values of the
variables given, then served from the process-local fragment cache to every visitor. Only parts
that are the same for every visitor belong in one: no prices (they depend on the visitor's
strategy; product cards share theirs in catalogue.cards), forms, messages or login state. Django's
own {% cache %} tag does not know the site version.
"""

from django import template

from core.fragments import fragment_key, fragment_key_prefix, shared_html

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, vary_on: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        prefix = fragment_key_prefix(request) if request is not None else ""
        if not prefix:
            return self.nodelist.render(context)
        parts = [expression.resolve(context, ignore_failures=True) for expression in self.vary_on]
        return shared_html(fragment_key(prefix, self.name, *parts), lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser: template.base.Parser, token: template.base.Token) -> SharedFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted fragment name")
    vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("end_shared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, bits[1][1:-1], vary_on)
