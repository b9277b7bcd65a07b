"""Which stores to compare: URLs and --name, or stores.csv, with one-line errors naming the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from uxaudit.benchmark.stores import Store, from_args, from_csv, reference_index
from uxaudit.errors import UsageError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stores.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_stores_file(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffName,URL,Group,notes\nOurs,https://ours.example,self,x\n\n"
                           "Rival & Co,rival.example/shop,competitor,\nOther Rival,http://127.0.0.1:8000,,\n")
    assert from_csv(path) == [
        Store("Ours", "https://ours.example/", "self", "ours"),
        Store("Rival & Co", "https://rival.example/shop", "competitor", "rival-co"),
        Store("Other Rival", "http://127.0.0.1:8000/", "", "other-rival"),
    ]


def test_a_row_without_url_names_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "name,url\nOurs,https://ours.example\nRival,\n")
    with pytest.raises(UsageError) as error:
        from_csv(path)
    assert str(error.value) == f"{path} row 3 (Rival): the url is empty"


def test_a_bad_url_names_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "name,url\nOurs,https://ours.example\nRival,ftp://rival.example\n")
    with pytest.raises(UsageError) as error:
        from_csv(path)
    assert str(error.value) == (f"{path} row 3 (Rival): unsupported URL scheme 'ftp' in 'ftp://rival.example'; "
                                "use http:// or https://")


@pytest.mark.parametrize(("text", "message"), [
    ("store,address\nA,https://a.example\n", "the header row needs the columns name and url (missing: name, url)"),
    ("name,url\n", "no store rows under the header"),
    ("name,url\n,https://a.example\n", "row 2: the name is empty"),
    ("name,url\nA,https://a.example\nA,https://b.example\n", "two stores are named 'A'; names must be unique"),
])
def test_other_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as error:
        from_csv(path)
    assert str(error.value) == f"{path}{' ' if message.startswith('row') else ': '}{message}"


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no stores file at .*nope\.csv$"):
        from_csv(tmp_path / "nope.csv")


def test_urls_are_named_by_name_flags_then_by_host() -> None:
    stores = from_args(["https://www.ours.example", "http://127.0.0.1:8001/", "rival.example"], ["Ours"])
    assert [(s.name, s.url, s.slug) for s in stores] == [
        ("Ours", "https://www.ours.example/", "ours"),
        ("127.0.0.1:8001", "http://127.0.0.1:8001/", "127-0-0-1-8001"),
        ("rival.example", "https://rival.example/", "rival-example"),
    ]


def test_more_names_than_urls_and_bad_urls() -> None:
    with pytest.raises(UsageError, match=r"^2 --name values for 1 URL$"):
        from_args(["https://a.example"], ["A", "B"])
    with pytest.raises(UsageError, match=r"^URL 2 \('ftp://b'\): unsupported URL scheme 'ftp'"):
        from_args(["https://a.example", "ftp://b"])


def test_slugs_stay_unique_and_the_reference_is_found() -> None:
    stores = from_args(["https://a.example", "https://b.example"], ["Shop!", "shop?"])
    assert [s.slug for s in stores] == ["shop", "shop-2"]
    assert reference_index(stores, None) == 0
    assert reference_index(stores, "shop?") == 1
    with pytest.raises(UsageError, match=r"^--reference 'Nope' is not one of the stores: Shop!, shop\?$"):
        reference_index(stores, "Nope")
