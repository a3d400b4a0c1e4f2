"""Running small jobs on Qt's GUI thread (menu actions run on their own threads)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from PyQt6 import QtCore
from PyQt6.QtGui import QGuiApplication
from PyQt6.QtWidgets import QApplication, QWidget

APP_ID = "interview-desk"


def name_the_app() -> None:
    """Before Qt starts: WM_CLASS and the Wayland app id match the .desktop file, not python3."""
    os.environ.setdefault("RESOURCE_NAME", APP_ID)
    QtCore.QCoreApplication.setApplicationName(APP_ID)
    QGuiApplication.setDesktopFileName(APP_ID)


class _Invoker(QtCore.QObject):
    job = QtCore.pyqtSignal(object)

    def __init__(self) -> None:
        super().__init__()
        self.job.connect(self._run)

    @QtCore.pyqtSlot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


_lock = threading.Lock()
_invoker: _Invoker | None = None


def in_gui_thread(job: Callable[[], None]) -> None:
    """Queue `job` for the GUI thread; a signal crossing threads is delivered there."""
    global _invoker
    with _lock:
        if _invoker is None:
            app = QApplication.instance()
            if app is None:
                return
            invoker = _Invoker()
            invoker.moveToThread(app.thread())
            _invoker = invoker
    _invoker.job.emit(job)


def copy_text(text: str) -> None:
    def job() -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)

    in_gui_thread(job)


def bring_to_front(native: QWidget) -> None:
    """Un-minimise, raise and focus the window, as a second launch expects."""

    def job() -> None:
        state = native.windowState() & ~QtCore.Qt.WindowState.WindowMinimized
        native.setWindowState(state | QtCore.Qt.WindowState.WindowActive)
        native.show()
        native.raise_()
        native.activateWindow()

    in_gui_thread(job)
