"""The HTML report: scores and every check shown, store data escaped, nothing fetched."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import Rendered
from markupsafe import Markup, escape
from report_sample import IMG_PAYLOAD, JS_URL, PAYLOAD, sample_audit, sample_checks
from uxaudit.reports.html import PRINT_SCRIPT, render


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def article(html: str, element_id: str) -> str:
    """The markup of one check's <article>."""
    match = re.search(rf'<article [^>]*id="{re.escape(element_id)}".*?</article>', html, re.DOTALL)
    assert match, f"no article {element_id}"
    return match.group(0)


def test_is_a_complete_document(sample: Rendered) -> None:
    assert sample.html.startswith("<!doctype html>")
    assert sample.html.rstrip().endswith("</html>")
    assert '<html lang="en">' in sample.html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in sample.html


def test_shows_overall_and_category_scores_per_tab(sample: Rendered) -> None:
    for tab, scores in sample.audit.judgement.scores.items():
        assert f'id="tab-{tab}"' in sample.html
        panel = sample.html.split(f'class="panel panel-{tab}"', 1)[1]
        assert f'aria-label="Overall: {scores.overall:.0f} of 100' in panel
        for score in scores.categories.values():
            if score is not None:
                assert f"{score:.0f} of 100" in panel


def test_every_check_is_shown_in_every_tab(sample: Rendered) -> None:
    judgement = sample.audit.judgement
    for result in judgement.combined:
        assert f'id="combined-{result.id}"' in sample.html
    for result in judgement.checks:
        assert f'id="{result.viewport}-{result.id}"' in sample.html
    for check in sample_checks().values():
        assert escape(check.title) in sample.html


def test_bands_colour_the_gauges(sample: Rendered) -> None:
    combined = sample.audit.judgement.scores["combined"]
    assert combined.overall is not None and 50 <= combined.overall < 90
    assert re.search(r'class="gauge gauge-large band-average" role="img" aria-label="Overall: \d+ of 100, needs work"',
                     sample.html)
    assert "band-poor" in sample.html  # the phone speed score, 41


def test_unevaluated_checks_say_could_not_evaluate_with_the_reason(sample: Rendered) -> None:
    error = article(sample.html, "combined-payment-options")
    assert "badge-error" in error and "Could not evaluate" in error
    assert "KeyError: &#39;payment_iframes&#39;" in error
    assert "badge-pass" not in error and "badge-fail" not in error and "check-score" not in error
    na = article(sample.html, "mobile-search-synonym")
    assert "badge-na" in na
    assert "Could not evaluate:</strong> the search journey was not run in the mobile viewport" in na
    assert "badge-pass" not in na and "badge-fail" not in na


def test_could_not_evaluate_section_lists_evidence_problems(sample: Rendered) -> None:
    section = sample.html.split('id="cne-combined"', 1)[1].split("</section>", 1)[0]
    assert "Timeout 30000 ms exceeded while loading" in section
    assert "no search field found in the header or first screen" in section
    assert "Popular payment options are offered" in section
    desktop = sample.html.split('id="cne-desktop"', 1)[1].split("</section>", 1)[0]
    assert "Timeout 30000 ms" in desktop
    mobile = sample.html.split('id="cne-mobile"', 1)[1].split("</section>", 1)[0]
    assert "Timeout 30000 ms" not in mobile  # a desktop problem is not the phone's


def test_findings_show_where_what_and_how_to_fix(sample: Rendered) -> None:
    tap = article(sample.html, "mobile-tap-targets")
    assert "<code>header .site-header__icons a.account-link</code>" in tap
    assert "22×22 px" in tap
    assert "Make every button and link at least 24×24 CSS px" in tap
    assert "0–49 poor" not in tap
    # the outline sits on the account icon, in percent of the 412×823 screenshot
    assert 'left: 82.52%; top: 2.07%; width: 5.34%; height: 2.67%;' in tap
    assert "below the first screen" in tap  # the footer link at y=1840 gets a note, not an outline
    assert "0.1 s faster on mobile gave +8.4% retail conversion" in article(sample.html, "mobile-load-speed")


