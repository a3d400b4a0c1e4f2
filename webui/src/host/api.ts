/// The relay's host API: creating rooms with the host key as a Bearer token.

import type { Language } from '../languages/list';
import type { CodeTest, SuiteRun } from '../tests-panel/types';

export interface CreatedRoom {
  room: string;
  join_url: string;
}

export class HostApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface NewRoom {
  title: string;
  language: Language;
  template?: string;
}

export interface RoomSummary {
  id: string;
  title: string;
  created_at: number;
  language: string;
  ended_at: number | null;
  participants: string[];
  join_url: string;
}

export interface Template {
  id: string;
  title: string;
  language: Language;
  builtin: boolean;
}

/// A fetch with the host key as a Bearer token; refusals become `HostApiError`s.
export async function hostFetch(hostKey: string, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: { Authorization: `Bearer ${hostKey}`, ...(init.headers ?? {}) } });
  if (response.status === 401 || response.status === 403) throw new HostApiError('The host key was not accepted.', 401);
  if (!response.ok) throw new HostApiError(`The relay refused (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`, response.status);
  return response;
}

export async function listRooms(hostKey: string): Promise<RoomSummary[]> {
  const body = (await (await hostFetch(hostKey, '/api/rooms')).json()) as { rooms?: RoomSummary[] };
  return body.rooms ?? [];
}

export async function listTemplates(hostKey: string): Promise<Template[]> {
  const body = (await (await hostFetch(hostKey, '/api/templates')).json()) as { templates?: Template[] };
  return body.templates ?? [];
}

export async function deleteRoom(hostKey: string, roomId: string): Promise<void> {
  await hostFetch(hostKey, `/api/rooms/${encodeURIComponent(roomId)}`, { method: 'DELETE' });
}

/// The transcript (a self-contained HTML page) as a Blob: the export needs the key in a header,
/// so it cannot be a plain link.
export async function transcript(hostKey: string, roomId: string): Promise<Blob> {
  return (await hostFetch(hostKey, `/api/rooms/${encodeURIComponent(roomId)}/export`)).blob();
}

export async function createRoom(hostKey: string, room: NewRoom): Promise<CreatedRoom> {
  const response = await fetch('/api/rooms', {
    method: 'POST',
    headers: { Authorization: `Bearer ${hostKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(room),
  });
  if (response.status === 401 || response.status === 403) {
    throw new HostApiError('The host key was not accepted.', response.status);
  }
  if (!response.ok) {
    throw new HostApiError(`The relay refused to create the room (HTTP ${response.status}).`, response.status);
  }
  const body = (await response.json()) as Partial<CreatedRoom>;
  if (typeof body.room !== 'string' || typeof body.join_url !== 'string') {
    throw new HostApiError('The relay sent an unexpected reply.', response.status);
  }
  return { room: body.room, join_url: body.join_url };
}

export interface HistoryUpdate {
  seq: number;
  at: number;
  author: string | null;
  /// A base64 Yjs update of the code document.
  update: string;
}

export interface HistoryRun {
  run_id: string;
  by_name: string;
  language: string;
  started_at: number;
  finished_at: number | null;
  output: string | null;
  error: string | null;
}

export interface RoomHistory {
  updates: HistoryUpdate[];
  runs: HistoryRun[];
  /// The question's statement and every Run tests (hidden tests included: this is the host's).
  statement: string;
  /// The schema and data SQL runs load first ('' for none).
  setup: string;
  test_runs: SuiteRun[];
}

/// Every stored edit of a room's code and its runs, for playback.
export async function roomHistory(hostKey: string, roomId: string): Promise<RoomHistory> {
  const body = (await (await hostFetch(hostKey, `/api/rooms/${encodeURIComponent(roomId)}/history`)).json()) as Partial<RoomHistory>;
  return { updates: body.updates ?? [], runs: body.runs ?? [], statement: body.statement ?? '', setup: body.setup ?? '', test_runs: body.test_runs ?? [] };
}

export interface TemplateDraft {
  title: string;
  language: Language;
  code: string;
  notes: string;
  statement?: string;
  tests?: CodeTest[];
  show_hidden_count?: boolean;
  /// The schema and data SQL runs load first.
  setup?: string;
}

export async function saveTemplate(hostKey: string, draft: TemplateDraft): Promise<Template> {
  const response = await hostFetch(hostKey, '/api/templates', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(draft),
  });
  return (await response.json()) as Template;
}
