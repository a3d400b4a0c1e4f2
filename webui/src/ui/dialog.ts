/// A modal dialog with a title and a close button, built on <dialog>.

import { el } from '../common/dom';

export interface Dialog {
  element: HTMLDialogElement;
  body: HTMLElement;
  open(): void;
  close(): void;
  toggle(): void;
}

export function createDialog(title: string, testid: string): Dialog {
  const close = el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close' }, '✕');
  const body = el('div', { class: 'dialog-body' });
  const element = el(
    'dialog',
    { class: 'dialog', 'data-testid': testid, 'aria-label': title },
    el('header', { class: 'dialog-header' }, el('h2', {}, title), close),
    body,
  );
  close.addEventListener('click', () => element.close());
  // A click on the backdrop (outside the box) closes it, as people expect.
  element.addEventListener('click', (event) => {
    if (event.target === element) element.close();
  });
  document.body.appendChild(element);
  return {
    element,
    body,
    open: () => {
      if (!element.open) element.showModal();
    },
    close: () => element.close(),
    toggle: () => (element.open ? element.close() : element.showModal()),
  };
}
