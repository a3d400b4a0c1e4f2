/// A run's status and duration, derived from what the relay keeps: the error text and the times.

import { STOPPED_PREFIX, TIMEOUT_PREFIX } from '../runners/types';

export type RunStatus = 'running' | 'ok' | 'error' | 'timeout' | 'stopped';

export const STATUS_LABEL: Record<RunStatus, string> = {
  running: 'running',
  ok: 'ok',
  error: 'error',
  timeout: 'timed out',
  stopped: 'stopped',
};

export function statusOf(finished: boolean, error: string | null): RunStatus {
  if (!finished) return 'running';
  if (error === null) return 'ok';
  if (error.startsWith(TIMEOUT_PREFIX)) return 'timeout';
  if (error.startsWith(STOPPED_PREFIX)) return 'stopped';
  return 'error';
}

export function formatDuration(seconds: number): string {
  const ms = Math.max(0, seconds * 1000);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const whole = Math.round(ms / 1000);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

export function formatClock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
