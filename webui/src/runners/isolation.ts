/// Whether this page runs its runners cross-origin isolated (SharedArrayBuffer: Python's interrupt
/// and blocking `input()`), decided by what the engine can really do, not by its name.
///
/// The relay offers isolation (COOP + COEP) on loopback only: plain HTTP over the LAN is not a
/// secure context, so isolation cannot work there and is not offered. An engine that gets it but
/// cannot use it (WebKit: no SharedArrayBuffer, and a blob: worker in a sandboxed frame fails under
/// COEP) reloads the page once without it, remembered by a cookie for later visits.

const OPT_OUT_PARAM = 'runner-isolation';
const OPT_OUT_COOKIE = 'runner_isolation';

/// A worker that could not even start inside its sandboxed frame.
export class WorkerStartError extends Error {}

/// True when the page is cross-origin isolated (the relay offered it and the engine applied it).
export function pageIsolated(): boolean {
  return self.crossOriginIsolated === true;
}

/// True when this page asked the relay for no isolation (`?runner-isolation=off`).
export function isolationRefused(): boolean {
  return new URLSearchParams(location.search).get(OPT_OUT_PARAM) === 'off';
}

/// False on an isolated page of an engine that has no SharedArrayBuffer: isolation buys nothing
/// there and its COEP may break the runners' workers.
export function isolationUsable(): boolean {
  return !pageIsolated() || typeof SharedArrayBuffer === 'function';
}

/// Reloads the page without isolation; false (and nothing happens) if that cannot help.
export function dropIsolation(): boolean {
  if (!pageIsolated() || isolationRefused()) return false;
  document.cookie = `${OPT_OUT_COOKIE}=off; path=/; max-age=31536000; SameSite=Strict`;
  const url = new URL(location.href);
  url.searchParams.set(OPT_OUT_PARAM, 'off');
  location.replace(url.href);
  return true;
}
