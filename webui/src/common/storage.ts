/// Storage that never throws: private modes and locked-down webviews may refuse it.

function safe(storage: () => Storage): Storage | null {
  try {
    return storage();
  } catch {
    return null;
  }
}

export function readItem(kind: 'local' | 'session', key: string): string | null {
  const store = safe(() => (kind === 'local' ? window.localStorage : window.sessionStorage));
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeItem(kind: 'local' | 'session', key: string, value: string | null): void {
  const store = safe(() => (kind === 'local' ? window.localStorage : window.sessionStorage));
  try {
    if (value === null) store?.removeItem(key);
    else store?.setItem(key, value);
  } catch {
    // Quota or policy: remembering is a convenience, never a requirement.
  }
}
