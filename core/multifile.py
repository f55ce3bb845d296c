"""A form field for several photos in one <input type="file" multiple>.

Django's file fields take one file; this one cleans each file with the validators given
(always core.uploads.validate_image: type, bytes and pixel count checked before anything decodes
the image) and returns a list.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import validate_image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args, max_files: int = 6, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("required", False)
        kwargs["validators"] = [validate_image, *kwargs.get("validators", [])]
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list:
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(_("最多上传 %(count)s 张照片。") % {"count": self.max_files}, code="too_many")
        return [super(MultipleImageField, self).clean(item, initial) for item in files]
