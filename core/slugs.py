"""Readable ASCII slugs for Chinese names: 都匀毛尖 -> du-yun-mao-jian."""

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin, load_phrases_dict

# Place names whose characters pypinyin reads the common way, not the local way
# (都匀 is dū yún, not dōu; 长顺 is cháng, not zhǎng; 马尾绣 is mǎ wěi).
load_phrases_dict(
    {
        "都匀": [["dū"], ["yún"]],
        "三都": [["sān"], ["dū"]],
        "长顺": [["cháng"], ["shùn"]],
        "马尾": [["mǎ"], ["wěi"]],
    }
)


def pinyin_slugify(value: str, allow_unicode: bool = False) -> str:
    """Slugify with Chinese characters spelled in toneless pinyin (Oscar's OSCAR_SLUG_FUNCTION)."""
    spelled = " ".join(lazy_pinyin(str(value), style=Style.NORMAL, errors="default"))
    return slugify(spelled, allow_unicode=allow_unicode)
