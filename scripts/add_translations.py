"""Merge translations into a shipped catalogue and compile it, under a file lock.

Several people (or helpers) add strings at once; each keeps its new entries in a small .po file
and runs this script, so no two writers rewrite `django.po` at the same time:

    .venv/bin/python scripts/add_translations.py my_strings.po              # English: locale/en
    .venv/bin/python scripts/add_translations.py --lang zh_Hans --dir locale_oscar oscar_fixes.po

Entries in the given file replace entries with the same msgid (and context). `make makemessages`
later adds the source locations and drops strings no code uses any more.
"""

import argparse
import fcntl
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--dir", default="locale")
    args = parser.parse_args()
    target = ROOT / args.dir / args.lang / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    locale = args.lang.replace("_Hans", "")
    with open(ROOT / ".translations.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():
            with open(target, "rb") as handle:
                catalogue = read_po(handle, locale=locale)
        else:
            from babel.messages.catalog import Catalog

            catalogue = Catalog(locale=locale, fuzzy=False)
        added = 0
        for path in args.files:
            with open(path, "rb") as handle:
                incoming = read_po(handle, locale=locale)
            for message in incoming:
                if not message.id:
                    continue
                existing = catalogue.get(message.id, message.context)
                if existing is not None:
                    existing.string = message.string
                    existing.flags.discard("fuzzy")
                else:
                    catalogue.add(message.id, message.string, context=message.context)
                added += 1
        with open(target, "wb") as handle:
            write_po(handle, catalogue, width=0)
        with open(target.with_suffix(".mo"), "wb") as handle:
            write_mo(handle, catalogue)
    print(f"{added} entries merged into {target.relative_to(ROOT)} (compiled)")


if __name__ == "__main__":
    main()
