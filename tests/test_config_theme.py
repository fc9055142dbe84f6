"""`[render.theme]` in journeykit.toml: font, palette, logo and title, checked with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.workspace.config import ConfigError, read_config
from journeykit.workspace.themeconfig import MAX_LOGO_BYTES


def _read(tmp_path: Path, text: str, name: str = "journeykit.toml") -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    read_config(path)


def _error(tmp_path: Path, text: str, name: str = "journeykit.toml") -> ConfigError:
    with pytest.raises(ConfigError) as info:
        _read(tmp_path, text, name)
    return info.value


def test_a_whole_theme(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.svg").write_text("<svg/>", "utf-8")
    path = tmp_path / "journeykit.toml"
    path.write_text(
        '[render.theme]\nfont = "Source Sans 3"\npalette = ["#003f5c", "#FFA600", "#abc"]\n'
        'logo = "brand/logo.svg"\ntitle = "Acme journeys"\n',
        "utf-8",
    )
    theme = read_config(path).config.render.theme
    assert theme.font == "Source Sans 3"
    assert theme.palette == ["#003f5c", "#FFA600", "#abc"]
    assert theme.logo == "brand/logo.svg"
    assert theme.title == "Acme journeys"


def test_no_theme_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "journeykit.toml"
    path.write_text("include = ['**']\n", "utf-8")
    theme = read_config(path).config.render.theme
    assert (theme.font, theme.palette, theme.logo, theme.title) == (None, None, None, None)


def test_a_bad_palette_colour_names_its_line(tmp_path: Path) -> None:
    error = _error(tmp_path, '# brand\n[render.theme]\ntitle = "A"\npalette = ["#fff", "red"]\n')
    assert error.line == 4
    assert error.message == (
        "render.theme.palette: 'red' is not a CSS hex colour like '#1f77b4' or '#f80'"
    )


def test_an_empty_palette_is_an_error(tmp_path: Path) -> None:
    error = _error(tmp_path, "[render.theme]\npalette = []\n")
    assert error.line == 2
    assert error.message == (
        "render.theme.palette: Value should have at least 1 item after validation, not 0"
    )


def test_an_unknown_theme_key_suggests_the_known_one(tmp_path: Path) -> None:
    error = _error(tmp_path, '[render.theme]\ncolour = "x"\npallete = ["#fff"]\n')
    assert error.message in (
        "unknown key 'render.theme.colour'",
        "unknown key 'render.theme.pallete' (did you mean 'palette'?)",
    )
    error = _error(tmp_path, '[render.theme]\npallete = ["#fff"]\n')
    assert (error.message, error.line) == (
        "unknown key 'render.theme.pallete' (did you mean 'palette'?)",
        2,
    )
    error = _error(tmp_path, '[render]\nthem = {title = "x"}\n')
    assert error.message == "unknown key 'render.them' (did you mean 'theme'?)"


def test_a_font_name_cannot_carry_markup(tmp_path: Path) -> None:
    error = _error(tmp_path, '[render.theme]\nfont = "Inter\\"; x"\n')
    assert error.line == 2
    assert "is not a font family name" in error.message


@pytest.mark.parametrize(
    ("logo", "problem"),
    [
        ("brand/logo.png", "no file 'brand/logo.png' in the workspace"),
        ("notes.txt", "'notes.txt' must be an SVG or PNG file (.svg or .png)"),
        ("../outside.svg", "'../outside.svg' must be a path inside the workspace"),
        ("/etc/logo.svg", "'/etc/logo.svg' must be a path inside the workspace"),
    ],
)
def test_a_logo_must_be_an_image_in_the_workspace(tmp_path: Path, logo: str, problem: str) -> None:
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    (tmp_path.parent / "outside.svg").write_text("<svg/>", "utf-8")
    error = _error(tmp_path, f'[render.theme]\nlogo = "{logo}"\n')
    assert error.message == f"render.theme.logo: {problem}"
    assert error.line == 2
    assert error.file == str(tmp_path / "journeykit.toml")


def test_a_huge_logo_is_refused(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\0" * (MAX_LOGO_BYTES + 1))
    error = _error(tmp_path, '[render.theme]\nlogo = "logo.png"\n')
    assert error.message == "render.theme.logo: 'logo.png' is larger than 2 MB"


def test_the_theme_in_pyproject(tmp_path: Path) -> None:
    error = _error(
        tmp_path,
        '[project]\nname = "x"\n\n[tool.journeykit.render.theme]\nlogo = "gone.svg"\n',
        "pyproject.toml",
    )
    assert error.message == "tool.journeykit.render.theme.logo: no file 'gone.svg' in the workspace"
    assert error.line == 5
