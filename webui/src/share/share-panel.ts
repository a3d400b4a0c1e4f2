/// The join link as text (with a copy button) and as a QR code, drawn locally as SVG.

import QRCode from 'qrcode';
import { el } from '../common/dom';
import { readItem, writeItem } from '../common/storage';

const JOIN_URL_KEY = 'interview-desk:join-url:';

/// The host console remembers each room's join link (with the LAN address) for this tab.
export function rememberJoinUrl(roomId: string, joinUrl: string): void {
  writeItem('session', JOIN_URL_KEY + roomId, joinUrl);
}

export function rememberedJoinUrl(roomId: string): string | null {
  return readItem('session', JOIN_URL_KEY + roomId);
}

async function copyText(text: string, fallbackSource: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy below.
  }
  const range = document.createRange();
  range.selectNodeContents(fallbackSource);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  // execCommand is deprecated but remains the only copy path outside secure contexts.
  const ok = document.execCommand('copy');
  selection?.removeAllRanges();
  return ok;
}

export function sharePanel(joinUrl: string): HTMLElement {
  const link = el('a', { 'data-testid': 'share-link', class: 'share-link', href: joinUrl, target: '_blank', rel: 'noopener' }, joinUrl);
  const copy = el('button', { type: 'button', class: 'button', 'data-testid': 'copy-link' }, 'Copy link');
  copy.addEventListener('click', () => {
    void copyText(joinUrl, link).then((ok) => {
      copy.textContent = ok ? 'Copied' : 'Copy failed';
      window.setTimeout(() => (copy.textContent = 'Copy link'), 1500);
    });
  });
  const qr = el('div', { class: 'share-qr', 'data-testid': 'share-qr', role: 'img', 'aria-label': `QR code for ${joinUrl}` });
  void QRCode.toString(joinUrl, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#111111', light: '#ffffff' },
  }).then((svg) => {
    // The SVG is generated locally from our own link text; no user HTML is involved.
    qr.innerHTML = svg;
  });
  return el(
    'div',
    { class: 'share' },
    el('div', { class: 'share-text' }, el('span', { class: 'label' }, 'Join link'), el('div', { class: 'share-row' }, link, copy)),
    qr,
  );
}
