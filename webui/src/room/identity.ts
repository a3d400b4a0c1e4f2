/// Who this tab is: the remembered name and a colour for cursors and presence.

import { readItem, writeItem } from '../common/storage';

const NAME_KEY = 'interview-desk:name';
export const MAX_NAME_LENGTH = 40;

export function rememberedName(): string {
  return readItem('local', NAME_KEY) ?? '';
}

export function rememberName(name: string): void {
  writeItem('local', NAME_KEY, name);
}

/// Colours readable on both themes, as (caret/label, selection background).
const PALETTE: [string, string][] = [
  ['#2f80ed', '#2f80ed33'],
  ['#e5484d', '#e5484d33'],
  ['#30a46c', '#30a46c33'],
  ['#f76b15', '#f76b1533'],
  ['#8e4ec6', '#8e4ec633'],
  ['#d6409f', '#d6409f33'],
  ['#0797b9', '#0797b933'],
  ['#ad7f58', '#ad7f5833'],
];

function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 16777619);
  }
  return value >>> 0;
}

/// A stable colour for any seed (a participant id, a Yjs client id).
export function colourFor(seed: string): { color: string; colorLight: string } {
  const [color, colorLight] = PALETTE[hash(seed) % PALETTE.length];
  return { color, colorLight };
}
