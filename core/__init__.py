"""The shared kernel: cross-cutting helpers every app may use, and which import no app of ours.

One of each, in one place: upload and image validators, the rich-text sanitiser, the safe
CSV/Excel writer, money parsing and formatting, PDF text escaping, phone and credit-code
validators. Only Django, the standard library and third-party packages are imported here.
"""
