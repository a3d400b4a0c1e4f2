/// The question's tests and their results, exactly as the relay sends them (`desktop/protocol.py`).

export type TestStatus = 'pass' | 'fail' | 'error' | 'timeout';

export interface CodeTest {
  id: string;
  name: string;
  /// `stdio`: stdin → expected stdout; `function`: a call expression and its expected value.
  kind: 'stdio' | 'function';
  stdin: string;
  call: string;
  expected: string;
  compare: 'exact' | 'trimmed';
  hidden: boolean;
}

/// The tests this participant may see: all for hosts, the visible ones for candidates.
export interface RoomTests {
  tests: CodeTest[];
  show_hidden_count: boolean;
  hidden_count: number | null;
}

/// One test as the browser that ran it saw it (what `test-results` carries to the relay).
export interface CaseOutcome {
  id: string;
  status: TestStatus;
  actual: string;
  error: string | null;
  duration_ms: number;
}

export interface CaseResult extends CodeTest, Omit<CaseOutcome, 'id'> {}

/// One press of Run tests, as the relay stored and shared it.
export interface SuiteRun {
  test_run_id: string;
  by: string;
  by_name: string;
  language: string;
  code: string;
  finished_at: number;
  results: CaseResult[];
  passed: number;
  total: number;
  hidden_passed: number | null;
  hidden_total: number | null;
}

export interface QuestionState {
  statement: string;
  updated_at: number | null;
  /// The schema and data SQL runs load first; absent from relays that predate it.
  setup?: string;
}
