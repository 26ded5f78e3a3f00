"""Student Markdown to HTML that can neither run, nor track, nor point outside the portfolio.

Students are minors writing on a public site that carries the district's name. Their text goes
through the restricted renderer of `sanitize` (no raw HTML, no attribute lists, no includes), then
through this module's link policy, then through the nh3 allowlist:

- links: `http`/`https`/`mailto` and in-page `#fragments` stay; a relative link stays only when it
  names the student's own evidence page or artifact (rewritten to its published URL); anything
  else (`javascript:`, `data:`, `../../another-student/`) loses its target and keeps its words;
- images: only the student's own declared, re-encoded artifacts; a remote image could track
  readers or show anything, so it is dropped (its alt text stays);
- headings move down two levels so student text never competes with the page's own outline.

The result goes into the generated Markdown inside a raw `<div>` (no `markdown` attribute: md_in_html
leaves such a block alone, and would print `markdown="0"` into the page), which MkDocs passes
through untouched; tests check the built HTML, not this string.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from ..load.text_limits import literal_html, within_limits
from .sanitize import EXTENSIONS, clean

SAFE_SCHEMES = ("http", "https", "mailto")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def page_url(docs_path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs-relative page (`a/b.md` -> `a/b/` or `a/b.html`)."""
    stem, _ = posixpath.splitext(docs_path)
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def url_between(from_url: str, to_url: str) -> str:
    """A relative URL from one published URL to another (both site-root relative)."""
    base = from_url[:-1] if from_url.endswith("/") else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url.rstrip("/") or ".", base or ".")
    return rel + "/" if to_url.endswith("/") else rel


@dataclass
class Targets:
    """What a student's relative links and images may point at, by repository-relative path."""

    source: str
    """The student's .md file, repository-relative; relative links resolve from its folder."""
    pages: Mapping[str, str] = field(default_factory=dict)
    """Student .md file -> relative URL of its published page."""
    artifacts: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Artifact file -> (relative URL of the re-encoded file, declared alt text)."""

    def resolve(self, ref: str) -> str | None:
        folder = posixpath.dirname(self.source)
        path = posixpath.normpath(posixpath.join(folder, ref))
        return None if path.startswith("../") else path

    def link(self, href: str) -> str | None:
        """The href to publish for `href`, or None to drop it."""
        if any(ch in href for ch in "\\\x00\t\r\n") or not href.strip():
            return None
        if href.startswith("#"):
            return href
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            ok = parts.scheme.lower() in SAFE_SCHEMES and (parts.netloc or parts.scheme.lower() == "mailto")
            return href if ok else None
        target = self.resolve(parts.path) if parts.path else None
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if target is not None and target in self.pages:
            return self.pages[target] + fragment
        if target is not None and target in self.artifacts:
            return self.artifacts[target][0]
        return None

    def image(self, src: str) -> tuple[str, str] | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        target = self.resolve(parts.path)
        found = self.artifacts.get(target) if target else None
        return found if found and not found[0].lower().endswith(".pdf") else None  # a PDF is a link


class _Policy(Treeprocessor):  # type: ignore[misc]  # markdown ships no type hints
    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.targets = Targets("")

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "img":
                    self._image(parent, index, child)
                elif child.tag == "a":
                    self._link(child)
                elif child.tag in HEADINGS:
                    child.tag = f"h{min(int(child.tag[1]) + 2, 6)}"

    def _link(self, el: etree.Element) -> None:
        href = self.targets.link(el.get("href", ""))
        if href is None:
            el.tag = "span"
            el.attrib.clear()
        else:
            el.set("href", href)

    def _image(self, parent: etree.Element, index: int, el: etree.Element) -> None:
        found = self.targets.image(el.get("src", ""))
        if found is not None:
            url, declared = found
            alt = el.get("alt", "").strip() or declared
            el.attrib.clear()
            el.set("src", url)
            el.set("alt", alt)
            return
        replacement = etree.Element("span")
        replacement.text = el.get("alt", "")
        replacement.tail = el.tail
        parent.remove(el)
        parent.insert(index, replacement)


class StudentRenderer:
    """One Markdown instance, reused (`reset`) for every piece of student text of a build."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.policy = _Policy(self.md)
        self.md.treeprocessors.register(self.policy, "hcs_student_policy", 15)  # after "inline"

    def block(self, text: str, targets: Targets) -> str:
        if not within_limits(text):  # validation refused it (text-too-complex): never format it
            return literal_html(text)
        self.md.reset()
        self.policy.targets = targets
        try:
            return clean(self.md.convert(text))
        except RecursionError:
            return literal_html(text)
