"""StreamField blocks defined once and reused by every page type (CMS and tourism)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图注"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    source = blocks.CharBlock(label=_("出处"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("小标题"), form_classname="title", icon="title", template="cms/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("段落"), icon="pilcrow")
    image = CaptionedImageBlock(label=_("图片"))
    quote = QuoteBlock(label=_("引文"))