def test_long_finding_lists_fold_after_five(sample: Rendered) -> None:
    form = article(sample.html, "mobile-form-fields")
    first, rest = form.split('<details class="more">', 1)
    assert first.count('<li class="finding') == 5
    assert "Show 8 more findings" in rest and rest.count('<li class="finding') == 8


def test_a_missing_screenshot_is_said_not_fatal(sample: Rendered, tmp_path: Path) -> None:
    assert "missing from the audit folder" in article(sample.html, "mobile-form-fields")
    audit = sample_audit(tmp_path)
    shutil.rmtree(tmp_path / "screenshots")
    html = render(audit, tmp_path, checks=sample_checks())
    assert "data:image/jpeg" not in html
    assert "No screenshot" in html


def test_screenshots_are_embedded_once_as_data_uris(sample: Rendered) -> None:
    uris = re.findall(r'url\("(data:image/jpeg;base64,[A-Za-z0-9+/=]+)"\)', sample.html)
    files = {(sample.folder / p.screenshot.path).read_bytes() for p in sample.audit.evidence.pages if p.screenshot}
    assert len(uris) == len(set(uris)) == len(files)  # one copy per distinct file, however often it is shown
    assert len(sample.html) < 1_500_000


def test_nothing_is_fetched_from_anywhere(hostile: Rendered) -> None:
    tags = parse(hostile.html)
    names = {tag for tag, _ in tags.tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "video", "audio", "source", "base", "form"}
    for tag, attrs in tags.tags:
        for name in ("src", "srcset", "data", "poster", "action", "background"):
            assert name not in attrs, f"<{tag} {name}=...>"
        if "href" in attrs:
            assert tag == "a" and attrs["href"].startswith(("http://", "https://", "#")), attrs["href"]
    for url in re.findall(r"url\(([^)]*)\)", hostile.html):
        assert url.strip("\"'").startswith("data:"), url
    assert "@import" not in hostile.html
    csp = next(a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy")
    assert csp.startswith("default-src 'none'; img-src data:;")


def test_store_data_is_escaped(hostile: Rendered) -> None:
    html = hostile.html
    assert PAYLOAD not in html and IMG_PAYLOAD not in html
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in html  # title, selector, messages
    assert "&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html
    assert "Sweater &lt;script&gt;" in html  # the page title
    assert "<code>div[title=&#39;&lt;script&gt;" in html  # the selector
    tags = parse(html)
    assert tags.scripts == [PRINT_SCRIPT]
    assert not any(name.startswith("on") for _, attrs in tags.tags for name in attrs)


def test_only_http_urls_become_links(hostile: Rendered) -> None:
    html = hostile.html
    assert JS_URL in html  # shown as text…
    assert f'<span class="url">{JS_URL}</span>' in html
    assert not re.search(r'href="\s*(javascript|data|vbscript):', html, re.IGNORECASE)  # …never linked
    assert '<span class="url">data:text/html,&lt;script&gt;' in html
    plugin = article(html, "combined-hostile-plugin")
    assert "Evil &lt;script&gt;" in plugin and 'href="javascript' not in plugin


def test_braces_and_boxes_outside_the_screen_do_not_break_rendering(hostile: Rendered) -> None:
    plugin = article(hostile.html, "mobile-hostile-plugin")
    assert "https://www.northwind-outfitters.example/p/{x}" in plugin
    assert "outside the captured screen" in plugin


def test_unknown_check_still_renders_from_its_result(sample: Rendered, tmp_path: Path) -> None:
    audit = sample_audit(tmp_path)
    html = render(audit, tmp_path, checks={})
    tap = article(html, "mobile-tap-targets")
    assert "Tap targets are big enough" in tap and "Why it matters" not in tap
    assert "The account icon is 22×22 px" in tap


def test_extra_sections_are_placed_before_the_results(sample: Rendered) -> None:
    fragment = Markup('<section class="card" id="baseline"><h2>Compared with the baseline</h2></section>')
    html = render(sample.audit, sample.folder, checks=sample_checks(), sections=[fragment])
    assert html.index('id="baseline"') < html.index('class="panel panel-combined"')
