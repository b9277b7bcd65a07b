"""The Mann-Whitney U test against values scipy gives (scipy.stats.mannwhitneyu docs and by hand)."""

from __future__ import annotations

from math import comb

import pytest

from uxaudit.mannwhitney import mann_whitney_u

MALES = [19, 22, 16, 29, 24]
FEMALES = [20, 11, 17, 12]


def test_scipy_documentation_example() -> None:
    # scipy: mannwhitneyu(males, females, method="exact") -> U=17, p=0.1111111111111111;
    # method="asymptotic" -> p=0.11134688653314041.
    exact = mann_whitney_u(MALES, FEMALES, "two-sided", method="exact")
    assert (exact.u, exact.p) == (17.0, pytest.approx(0.1111111111111111))
    assert mann_whitney_u(MALES, FEMALES, "two-sided", method="normal").p == pytest.approx(0.11134688653314041)
    assert mann_whitney_u(MALES, FEMALES, "greater").p == pytest.approx(7 / 126)
    assert mann_whitney_u(MALES, FEMALES, "less").p == pytest.approx(1 - 4 / 126)


def test_three_against_three_can_reach_one_in_twenty() -> None:
    apart = mann_whitney_u([4, 5, 6], [1, 2, 3], "greater")
    assert (apart.u, apart.p, apart.method) == (9.0, pytest.approx(1 / comb(6, 3)), "exact")
    assert mann_whitney_u([1, 2, 3], [4, 5, 6], "greater").p == 1.0
    assert mann_whitney_u([3, 5, 6], [1, 2, 4], "greater").p == pytest.approx(2 / 20)


def test_ties_are_exact_by_permutation() -> None:
    assert mann_whitney_u([1, 1, 1], [1, 1, 1]).p == 1.0
    # pooled 0,0,0,5,5,5: U of [5,5,5] over [0,0,0] is 9, reached by 1 split in 20
    assert mann_whitney_u([5, 5, 5], [0, 0, 0]).p == pytest.approx(0.05)
    # one tie across samples: U = 8.5; splits with U >= 8.5 are 2 of 20
    assert mann_whitney_u([3, 4, 5], [1, 2, 3]).p == pytest.approx(2 / 20)


def test_large_samples_use_the_normal_approximation() -> None:
    x = [float(v) for v in range(10, 22)]
    y = [float(v) for v in range(12)]
    result = mann_whitney_u(x, y, "greater")
    assert result.method == "normal"
    # U = 142 of 144, two tied pairs (10, 11): z = (142 - 72 - 0.5) / sqrt(144/12 * (25 - 12/552)) = 4.01432,
    # and the normal upper tail of 4.01432 is 2.9807e-5.
    assert result.u == 142.0
    assert result.p == pytest.approx(2.9807e-5, rel=1e-3)
    small = mann_whitney_u(x[:7], y[:7], "greater")  # C(14, 7) = 3432 splits: exact, and close to normal
    assert small.method == "exact"
    assert small.p == pytest.approx(mann_whitney_u(x[:7], y[:7], "greater", method="normal").p, abs=0.01)


def test_empty_sample_is_an_error() -> None:
    with pytest.raises(ValueError):
        mann_whitney_u([], [1.0])
