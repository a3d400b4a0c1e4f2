/// The host key: taken from the URL fragment once, then kept in this tab's sessionStorage only.
/// The fragment is removed from the address bar so the key is never copied along with a link,
/// and it is never put in a query string or localStorage.

import { readItem, writeItem } from './storage';

const KEY = 'interview-desk:host-key';

/// Reads `#host=KEY` (if present) into session storage; returns the key this tab holds, if any.
export function takeHostKey(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get('host');
  if (fromHash) {
    writeItem('session', KEY, fromHash);
    params.delete('host');
    const rest = params.toString();
    history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    return fromHash;
  }
  return readItem('session', KEY);
}

export function rememberHostKey(key: string): void {
  writeItem('session', KEY, key);
}

export function forgetHostKey(): void {
  writeItem('session', KEY, null);
}
