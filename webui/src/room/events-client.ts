/// The contract between the room and the run panel: the events socket as the
/// run panel sees it. Implemented in `room/` (web UI), used by `run/`.

import type { CaseOutcome, QuestionState, RoomTests, SuiteRun } from '../tests-panel/types';

export type { Language } from '../languages/list';
import type { Language } from '../languages/list';

export interface Participant {
  participant_id: string;
  name: string;
  role: 'host' | 'candidate';
  joined_at: number;
}

export interface RunRecord {
  run_id: string;
  by: string;
  by_name: string;
  language: Language;
  code: string;
  started_at: number;
  finished_at: number | null;
  output: string | null;
  error: string | null;
}

/// The host's controls as the relay enforces them.
export interface RoomState {
  locked: boolean;
  runs_disabled: boolean;
  ended: boolean;
  /// New candidates wait until the host admits them; absent from older relays.
  lobby?: boolean;
}

/// A candidate waiting in the lobby, as the host sees them.
export interface WaitingPerson {
  waiting_id: string;
  name: string;
  since: number;
}

export interface EventPayloads {
  welcome: {
    participant_id: string;
    role: 'host' | 'candidate';
    runs: RunRecord[];
    participants: Participant[];
    room: { id: string; title: string; created_at: number };
    /// Host controls in force; absent from relays that predate them.
    state?: RoomState;
    /// Links this participant's document sockets (`?token=`) to them.
    token?: string;
    /// For the host: the link candidates open, with the relay's LAN address.
    join_url?: string | null;
  };
  'room-state': RoomState;
  participants: { participants: Participant[] };
  'execute-code': {
    run_id: string;
    by: string;
    by_name: string;
    language: Language;
    code: string;
    started_at: number;
  };
  'execution-result': { run_id: string; output: string; error: string | null };
  error: { code: string; message: string };
  /// To a candidate: they wait in the lobby until the host admits them.
  lobby: { message: string };
  /// To hosts: who waits in the lobby, whenever that changes.
  waiting: { waiting: WaitingPerson[] };
  question: QuestionState;
  tests: RoomTests;
  'test-results': SuiteRun;
}

export interface EventsClient {
  /// Sends one event; queued until the socket is open and `hello` was sent.
  send(type: 'execute-code', payload: { language: Language; code: string }): void;
  send(type: 'execution-result', payload: { run_id: string; output: string; error: string | null }): void;
  send(type: 'test-results', payload: { language: Language; code: string; results: CaseOutcome[] }): void;
  /// Subscribes to one event type; returns the unsubscribe function.
  on<K extends keyof EventPayloads>(type: K, handler: (payload: EventPayloads[K]) => void): () => void;
  /// This tab's participant id once `welcome` arrived, else null.
  participantId(): string | null;
}
