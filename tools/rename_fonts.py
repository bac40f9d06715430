"""Make the bundled fonts: DejaVu Sans Condensed / Sans Mono renamed to StudySans / StudyMono.

Renamed so a PDF that embeds them proves the bundled files were used (the system may have DejaVu too, and
WeasyPrint falls back to system fonts silently). The Bitstream Vera licence allows modified copies under a name
without "Bitstream" or "Vera". Run once: python tools/rename_fonts.py /usr/share/fonts/truetype/dejavu templates/fonts
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = {
    "DejaVuSansCondensed.ttf": ("StudySans", "Regular"),
    "DejaVuSansCondensed-Bold.ttf": ("StudySans", "Bold"),
    "DejaVuSansCondensed-Oblique.ttf": ("StudySans", "Italic"),
    "DejaVuSansMono.ttf": ("StudyMono", "Regular"),
    "DejaVuSansMono-Bold.ttf": ("StudyMono", "Bold"),
}


def rename(src: Path, dest: Path, family: str, style: str) -> None:
    """Copy one font with every name record rewritten to the new family."""
    font = TTFont(src)
    names = {1: family, 2: style, 3: f"{family}-{style};studygen", 4: f"{family} {style}", 6: f"{family}-{style}",
             16: family, 17: style}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    font.save(dest / f"{family}-{style}.ttf")


def main(src_dir: str, dest_dir: str) -> None:
    """Rename every font in FONTS."""
    for name, (family, style) in FONTS.items():
        rename(Path(src_dir) / name, Path(dest_dir), family, style)


if __name__ == "__main__":
    main(*sys.argv[1:3])
