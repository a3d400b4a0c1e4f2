/// Presence states are drawn into `style` attributes (y-codemirror.next puts `user.color` and
/// `colorLight` there unescaped), so every state is made safe as it enters the awareness,
/// before anything reads it: colours must be plain hex, names short. The relay checks the
/// same; this is the page's own guard, for whatever reached it.

import type { Awareness } from 'y-protocols/awareness';

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const SIX_DIGITS = /^#[0-9a-fA-F]{6}$/;
export const FALLBACK_COLOUR = '#888888';
const MAX_NAME = 40;

export function isSafeColour(value: unknown): value is string {
  return typeof value === 'string' && HEX_COLOUR.test(value);
}

/// A copy of `state` whose `user` can be drawn: bad colours become grey, names are cut short.
export function safeState(state: unknown): unknown {
  if (typeof state !== 'object' || state === null) return state;
  const user = (state as { user?: unknown }).user;
  if (user === undefined) return state;
  const given = typeof user === 'object' && user !== null ? (user as Record<string, unknown>) : {};
  const color = isSafeColour(given.color) ? given.color : FALLBACK_COLOUR;
  // y-codemirror derives a missing colorLight as `color + '33'`: give it a valid one.
  const light = isSafeColour(given.colorLight) ? given.colorLight : SIX_DIGITS.test(color) ? `${color}33` : color;
  const name = typeof given.name === 'string' ? given.name.slice(0, MAX_NAME) : 'Anonymous';
  return { ...(state as object), user: { ...given, name, color, colorLight: light } };
}

/// Makes every state this awareness stores safe to draw, from now on.
export function guardAwareness(awareness: Awareness): void {
  const states = awareness.states;
  const store = states.set.bind(states);
  states.set = (clientId: number, state: Record<string, unknown>) => store(clientId, safeState(state) as Record<string, unknown>);
  for (const [clientId, state] of states) store(clientId, safeState(state) as Record<string, unknown>);
}
