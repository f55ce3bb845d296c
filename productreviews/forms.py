from django import forms
from django.utils.translation import gettext_lazy as _

from core.multifile import MultipleImageField
from productreviews.services import MAX_PHOTOS, MAX_TEXT

RATING_CHOICES = [(5, _("5 星 · 非常好")), (4, _("4 星 · 好")), (3, _("3 星 · 一般")), (2, _("2 星 · 差")), (1, _("1 星 · 很差"))]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("评分"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect)
    body = forms.CharField(
        label=_("评价内容"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": _("口感、新鲜度、包装……说说您的真实感受")}),
    )
    photos = MultipleImageField(label=_("晒图"), max_files=MAX_PHOTOS, help_text=_("最多 6 张，JPG、PNG 或 WebP。"))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("公开回复"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("隐藏原因"), max_length=500)
