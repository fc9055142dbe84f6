"""A file with errors loses nothing else: its valid items stay, its ids resolve, and
references that cannot be checked fold into one finding per file (JK208)."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

from journeykit.findings import Finding, exit_code_for
from journeykit.run.engine import lint_paths, validate_paths
from journeykit.run.load import load_workspace
from journeykit.run.targets import resolve_targets

RETAIL = Path(__file__).resolve().parent.parent / "examples" / "retail"


def retail(tmp_path: Path) -> Path:
    return Path(shutil.copytree(RETAIL, tmp_path / "retail"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def with_pets(tmp_path: Path) -> Path:
    root = retail(tmp_path)
    income = "      income: Middle\n"
    edit(root / "personas.yaml", income, income + "      pets: dog\n")
    return root


def codes(findings: list[Finding]) -> dict[str, int]:
    return dict(collections.Counter(f.code for f in findings))


def test_a_persona_with_an_unknown_nested_key_keeps_the_catalog(tmp_path: Path) -> None:
    root = with_pets(tmp_path)
    project, findings = load_workspace(resolve_targets([root])[0])
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("JK102", 19, 7)]
    assert set(project.personas) == {"style-enthusiast", "home-maker"}
    assert project.lent["persona"] == {"busy-parent"}


def test_lint_on_a_catalog_with_an_error_reports_the_error_and_no_cascade(tmp_path: Path) -> None:
    root = retail(tmp_path)
    edit(root / "personas.yaml", "      income: Middle to upper middle\n", "      pets: a cat\n")
    found = lint_paths([root], base=root).findings
    clean = lint_paths([RETAIL], base=RETAIL).findings
    # No JK2xx cascade, and the rules still see the valid personas: the clean
    # workspace's one JK406 is about busy-parent's channels, and it is still there.
    assert codes(found) == {**codes(clean), "JK102": 1}
    assert next(f.message for f in found if f.code == "JK406").startswith("persona 'busy-parent'")


def test_validating_the_catalog_alone_reports_the_nested_key(tmp_path: Path) -> None:
    root = with_pets(tmp_path)
    result = validate_paths([root / "personas.yaml"], base=root)
    assert [(f.code, f.location.file, f.location.line) for f in result.findings] == [
        ("JK102", "personas.yaml", 19)
    ]
    assert exit_code_for(result.findings) == 1


def unreferenced_counts(root: Path) -> dict[str, int]:
    """JK203 per file when the channel catalog is valid but empty: every reference."""
    (root / "channels.yaml").write_text("version: 1\nchannels: []\n", "utf-8")
    result = validate_paths([root], base=root)
    return dict(collections.Counter(f.location.file for f in result.findings))


def test_an_unreadable_catalog_folds_its_references_into_one_finding_per_file(
    tmp_path: Path,
) -> None:
    every = unreferenced_counts(retail(tmp_path / "empty"))
    root = retail(tmp_path)
    edit(root / "channels.yaml", "version: 1\n", "")
    result = validate_paths([root], base=root)
    assert codes(result.findings) == {"JK014": 1, "JK208": len(every)}
    folded = {f.location.file: f for f in result.findings if f.code == "JK208"}
    assert set(folded) == set(every)
    for file, finding in folded.items():
        assert finding.message == (
            f"{every[file]} references to channels could not be checked because "
            "channels.yaml could not be read (see JK014 at channels.yaml:3:1)"
        )
    # At the first reference of the file.
    assert (folded["personas.yaml"].location.line, folded["personas.yaml"].location.column) == (
        36,
        18,
    )


def test_one_journey_given_shows_its_folded_references_and_fails(tmp_path: Path) -> None:
    root = retail(tmp_path)
    edit(root / "channels.yaml", "version: 1\n", "")
    journey = root / "journeys" / "online-order.journey.yaml"
    result = validate_paths([journey], base=root)
    assert [(f.code, f.location.file) for f in result.findings] == [
        ("JK208", "journeys/online-order.journey.yaml")
    ]
    assert exit_code_for(result.findings) == 1


def test_a_spoiled_item_lends_its_id_but_is_no_model(tmp_path: Path) -> None:
    root = with_pets(tmp_path)
    edit(root / "personas.yaml", "      pets: dog\n", "")
    edit(
        root / "personas.yaml",
        "    name: Sanna, the busy parent\n",
        "    name: Sanna, the busy parent\n    name: Sanna\n",
    )
    project, findings = load_workspace(resolve_targets([root])[0])
    assert codes(findings) == {"JK005": 1}
    assert set(project.personas) == {"style-enthusiast", "home-maker"}
    assert project.lent["persona"] == {"busy-parent"}


def test_a_journey_with_an_error_lends_its_id_and_touchpoints(tmp_path: Path) -> None:
    root = retail(tmp_path)
    edit(root / "journeys" / "loyalty-programme.journey.yaml", "\ntitle:", "\ntitel:")
    project, findings = load_workspace(resolve_targets([root])[0])
    assert codes(findings) == {"JK101": 1, "JK102": 1}
    assert "loyalty-programme" in project.lent["journey"]
    source, touchpoints = project.lent_touchpoints["loyalty-programme"]
    assert source.rel == "journeys/loyalty-programme.journey.yaml"
    assert touchpoints is not None and "till-club-question" in touchpoints
