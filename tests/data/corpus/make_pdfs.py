"""Render the PDF-only documents of the retrieval evaluation corpus.

The sources are `_pdf_src/<name>.pdfsrc` (ASCII text: `# ` title, `## ` heading,
`- ` bullet, blank line between paragraphs); each becomes `<name>.pdf` beside
this script, with a real text layer, left-aligned (no justification, no
hyphenation) so pypdf extracts the words exactly. Run once after editing a source:

    .venv/bin/python tests/data/corpus/make_pdfs.py

Needs fpdf2 (a test dependency). Output is deterministic (fixed creation date).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent


class _Doc(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 10, f"Corvane Instruments - page {self.page_no()}", align="C")


def render(source: Path, target: Path) -> int:
    pdf = _Doc(format="A4")
    pdf.set_creation_date(datetime(2024, 6, 1, tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    blocks = source.read_text(encoding="ascii").split("\n\n")
    for block in (b.strip() for b in blocks):
        if not block:
            continue
        if block.startswith("# "):
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 8, block[2:], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
            continue
        if block.startswith("## "):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, block[3:], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            continue
        pdf.set_font("Helvetica", "", 11.5)
        for line in block.splitlines():
            if line.startswith("- "):
                pdf.set_x(26)
                pdf.multi_cell(0, 6.2, "* " + line[2:], new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(0, 6.2, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.output(str(target))
    return pdf.page_no()


def main() -> None:
    for source in sorted((HERE / "_pdf_src").glob("*.pdfsrc")):
        target = HERE / f"{source.stem}.pdf"
        pages = render(source, target)
        print(f"{target.name}: {pages} pages")


if __name__ == "__main__":
    main()
