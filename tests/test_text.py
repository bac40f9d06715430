"""generator.text: the plain-text fast path must agree with the Markdown parser on every text."""
from hypothesis import given, settings, strategies as st

from generator import text


def parsed(md: str) -> str:
    """plain() without the fast path."""
    out = []
    for tok in text._md().parseInline(md):
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)


ALPHABET = st.sampled_from(list("abc XY12:;.,-'\"()/=+%#$@{}|^?é→\t") + ["  ", "**", "`", "_", "\\", "<b>", "&amp;", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_plain_fast_path_matches_parser(md):
    text.plain.cache_clear()
    assert text.plain(md) == parsed(md)


def test_plain_of_markup_and_of_clean_text():
    assert text.plain("**Bold** and `code` &amp; x") == "Bold and code & x"
    assert text.plain("Recall = TP/(TP + FN), 95% of 1.5 s") == "Recall = TP/(TP + FN), 95% of 1.5 s"
