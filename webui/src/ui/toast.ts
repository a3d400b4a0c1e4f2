/// Short-lived notices (errors from the relay, copy confirmations) in one corner.

import { el } from '../common/dom';

let region: HTMLElement | null = null;

export function toast(message: string, kind: 'info' | 'error' = 'info'): void {
  if (!region) {
    region = el('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(region);
  }
  const item = el('div', { class: `toast toast-${kind}`, 'data-testid': 'toast' }, message);
  region.appendChild(item);
  window.setTimeout(() => item.remove(), kind === 'error' ? 6000 : 3000);
}
