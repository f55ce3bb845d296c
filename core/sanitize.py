"""The one rich-text sanitiser: an allow-list of harmless tags, applied on save and on render.

Product descriptions and other rich text written by cooperatives (or arriving through an import,
the admin or a shell) are data, not code. ``clean_html`` keeps the formatting a seller needs
(paragraphs, emphasis, lists, headings, simple tables, links to http/https/mailto/tel) and drops
everything else: ``<script>``, ``<style>``, ``<iframe>``, every ``on*=`` attribute, ``style``,
``javascript:``/``data:`` URLs and images (a remote ``<img>`` is a tracking pixel; product photos
go through the gallery). nh3 (Rust's ammonia) is the maintained sanitiser; bleach is deprecated.
"""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "span",
        "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Tags removed together with their content (the text of a script is not a description).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select"})


def clean_html(html: str | None) -> str:
    """Rich text reduced to the allow-list; idempotent, so cleaning on save and on render agree."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow ugc",
        strip_comments=True,
    )


def clean_fields_on_save(model: type, *fields: str) -> None:
    """Sanitise ``fields`` of ``model`` before every save, whatever the path (forms, imports, admin, shell).

    A ``pre_save`` receiver rather than a form clean: every write through ``Model.save()`` passes
    here. Fields the model does not have (yet) are skipped, so an app can name a translation
    field that another migration adds later.
    """
    from django.db.models.signals import pre_save

    def clean_rich_text(sender, instance, **kwargs) -> None:
        for name in fields:
            value = getattr(instance, name, None)
            if isinstance(value, str) and value:
                setattr(instance, name, clean_html(value))

    pre_save.connect(clean_rich_text, sender=model, weak=False, dispatch_uid=f"clean_html:{model._meta.label}")
