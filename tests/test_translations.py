"""Chinese first, English too: the English catalogue is complete and shipped compiled."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def test_every_english_string_is_translated():
    with open(LOCALE / "en/LC_MESSAGES/django.po", "rb") as handle:
        catalogue = read_po(handle, locale="en")
    untranslated = [m.id for m in catalogue if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, f"run `make makemessages` and translate: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy guesses left in the English catalogue: {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_compiled_catalogues_match_their_sources(language):
    with open(LOCALE / language / "LC_MESSAGES/django.po", "rb") as handle:
        source = read_po(handle, locale=language.replace("_Hans", ""))
    with open(LOCALE / language / "LC_MESSAGES/django.mo", "rb") as handle:
        compiled = read_mo(handle)
    def key(message_id) -> str:
        return message_id if isinstance(message_id, str) else message_id[0]

    translated = {key(m.id) for m in source if m.id and m.string and (all(m.string) if isinstance(m.string, tuple) else True)}
    assert translated <= {key(m.id) for m in compiled}, "run `make messages` and commit the .mo files"


@pytest.mark.django_db
def test_english_pages_read_in_english(client):
    body = client.get("/en/wholesale/").content.decode()
    assert "Wholesale" in body
    assert "批发采购：超市" not in body


def test_translation_functions_keep_names_makemessages_extracts():
    """`makemessages` (xgettext) only extracts calls spelled _, gettext, gettext_lazy, pgettext…:
    a string marked through another alias (``gettext_lazy as _lazy``) silently drops out of the
    catalogue at the next extraction, and the English site shows the Chinese again."""
    import re

    root = LOCALE.parent
    known = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
    alias = re.compile(r"from django\.utils\.translation import[^\n]*\b(?:n?p?gettext(?:_lazy)?) as (\w+)")
    offenders = [
        f"{path.relative_to(root)}: as {name}"
        for path in root.rglob("*.py")
        if not {".venv", "node_modules", "tests"} & set(path.relative_to(root).parts)
        for name in alias.findall(path.read_text(encoding="utf-8"))
        if name not in known
    ]
    assert not offenders, offenders


@pytest.mark.django_db
def test_a_missing_required_field_reads_as_our_chinese_not_wagtails(client):
    # Wagtail's admin catalogue says "必需字段" for Django's "This field is required." on every form.
    response = client.post("/shop/accounts/login/", {"login_submit": "1", "login-username": "", "login-password": ""})
    page = response.content.decode()
    assert "请填写此项。" in page and "必需字段" not in page
    english = client.post("/en/shop/accounts/login/", {"login_submit": "1", "login-username": "", "login-password": ""})
    assert "This field is required." in english.content.decode()
