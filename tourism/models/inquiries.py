"""The group inquiry form (a Wagtail form page) for canteens, companies and travel groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from core.security import refuse_flood


class InquiryFormField(AbstractFormField):
    page = ParentalKey("GroupInquiryPage", on_delete=models.CASCADE, related_name="form_fields")


class GroupInquiryPage(AbstractEmailForm):
    """团队定制咨询: submissions are kept in the admin and emailed to staff."""

    intro = RichTextField(_("导语"), blank=True)
    thank_you_text = RichTextField(_("提交后的感谢语"), blank=True)

    def get_submissions_list_view_class(self):
        from tourism.submissions import SafeSubmissionsListView  # Wagtail's admin views load after the models

        return SafeSubmissionsListView  # its CSV/Excel export neutralises formulas

    def serve(self, request, *args, **kwargs):
        # Each inquiry emails staff: one IP may not flood them (core.security.refuse_flood).
        return refuse_flood(request, "group-inquiry") or super().serve(request, *args, **kwargs)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("表单字段")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("通知邮件"),
        ),
    ]
    parent_page_types = ["tourism.TourismIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("团队咨询表单")
