"""WebKitGTK (the engine of Safari and of macOS's WKWebView) in Debian's MiniBrowser, driven by
Selenium through WebKitWebDriver, on a private Xvfb display.

A WebDriver session is one MiniBrowser with its own storage, so every page is a session.
WebKitWebDriver offers no console or error log; page_errors() sees what the page recorded
through window.onerror since it was opened.
"""

from __future__ import annotations

import os
import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.webkitgtk.service import Service

from tests.desktop.x11 import xvfb
from tests.support.deny_proxy import shared_proxy
from tests.support.engine_page import EnginePage

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")

_KEYS = {"Control": Keys.CONTROL, "End": Keys.END, "Enter": Keys.ENTER, "Delete": Keys.DELETE}

#: Collects uncaught errors, since WebKitWebDriver has no log to ask.
_ERROR_TRAP = """() => {
  if (!window.__engineErrors) {
    window.__engineErrors = [];
    window.addEventListener('error', (e) => window.__engineErrors.push(String(e.message)));
    window.addEventListener('unhandledrejection',
      (e) => window.__engineErrors.push(String(e.reason)));
  }
}"""


class WebKitEngine:
    """Xvfb plus a MiniBrowser per page, all through the test proxy."""

    name = "webkit"

    def __init__(self) -> None:
        self._stack = ExitStack()
        self.display = self._stack.enter_context(xvfb())
        self._pages: list[WebKitPage] = []

    def new_page(self) -> WebKitPage:
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        proxy = f"127.0.0.1:{shared_proxy().port}"
        options.set_capability(
            "proxy",
            {
                "proxyType": "manual",
                "httpProxy": proxy,
                "sslProxy": proxy,
                "noProxy": ["127.0.0.1", "localhost", "[::1]"],
            },
        )
        env = {**os.environ, "DISPLAY": self.display}
        env.pop("WAYLAND_DISPLAY", None)
        service = Service(executable_path=str(WEBKIT_DRIVER), env=env)
        with warnings.catch_warnings():
            # Selenium's own WebKitGTK class uses an argument Selenium deprecates.
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
        driver.set_script_timeout(180)
        driver.set_window_size(1600, 1000)
        page = WebKitPage(driver)
        self._pages.append(page)
        return page

    def version(self) -> str:
        page = self.new_page()
        try:
            return str(page.driver.capabilities.get("browserVersion", "?"))
        finally:
            page.close()

    def close(self) -> None:
        try:
            for page in list(self._pages):
                page.close()
        finally:
            self._stack.close()


class WebKitPage(EnginePage):
    engine = "webkit"

    def __init__(self, driver: webdriver.WebKitGTK) -> None:
        self.driver = driver
        self._open = True

    def goto(self, url: str) -> None:
        self.driver.get(url)
        self.evaluate(_ERROR_TRAP)

    def evaluate(self, source: str, arg: Any = None) -> Any:
        return self.driver.execute_script(f"return ({source})(arguments[0]);", arg)

    def click(self, selector: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def type(self, text: str) -> None:
        ActionChains(self.driver).send_keys(text).perform()

    def press(self, keys: str) -> None:
        names = [_KEYS.get(key, key) for key in keys.split("+")]
        chain = ActionChains(self.driver)
        for key in names[:-1]:
            chain.key_down(key)
        chain.send_keys(names[-1])
        for key in reversed(names[:-1]):
            chain.key_up(key)
        chain.perform()

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def page_errors(self) -> list[str]:
        errors = self.evaluate("() => window.__engineErrors || []")
        return [str(error) for error in errors]

    def close(self) -> None:
        if self._open:
            self._open = False
            self.driver.quit()
