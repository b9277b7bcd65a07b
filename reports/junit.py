"""JUnit XML of a gate run: one test case per check and per budget.

CI systems (GitHub Actions test reporters, GitLab's merge-request test widget, Jenkins)
read this format. A check's case fails when it regressed against the baseline; a
budget's case fails when its limit is broken. ``warn`` budgets that break stay passing
cases with the warning in ``<system-out>``: only what fails the gate is red. Budgets
that could not be evaluated are ``<skipped>``.

Built with xml.etree, which escapes text and attributes; characters XML 1.0 forbids
(control characters a store's page may contain) are replaced first, so the file is
always well-formed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from uxaudit.gate import Assertion, GateResult

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for XML 1.0: forbidden characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _case(suite: ET.Element, assertion: Assertion, classname: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=clean(classname), name=clean(assertion.title), time="0")
    body = "\n".join([assertion.message, *assertion.items])
    if assertion.outcome == "skipped":
        ET.SubElement(case, "skipped", message=clean(assertion.message))
    elif assertion.outcome == "failed" and assertion.level == "error":
        kind = "regression" if assertion.kind == "check" else "budget"
        failure = ET.SubElement(case, "failure", message=clean(assertion.message), type=kind)
        failure.text = clean(body)
    elif assertion.outcome == "failed":
        out = ET.SubElement(case, "system-out")
        out.text = clean(f"warning: {body}")
    else:
        out = ET.SubElement(case, "system-out")
        out.text = clean(assertion.message)


def _suite(root: ET.Element, name: str, assertions: list[Assertion], prefix: str) -> None:
    failures = sum(1 for a in assertions if a.blocking)
    skipped = sum(1 for a in assertions if a.outcome == "skipped")
    suite = ET.SubElement(root, "testsuite", name=name, tests=str(len(assertions)), failures=str(failures),
                          errors="0", skipped=str(skipped), time="0")
    for assertion in assertions:
        group = assertion.category or "overall"
        _case(suite, assertion, f"{prefix}.{group}")


def render(result: GateResult) -> bytes:
    """The whole junit.xml document, UTF-8 with an XML declaration."""
    checks = [a for a in result.assertions if a.kind == "check"]
    budgets = [a for a in result.assertions if a.kind == "budget"]
    root = ET.Element("testsuites", name="uxaudit gate", tests=str(len(result.assertions)),
                      failures=str(sum(1 for a in result.assertions if a.blocking)), errors="0", time="0")
    _suite(root, "uxaudit checks", checks, "uxaudit.checks")
    _suite(root, "uxaudit budgets", budgets, "uxaudit.budgets")
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
