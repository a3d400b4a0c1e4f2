"""In-page steps for the runner benchmark: each runs inside the room page and times itself with
the page's clock, so Playwright's polling never adds to a figure."""

from __future__ import annotations

#: Resolves when the newest run entry has finished: {ms, status, output}.
WAIT_RESULT = """
const waitResult = (list, before, t0) => new Promise((resolve) => {
  const check = () => {
    const entries = list.querySelectorAll('[data-testid=run-entry]');
    const newest = entries[0];
    if (entries.length > before && newest.dataset.status !== 'running') {
      observer.disconnect();
      resolve({ ms: performance.now() - t0, status: newest.dataset.status,
                output: newest.querySelector('[data-testid=run-output]').textContent });
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
  check();
});
const waitFor = (test) => new Promise((resolve) => {
  const poll = () => { const value = test(); if (value) resolve(value); else setTimeout(poll, 2); };
  poll();
});
"""

#: Waits until Run can be pressed; leaves `list`, `button` and the entry count `before`.
READY_TO_RUN = """
  const list = document.querySelector('[data-testid=output]');
  const button = document.querySelector('[data-testid=run-button]');
  await waitFor(() => !button.disabled);
  const before = list.querySelectorAll('[data-testid=run-entry]').length;
"""

#: Clicks Join, then Run as soon as the shared code has arrived; times to the first output.
JOIN_AND_RUN = (
    "async (code) => {"
    + WAIT_RESULT
    + """
  const t0 = performance.now();
  document.querySelector('[data-testid=join-button]').click();
  const button = await waitFor(() => document.querySelector('[data-testid=run-button]'));
  await waitFor(() => window.interviewDesk && window.interviewDesk.sharedText() === code);
  const list = document.querySelector('[data-testid=output]');
  const before = list.querySelectorAll('[data-testid=run-entry]').length;
  const joinedMs = performance.now() - t0;
  button.click();
  const result = await waitResult(list, before, t0);
  return { ...result, joinedMs };
}"""
)

#: Presses Run; times to the result shown in this tab (relay round trips included).
RUN_ONCE = (
    "async () => {"
    + WAIT_RESULT
    + READY_TO_RUN
    + """
  const t0 = performance.now();
  button.click();
  return await waitResult(list, before, t0);
}"""
)

#: Starts the (looping) shared code; returns the entry count before it.
START_LOOP = (
    "async () => {"
    + WAIT_RESULT
    + READY_TO_RUN
    + """
  button.click();
  await waitFor(() => list.querySelectorAll('[data-testid=run-entry]').length > before);
  return before;
}"""
)

#: At `stopAt` (epoch ms): puts `stdin` in the box (the code then stops looping), presses Stop,
#: then Run again. Times Stop → "stopped" shown and Stop → the next run's output.
STOP_AND_RERUN = (
    "async ([before, stopAt, stdin]) => {"
    + WAIT_RESULT
    + """
  await new Promise((ok) => setTimeout(ok, Math.max(0, stopAt - Date.now())));
  const box = document.querySelector('[data-testid=stdin]');
  box.value = stdin;
  const list = document.querySelector('[data-testid=output]');
  const t0 = performance.now();
  document.querySelector('[data-testid=stop-button]').click();
  const stopped = await waitResult(list, before, t0);
  const button = document.querySelector('[data-testid=run-button]');
  await waitFor(() => !button.disabled);
  button.click();
  const again = await waitResult(list, before + 1, t0);
  return { stopMs: stopped.ms, status: stopped.status, readyAgainMs: again.ms,
           output: again.output };
}"""
)
