"""In-page steps and the stock-Pyodide page for the start-up benchmark; every time is read from
the page's own clock (milliseconds since navigation started), so Playwright's polling never adds
to a figure."""

from __future__ import annotations

from aiohttp import web

from tests.support.thread_server import ThreadServer

#: Stock Pyodide as its documentation shows it: `loadPyodide` in a plain (module) worker, then a
#: print. (The relay serves only the files our runner loads: pyodide.mjs, not pyodide.js.)
STOCK_WORKER = """
const { loadPyodide } = await import(BASE + 'pyodide.mjs');
loadPyodide({ indexURL: BASE }).then((pyodide) => {
  postMessage({ type: 'ready', at: performance.timeOrigin + performance.now() });
  const wire = () => performance.getEntriesByType('resource')
    .reduce((sum, entry) => sum + entry.transferSize, 0);
  pyodide.setStdout({ batched: (text) => postMessage({ type: 'output', text,
    at: performance.timeOrigin + performance.now(), wire: wire() }) });
  pyodide.runPython('print(1+1)');
});
"""

STOCK_PAGE = """<!doctype html><meta charset="utf-8"><title>stock Pyodide</title><script>
window.stock = new Promise((resolve) => {
  const times = {};
  const worker = new Worker('/stock-worker.js', { type: 'module' });
  worker.onmessage = (event) => {
    const at = event.data.at - performance.timeOrigin;
    if (event.data.type === 'ready') times.readyMs = at;
    if (event.data.type === 'output') {
      resolve({ ...times, outputMs: at, output: event.data.text, wire: event.data.wire });
    }
  };
});
</script>"""


class StockServer(ThreadServer):
    """The stock page on its own port; Pyodide comes from the relay, the same files as ours."""

    def __init__(self, pyodide_base: str) -> None:
        app = web.Application()
        self.worker = f"const BASE = {pyodide_base!r};\n{STOCK_WORKER}"
        app.router.add_get("/stock.html", self._page)
        app.router.add_get("/stock-worker.js", self._worker)
        super().__init__(app)

    async def _page(self, _: web.Request) -> web.Response:
        return web.Response(text=STOCK_PAGE, content_type="text/html")

    async def _worker(self, _: web.Request) -> web.Response:
        return web.Response(text=self.worker, content_type="text/javascript")


#: The Pyodide files the page and (for what it did not fetch) the worker transferred.
WIRE_BYTES = """
(startup) => {
  const page = performance.getEntriesByType('resource')
    .filter((entry) => entry.name.includes('/pyodide/'))
    .map((entry) => ({ name: entry.name.split('/').pop(), transferSize: entry.transferSize }));
  const worker = (startup ? startup.resources : []).map((entry) => ({ name: entry.name,
    transferSize: entry.transferSize }));
  return [...page, ...worker];
}"""

#: Joins as soon as the page has loaded, presses Run once Python is ready; page-clock times.
JOIN_AND_RUN = """
async () => {
  const waitFor = (test) => new Promise((resolve) => {
    const poll = () => {
      const value = test();
      if (value) resolve(value); else setTimeout(poll, 2);
    };
    poll();
  });
  const joinMs = performance.now();
  document.querySelector('[data-testid=join-button]').click();
  const button = await waitFor(() => document.querySelector('[data-testid=run-button]'));
  await waitFor(() => !button.disabled && window.interviewDesk
    && window.interviewDesk.sharedText() === 'print(1+1)');
  const list = document.querySelector('[data-testid=output]');
  const before = list.querySelectorAll('[data-testid=run-entry]').length;
  const runMs = performance.now();
  button.click();
  const output = await waitFor(() => {
    const entry = list.querySelectorAll('[data-testid=run-entry]')[0];
    const text = entry && list.querySelectorAll('[data-testid=run-entry]').length > before
      && entry.dataset.status !== 'running'
      ? entry.querySelector('[data-testid=run-output]').textContent : null;
    return text;
  });
  const outputMs = performance.now();
  const frame = [...document.querySelectorAll('iframe[data-python-startup]')]
    .map((f) => JSON.parse(f.dataset.pythonStartup))
    .sort((a, b) => a.frameCreated - b.frameCreated)[0];
  return { joinMs, runMs, outputMs, output, startup: frame || null,
           readyMs: frame ? frame.frameCreated + frame.steps.ready : null };
}"""

#: On a page without isolation: starts a loop, presses Stop, times Stop → the next run's output
#: (the warm spare) and Stop → the replacement spare ready.
STOP_AND_SPARE = """
async () => {
  const waitFor = (test) => new Promise((resolve) => {
    const poll = () => {
      const value = test();
      if (value) resolve(value); else setTimeout(poll, 2);
    };
    poll();
  });
  const frames = () => [...document.querySelectorAll('iframe[title="code runner"]')];
  const list = document.querySelector('[data-testid=output]');
  const button = document.querySelector('[data-testid=run-button]');
  const entries = () => list.querySelectorAll('[data-testid=run-entry]');
  await waitFor(() => !button.disabled);
  const before = entries().length;
  button.click();
  await waitFor(() => entries().length > before
    && entries()[0].querySelector('[data-testid=run-output]').textContent.includes('spinning'));
  const known = new Set(frames());
  const stopMs = performance.now();
  document.querySelector('[data-testid=stop-button]').click();
  await waitFor(() => entries()[0].dataset.status === 'stopped');
  document.querySelector('[data-testid=stdin]').value = 'stop';
  await waitFor(() => !button.disabled);
  button.click();
  await waitFor(() => entries().length > before + 1 && entries()[0].dataset.status !== 'running');
  const againMs = performance.now() - stopMs;
  const spare = await waitFor(() => frames().find((f) => !known.has(f) && f.dataset.pythonStartup));
  const record = JSON.parse(spare.dataset.pythonStartup);
  return { againMs, spareReadyMs: record.frameCreated + record.steps.ready - stopMs,
           output: entries()[0].querySelector('[data-testid=run-output]').textContent };
}"""
