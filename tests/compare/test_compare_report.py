"""benchmark.html from hand-built audits: self-contained, escaped, charts as inline SVG."""

from __future__ import annotations

import re
from pathlib import Path

from _audits import outcome

from uxaudit.benchmark.outputs import write_outputs
from uxaudit.benchmark.table import build_table

EVIL = "<script>alert(1)</script>"
SCORES = {"guest-checkout": 1.0, "shipping-costs-upfront": 0.6, "load-speed": 0.8, "product-page": 0.95}
RIVAL = {"guest-checkout": 0.0, "shipping-costs-upfront": 1.0, "load-speed": 0.95, "product-page": 0.4}


def render(tmp_path: Path) -> str:
    outcomes = [outcome(EVIL, SCORES), outcome("Rival $5 \"deals\" & <b>co</b>", RIVAL),
                outcome("Gone", error=f"cannot load {EVIL}: host not found")]
    frame = build_table(outcomes, reference=0)
    paths = write_outputs(frame, outcomes, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["benchmark.csv", "benchmark.html", "benchmark.json"]
    return paths["html"].read_text(encoding="utf-8")


def test_store_names_and_reasons_are_escaped_everywhere(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>co</b>" not in html
    # inside the SVG charts too: matplotlib escapes the text, '$' is not read as mathtext
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) == 2
    assert all("&lt;script&gt;" in svg for svg in svgs)
    assert any("Rival \\$5" in svg or "Rival $5" in svg for svg in svgs)


def test_self_contained_without_any_script(tmp_path: Path) -> None:
    html = render(tmp_path)
    assert "script-src &#39;none&#39;" in html and "default-src &#39;none&#39;" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.split("<main", 1)[1].split("</main>")[0]
                         .replace('href="https://', "").replace('href="http://', ""))
    assert "<link" not in html and "@import" not in html
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.DOTALL):
        assert "xlink:href=\"http" not in svg and "<script" not in svg


def test_sections_leaderboard_gaps_and_research(tmp_path: Path) -> None:
    html = render(tmp_path)
    for heading in ("Leaderboard", "Category scores per store", "Every check, every store", "Key figures",
                    "The decisive checks, side by side"):
        assert heading in html
    assert "Not audited: cannot load &lt;script&gt;" in html
    lag = html.split("Where you lag", 1)[1].split("Where you lead", 1)[0]
    lead = html.split("Where you lead", 1)[1].split("</section>", 1)[0]
    assert lag.index("Shipping costs are shown up front") < lag.index("Pages load fast")  # −40 before −15
    assert "43% of stores show no shipping cost on the product page" in lag
    assert lead.index("Shoppers can check out as guests") < lead.index("Product pages give shoppers what they need")  # +100 before +55
    assert "47% of stores don&#39;t make guest checkout the most prominent option" in lead


def test_csv_is_the_table(tmp_path: Path) -> None:
    import pandas as pd

    render(tmp_path)
    table = pd.read_csv(tmp_path / "benchmark.csv")
    assert list(table["store"]) == [EVIL, "Rival $5 \"deals\" & <b>co</b>", "Gone"]
    assert list(table["check.guest-checkout"].fillna(-1)) == [100, 0, -1]
    assert list(table["audited"]) == [True, True, False]
