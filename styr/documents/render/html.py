"""HTML: the document as one semantic, accessible page (the web app shows the same article).

Headings keep their levels, tables have captions and header cells with scope, status marks
are text (colour only helps), and the page declares its language.
"""

import base64

from django.utils.html import escape

from styr.documents.render.data import adoption_text, mark_fill
from styr.documents.tree import (
    Align,
    BulletList,
    Cell,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
)

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;
margin:0;color:#1b1b1b;background:#fff}
.styr-doc{max-width:60rem;margin:0 auto;padding:1.5rem}
.styr-doc header{border-bottom:2px solid #1b1b1b;margin-bottom:1.5rem}
.styr-doc nav ol{list-style:none;padding-left:0}.styr-doc nav ol ol{padding-left:1.5rem}
.styr-doc table{border-collapse:collapse;width:100%;margin:0 0 1.2rem;font-size:.9rem}
.styr-doc th,.styr-doc td{border:1px solid #999;padding:.3rem .45rem;vertical-align:top}
.styr-doc thead th{background:#f0f0f0;text-align:left}
.styr-doc .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.styr-doc .center{text-align:center}.styr-doc tr.sum td{font-weight:bold}
.styr-doc caption{text-align:left;font-weight:600;padding:.2rem 0}
.styr-doc .mark{display:inline-block;padding:0 .4rem;border-radius:.25rem;background:#ececec}
.styr-doc .mark--good{background:#e3f1e4}.styr-doc .mark--fair{background:#fdf3d6}
.styr-doc .mark--bad{background:#f9e0df}
@media print{.styr-doc nav{display:none}.styr-doc h2{break-before:page}}
"""

_ALIGN = {Align.RIGHT: "num", Align.CENTER: "center", Align.LEFT: ""}


def _anchor(heading: Heading) -> str:
    return f"kap-{heading.number.replace('.', '-')}"


def _cell(cell: Cell, tag: str, css: str) -> str:
    attrs = ' scope="row"' if tag == "th" else ""
    attrs += f' class="{css}"' if css else ""
    if cell.mark is not None:
        fill = mark_fill(cell.mark)
        body = (
            f'<span class="mark mark--{cell.mark.tone.value}" style="background:{fill}">'
            f"{escape(cell.mark.label)}</span>"
        )
    else:
        body = "<br>".join(escape(line) for line in cell.text.split("\n"))
    if cell.bold:
        body = f"<strong>{body}</strong>"
    return f"<{tag}{attrs}>{body}</{tag}>"


def figure_html(figure: Figure) -> str:
    data = base64.b64encode(figure.data).decode("ascii")
    return (
        f'<figure><img src="data:{escape(figure.content_type)};base64,{data}" '
        f'alt="{escape(figure.alt)}" width="{figure.width}" height="{figure.height}" '
        'style="max-width:100%;height:auto"></figure>'
    )


def table_html(table: Table) -> str:
    head = "".join(
        f'<th scope="col"{" class=num" if table.alignment(i) == Align.RIGHT else ""}>'
        f"{escape(h)}</th>"
        for i, h in enumerate(table.header)
    )
    rows = []
    for index, row in enumerate(table.rows):
        css = ' class="sum"' if index in table.sum_rows else ""
        cells = "".join(
            _cell(c, "th" if i == 0 else "td", _ALIGN[table.alignment(i)])
            for i, c in enumerate(row)
        )
        rows.append(f"<tr{css}>{cells}</tr>")
    return (
        f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _contents(document: Document) -> str:
    items: list[str] = []
    open_sub = False
    for heading in document.headings():
        if not heading.number:
            continue
        link = f'<a href="#{_anchor(heading)}">{escape(heading.number)} {escape(heading.text)}</a>'
        if heading.level == 1:
            if open_sub:
                items.append("</ol></li>")
                open_sub = False
            elif items:
                items.append("</li>")
            items.append(f"<li>{link}")
        else:
            if not open_sub:
                items.append("<ol>")
                open_sub = True
            items.append(f"<li>{link}</li>")
    items.append("</ol></li>" if open_sub else "</li>" if items else "")
    title = '<h2 id="innehall">Innehåll</h2>'
    return f'<nav aria-labelledby="innehall">{title}<ol>{"".join(items)}</ol></nav>'


def render_article(document: Document) -> str:
    """The document as an <article>, for embedding in a page of the web app."""
    parts = [
        f'<article class="styr-doc" lang="{escape(document.language)}">',
        "<header>",
        f"<p>{escape(document.municipality)}</p>",
        f"<h1>{escape(document.title)}</h1>",
        f"<p>{escape(document.subtitle)}</p>",
    ]
    if document.cover:
        parts.append('<dl class="styr-cover">')
        for label, value in document.cover:
            parts.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
        parts.append("</dl>")
    adopted = adoption_text(document)
    if adopted:
        parts.append(f"<p>{escape(adopted)}</p>")
    parts.append("</header>")
    parts.append(_contents(document))
    for block in document.blocks:
        if isinstance(block, Heading):
            # The page's <h1> is the document title, so chapter level 1 is <h2>, and so on.
            level = min(block.level + 1, 6)
            if block.number:
                parts.append(
                    f'<h{level} id="{_anchor(block)}">{escape(block.number)} '
                    f"{escape(block.text)}</h{level}>"
                )
            else:
                parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            parts.append("<p>" + "<br>".join(escape(line) for line in block.lines) + "</p>")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_html(block))
        elif isinstance(block, Figure):
            parts.append(figure_html(block))
    parts.append("</article>")
    return "\n".join(parts)


def render_html(document: Document) -> bytes:
    page = (
        f'<!DOCTYPE html>\n<html lang="{escape(document.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(document.title)} – {escape(document.body)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n{render_article(document)}\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
