"""uxaudit.toml: a good file, unknown keys and bad values named with their line, page-kind overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from uxaudit.config import Budget, find, line_of, load, parse
from uxaudit.errors import UsageError

GOOD = """\
# uxaudit.toml
url = "https://preview.shop.example"
viewports = ["mobile"]
pages = [
  "https://preview.shop.example/products/a",  # a = b inside a comment
  "https://preview.shop.example/products/b",
]
journeys = ["checkout"]
runs = 3
max_products = 2
max_categories = 1

[baseline]
path = "baseline/audit.json"
alpha = 0.1
min_change = 0.15

[baseline.min_absolute]
lcp_ms = 150

[budgets]
level = "warn"

[budgets.scores]
overall = 80
checkout = { min = 90, level = "error" }

[budgets.checks]
"mobile-friendly" = 90

[budgets.metrics]
lcp_ms = { max = 4000, level = "error" }
page_bytes = 2_000_000
checkout_fields = 11

[budgets.metrics.product]
lcp_ms = 3000
"""


def test_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "uxaudit.toml"
    path.write_text(GOOD)
    config = load(path)
    assert config.url == "https://preview.shop.example"
    assert config.viewports == ("mobile",) and config.journeys == ("checkout",)
    assert config.pages == ("https://preview.shop.example/products/a", "https://preview.shop.example/products/b")
    assert (config.runs, config.max_products, config.max_categories) == (3, 2, 1)
    assert config.baseline.path == tmp_path / "baseline" / "audit.json"
    assert (config.baseline.alpha, config.baseline.min_change, config.baseline.tolerance) == (0.1, 0.15, 0.2)
    assert config.baseline.min_absolute["lcp_ms"] == 150 and config.baseline.min_absolute["tbt_ms"] == 50
    assert config.budgets == (
        Budget("budgets.scores.overall", "score", "overall", 80, "warn", line=25),
        Budget("budgets.scores.checkout", "score", "checkout", 90, "error", line=26),
        Budget("budgets.checks.mobile-friendly", "check", "mobile-friendly", 90, "warn", line=29),
        Budget("budgets.metrics.lcp_ms", "metric", "lcp_ms", 4000, "error", line=32),
        Budget("budgets.metrics.page_bytes", "metric", "page_bytes", 2_000_000, "warn", line=33),
        Budget("budgets.metrics.checkout_fields", "metric", "checkout_fields", 11, "warn", line=34),
        Budget("budgets.metrics.product.lcp_ms", "metric", "lcp_ms", 3000, "warn", page_kind="product", line=37),
    )


def test_per_page_type_override() -> None:
    config = parse("[budgets.metrics]\nlcp_ms = 4000\n[budgets.metrics.home]\nlcp_ms = 2500\nrequests = 60\n")
    home = [b for b in config.budgets if b.page_kind == "home"]
    assert [(b.name, b.limit, b.line) for b in home] == [("lcp_ms", 2500, 4), ("requests", 60, 5)]


@pytest.mark.parametrize(("text", "message"), [
    ("runs = 3\nrun = 4\n",
     ("uxaudit.toml, line 2: unknown key run; known: url, out, viewports, pages, discover, journeys, runs, "
      "max_products, max_categories, throttle, policy_pages, block_external, ignore_robots, max_rate, report_url, "
      "access, baseline, budgets")),
    ("[budgets.metrics]\npage_bytes = 1\nlcp = 4000\n",
     ("uxaudit.toml, line 3: unknown key budgets.metrics.lcp; metrics: cls, fcp_ms, lcp_ms, tbt_ms, ttfb_ms, "
      "page_bytes, image_bytes, third_party_bytes, requests, checkout_fields; or a page kind for overrides: "
      "home, category, product, search, cart, checkout, policy, other")),
    ("[budgets.metrics.product]\ncheckout_fields = 9\n",
     ("uxaudit.toml, line 2: unknown key budgets.metrics.product.checkout_fields; page metrics: cls, fcp_ms, "
      "lcp_ms, tbt_ms, ttfb_ms, page_bytes, image_bytes, third_party_bytes, requests")),
    ("[budgets.scores]\nspeed = { min = 70, levl = \"warn\" }\n",
     "uxaudit.toml, line 2: unknown key budgets.scores.speed.levl; known: min, level"),
    ("[budgets]\n[budgets.checks]\nno-such-check = 50\n",
     "uxaudit.toml, line 3: unknown check budgets.checks.no-such-check; installed: "),
    ("[baseline]\n\n[baseline.extra]\n",
     ("uxaudit.toml, line 3: unknown key baseline.extra; known: path, alpha, min_change, tolerance, noise_factor, "
      "min_absolute")),
])
def test_unknown_keys_name_the_key_and_line(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("text", "message"), [
    ('url = "x"\nruns = "three"\n', "uxaudit.toml, line 2: runs must be a whole number of 1 or more, not 'three'"),
    ("runs = 0\n", "uxaudit.toml, line 1: runs must be a whole number of 1 or more, not 0"),
    ("max_products = true\n", "uxaudit.toml, line 1: max_products must be a whole number of 0 or more, not true"),
    ('viewports = ["tablet"]\n',
     "uxaudit.toml, line 1: viewports has unknown value 'tablet'; choose from mobile, desktop"),
    ("[baseline]\nalpha = 1.5\n", "uxaudit.toml, line 2: baseline.alpha must be a number above 0 and at most 1, not 1.5"),
    ("[budgets.scores]\noverall = 120\n",
     "uxaudit.toml, line 2: budgets.scores.overall must be a number at least 0 and at most 100, not 120"),
    ('[budgets.metrics]\nlcp_ms = { max = 4000, level = "fatal" }\n',
     'uxaudit.toml, line 2: budgets.metrics.lcp_ms.level must be "warn" or "error", not \'fatal\''),
    ("[budgets.metrics]\nlcp_ms = { level = \"warn\" }\n", "uxaudit.toml, line 2: budgets.metrics.lcp_ms needs max = <number>"),
    ("[budgets.metrics]\ncls = \"small\"\n",
     "uxaudit.toml, line 2: budgets.metrics.cls must be a number at least 0, not 'small'"),
    ("budgets = 3\n", "uxaudit.toml, line 1: budgets must be a table, not 3"),
    ("runs = \n", "uxaudit.toml: not valid TOML: Invalid value (at line 1, column 8)"),
])
def test_bad_values_name_the_key_and_line(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse(text)
    assert str(caught.value) == message


def test_line_finder_handles_dotted_quoted_and_multiline() -> None:
    text = ('a = """\nb = 1\n"""\n'          # 1-3: a multi-line string that looks like a key inside
            "[budgets]\n"                     # 4
            "metrics.lcp_ms = 1\n"            # 5: dotted key
            '"scores".\'overall\' = 3\n'     # 6: quoted parts
            "list = [\n  { b = 1 },\n]\n")   # 7-9
    assert line_of(text, ("b",)) is None
    assert line_of(text, ("budgets", "metrics", "lcp_ms")) == 5
    assert line_of(text, ("budgets", "scores", "overall")) == 6
    assert line_of(text, ("budgets", "scores", "overall", "level")) == 6
    assert line_of(text, ("budgets", "list", "b")) == 7
    assert line_of(text, ("budgets", "nothing")) == 4


def test_pyproject_table_and_discovery(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.uxaudit]\nruns = 2\nrunz = 1\n')
    with pytest.raises(UsageError) as caught:
        find(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'pyproject.toml'}, line 6: unknown key runz;")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.uxaudit]\nruns = 2\n')
    assert find(tmp_path).runs == 2  # type: ignore[union-attr]
    (tmp_path / "uxaudit.toml").write_text("runs = 5\n")
    assert find(tmp_path).runs == 5  # type: ignore[union-attr]  # uxaudit.toml wins
    assert find(tmp_path / "nowhere") is None
