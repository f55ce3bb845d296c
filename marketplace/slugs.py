"""Readable ASCII slugs for Chinese names: 都匀毛尖 -> du-yun-mao-jian."""

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin


def pinyin_slugify(value: str, allow_unicode: bool = False) -> str:
    """Slugify with Chinese characters spelled in toneless pinyin (Oscar's OSCAR_SLUG_FUNCTION)."""
    spelled = " ".join(lazy_pinyin(str(value), style=Style.NORMAL, errors="default"))
    return slugify(spelled, allow_unicode=allow_unicode)
