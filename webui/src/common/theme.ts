/// Light and dark themes: the system setting by default, a toggle that remembers the choice.
/// The theme lives in `data-theme` on <html>; every colour is a CSS variable keyed on it.

import { readItem, writeItem } from './storage';

export type Theme = 'light' | 'dark';

const KEY = 'interview-desk:theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function chosen(): Theme | null {
  const value = readItem('local', KEY);
  return value === 'light' || value === 'dark' ? value : null;
}

export function currentTheme(): Theme {
  return chosen() ?? (systemDark.matches ? 'dark' : 'light');
}

function apply(): void {
  const theme = currentTheme();
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-testid="theme-toggle"]')) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    button.title = theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme';
    button.textContent = theme === 'dark' ? '☀' : '☾';
  }
}

/// Applies the theme now and follows the system setting until the person picks one.
export function initTheme(): void {
  apply();
  systemDark.addEventListener('change', apply);
}

export function themeToggle(): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'icon-button';
  button.dataset.testid = 'theme-toggle';
  button.setAttribute('aria-label', 'Toggle dark theme');
  button.addEventListener('click', () => {
    writeItem('local', KEY, currentTheme() === 'dark' ? 'light' : 'dark');
    apply();
  });
  queueMicrotask(apply);
  return button;
}
