"""Whether a window can open, and the Qt environment the window needs."""

from __future__ import annotations

from desktop.shell.display import SITE_PER_PROCESS, missing_display, prepare_qt_environment


def nothing_answers(path: str) -> bool:
    return False


def answers_for(*paths: str) -> object:
    return lambda path: path in paths


def test_no_display_variables_means_no_window() -> None:
    reason = missing_display({}, "linux", nothing_answers)
    assert reason == "neither DISPLAY nor WAYLAND_DISPLAY is set"


def test_x_display_that_answers_allows_a_window() -> None:
    check = answers_for("/tmp/.X11-unix/X3")
    assert missing_display({"DISPLAY": ":3"}, "linux", check) is None  # type: ignore[arg-type]
    assert missing_display({"DISPLAY": ":3.0"}, "linux", check) is None  # type: ignore[arg-type]


def test_abstract_x_socket_counts_too() -> None:
    check = answers_for("@/tmp/.X11-unix/X5")
    assert missing_display({"DISPLAY": "unix:5"}, "linux", check) is None  # type: ignore[arg-type]


def test_dead_x_display_is_named_in_the_reason() -> None:
    reason = missing_display({"DISPLAY": ":9"}, "linux", nothing_answers)
    assert reason == "the X display :9 does not answer"


def test_forwarded_x_display_is_trusted_without_probing() -> None:
    assert missing_display({"DISPLAY": "localhost:10.0"}, "linux", nothing_answers) is None


def test_wayland_socket_in_the_runtime_dir() -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": "/run/user/1000"}
    check = answers_for("/run/user/1000/wayland-0")
    assert missing_display(env, "linux", check) is None  # type: ignore[arg-type]
    assert missing_display(env, "linux", nothing_answers) == (
        "the Wayland display wayland-0 does not answer"
    )


def test_offscreen_qt_needs_no_display() -> None:
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux", nothing_answers) is None


def test_windows_and_macos_always_have_a_display() -> None:
    assert missing_display({}, "win32", nothing_answers) is None
    assert missing_display({}, "darwin", nothing_answers) is None


def test_qt_gets_a_renderer_per_frame_without_losing_other_flags() -> None:
    env = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    prepare_qt_environment(env, is_root=False)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"].split() == ["--disable-gpu", SITE_PER_PROCESS]
    prepare_qt_environment(env, is_root=False)
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"].count(SITE_PER_PROCESS) == 1
    assert "QTWEBENGINE_DISABLE_SANDBOX" not in env


def test_root_disables_the_chromium_sandbox_unless_told_otherwise() -> None:
    env: dict[str, str] = {}
    prepare_qt_environment(env, is_root=True)
    assert env["QTWEBENGINE_DISABLE_SANDBOX"] == "1"
    chosen = {"QTWEBENGINE_DISABLE_SANDBOX": "0"}
    prepare_qt_environment(chosen, is_root=True)
    assert chosen["QTWEBENGINE_DISABLE_SANDBOX"] == "0"
