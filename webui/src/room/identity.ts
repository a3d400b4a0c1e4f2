/// Who this tab is: the remembered name and a colour for cursors and presence.

import type { Awareness } from 'y-protocols/awareness';
import { readItem, writeItem } from '../common/storage';
import type { Participant } from './events-client';

const NAME_KEY = 'interview-desk:name';
const BROWSER_KEY = 'interview-desk:browser';
export const MAX_NAME_LENGTH = 40;

export function rememberedName(): string {
  return readItem('local', NAME_KEY) ?? '';
}

export function rememberName(name: string): void {
  writeItem('local', NAME_KEY, name);
}

/// This browser's random key (kept in local storage): the relay knows a reload or a
/// reconnect as the same person, and a removed person stays removed.
export function browserKey(): string {
  const kept = readItem('local', BROWSER_KEY);
  if (kept && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const key = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  writeItem('local', BROWSER_KEY, key);
  return key;
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

export type Colour = { color: string; colorLight: string };

/// Picks this tab's colour so that nobody in the room shares one while the palette lasts:
/// start from the place in the join order; on a clash the later joiner moves to a free colour.
export function resolveColour(current: Colour | null, selfId: string, participants: Participant[], awareness: Awareness): Colour {
  const joined = new Map(participants.map((p) => [p.participant_id, p.joined_at]));
  const mine = joined.get(selfId) ?? Number.POSITIVE_INFINITY;
  const taken = new Set<string>();
  const takenByEarlier = new Set<string>();
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { color?: unknown; participant_id?: unknown } }).user;
    if (clientId === awareness.clientID || typeof user?.color !== 'string') return;
    taken.add(user.color);
    const theirs = typeof user.participant_id === 'string' ? joined.get(user.participant_id) : undefined;
    if (theirs !== undefined && (theirs < mine || (theirs === mine && user.participant_id! < selfId))) takenByEarlier.add(user.color);
  });
  if (current && !takenByEarlier.has(current.color)) return current;
  const order = [...participants].sort((a, b) => a.joined_at - b.joined_at).findIndex((p) => p.participant_id === selfId);
  const start = Math.max(0, order);
  for (let i = 0; i < PALETTE.length; i++) {
    const [color, colorLight] = PALETTE[(start + i) % PALETTE.length];
    if (!taken.has(color)) return { color, colorLight };
  }
  return colourFor(selfId);
}

/// A stable colour for any seed (a participant id, a Yjs client id).
export function colourFor(seed: string): Colour {
  const [color, colorLight] = PALETTE[hash(seed) % PALETTE.length];
  return { color, colorLight };
}
