"""Where data lives: platformdirs by default, overridden by option or environment."""

from __future__ import annotations

from pathlib import Path

from avenue_desk.paths import AppPaths, resource_path


def test_option_beats_environment_beats_platformdirs(tmp_path):
    env = {"AVENUE_DESK_DATA_DIR": str(tmp_path / "from-env")}
    assert AppPaths.resolve(tmp_path / "opt", environ=env).data_dir == tmp_path / "opt"
    assert AppPaths.resolve(None, environ=env).data_dir == tmp_path / "from-env"
    default = AppPaths.resolve(None, environ={}).data_dir
    assert "Avenue Desk" in str(default)


def test_database_url_override(tmp_path):
    env = {"AVENUE_DESK_DATABASE_URL": "postgresql+psycopg://trust/desk"}
    paths = AppPaths.resolve(tmp_path, environ=env)
    assert paths.database_url == "postgresql+psycopg://trust/desk"
    assert not paths.uses_sqlite_file
    plain = AppPaths.resolve(tmp_path, environ={})
    assert plain.database_url.endswith("/avenue-desk.sqlite3") and plain.uses_sqlite_file
    assert AppPaths.resolve(tmp_path, "sqlite:///x.db", environ=env).database_url == (
        "sqlite:///x.db"
    )


def test_demo_data_lives_beside_never_inside(tmp_path):
    real = AppPaths(tmp_path / "Avenue Desk")
    demo = real.demo()
    assert demo.data_dir.parent == real.data_dir.parent
    assert real.data_dir not in demo.data_dir.parents and demo.data_dir != real.data_dir


def test_resources_are_found_from_a_checkout():
    assert resource_path("fonts").parent == Path(__file__).resolve().parents[1] / "resources"


def test_the_user_guide_is_found_from_a_checkout():
    from avenue_desk.paths import docs_path

    assert docs_path("user-guide.md").is_file()
    assert docs_path("guide").is_dir() and docs_path("images", "home.png").is_file()
