"""The optional libraries some formats need, and the one line that says how to install them.

spaCy (``.spacy`` DocBin files) and dkpro-cassis (INCEpTION's UIMA CAS XMI) are optional extras:
the core install stays small. A reader imports its library only when it is used; the command
line asks :func:`missing_extra` first, so that a missing one is one line, before any file is
read or any database opened.
"""

from __future__ import annotations

from importlib.util import find_spec

# format -> (the module it imports, what the library is called, the extra that installs it)
EXTRAS = {
    "spacy": ("spacy", "spaCy", "spacy"),
    "inception": ("cassis", "dkpro-cassis", "inception"),
}


def missing_extra(fmt: str) -> str | None:
    """None when ``fmt`` needs no optional library or it is installed; else one line saying
    which library is missing and the command that installs it."""
    if fmt not in EXTRAS:
        return None
    module, library, extra = EXTRAS[fmt]
    if find_spec(module) is not None:
        return None
    return (
        f'--format {fmt} needs {library}, which is not installed: pip install "annotator[{extra}]"'
    )
