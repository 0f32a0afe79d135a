"""A rendered body as the readers of one language get it on its page: footnotes under a heading
screen readers find, their ways back named in words, links within the site with the address
print shows, and the body's parts in other languages marked."""

from __future__ import annotations

import re
from functools import cache

from markupsafe import Markup, escape

from pressroom.base.languageparts import with_parts
from pressroom.pages.context import LanguageContext


def reader_body(site: LanguageContext, html: str, parts: tuple[tuple[str, str], ...], body_lang: str = "") -> Markup:
    """A body as this language's readers get it: its footnotes under a heading that screen
    readers find (hidden on screen, where the rule above them shows where they begin), each
    footnote's way back to the text named in words rather than by its arrow alone, and each link
    within the site with its full address, which print shows after it. It carries its ``parts``
    in other languages (none of this adds any) and its language where not the page's (``body_lang``)."""
    html = _print_addresses(site.catalog.config.base_path, site.catalog.config.link_base, html)
    if '<section class="footnotes">' not in html:
        return with_parts(html, parts, body_lang)
    heading = escape(site.language.gettext("Footnotes"))
    back = escape(site.language.gettext("Back to the text"))
    html = html.replace(
        '<section class="footnotes">',
        '<section class="footnotes" aria-labelledby="footnotes-heading">'
        f'<h2 id="footnotes-heading" class="visually-hidden" data-pagefind-ignore>{heading}</h2>',
        1,
    )
    html = html.replace('class="footnote-backref">', f'class="footnote-backref" aria-label="{back}">')
    return with_parts(html, parts, body_lang)


def _print_addresses(base_path: str, link_base: str, html: str) -> str:
    """Links to the site's own pages with ``data-print-url``, their address as a reader types it
    (print shows the ``href`` of links elsewhere; these hold a path without the host)."""
    if "://" not in link_base or f'<a href="{base_path}' not in html:
        return html
    return _site_link(base_path).sub(lambda found: f'{found[0]} data-print-url="{link_base}{found[1]}"', html)


@cache
def _site_link(base_path: str) -> re.Pattern[str]:
    return re.compile(f'<a href="{re.escape(base_path)}([^"#/][^"]*|)"')
