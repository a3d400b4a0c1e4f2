/// The run panel: Run/Stop, stdin, time limit, output and run history.
///
/// Run sends `execute-code`; the relay broadcasts it with `run_id` and `by`; the browser whose
/// participant id is `by` runs it and sends `execution-result`. Every browser shows the run as
/// pending on `execute-code` and fills it in on `execution-result`.

import './run.css';
import type { EventPayloads, EventsClient, Language, RoomState } from '../room/events-client';
import { createControls } from './controls';
import { RunHistory } from './history';
import { languageLabel } from '../languages/list';
import { fitResult } from './result-fit';
import { takeRunnerPool } from './runner-pool';
import { RuntimeStatus } from './runtime-status';
import { languageModule } from '../runners/registry';
import type { Runner } from '../runners/types';

export { prewarmRunners } from './runner-pool';

export interface RunPanelContext {
  events: EventsClient;
  getCode(): string;
  getLanguage(): Language;
  /// The question's schema and data, which an SQL run loads first.
  getSetup?(): string;
  /// True while something else (Run tests) uses this browser's runners: Run waits.
  busyElsewhere?(): boolean;
}

export interface RunPanel {
  run(): void;
  stop(): void;
  /// The room's language changed (or is known): its runner starts loading, the status follows it.
  showLanguage(language: Language): void;
  /// For Run tests: this browser's runner for a language, the time limit, and whether Run is busy.
  runner(language: Language): Runner | null;
  timeLimitMs(): number;
  busy(): boolean;
}

/// How long to wait for the relay to echo our `execute-code` before giving up on it.
const ECHO_TIMEOUT_MS = 10_000;

interface LocalRun {
  /// Null until the relay's echo names the run.
  runId: string | null;
  stopReason: string | null;
  echoTimer: number | undefined;
}

export function mountRunPanel(container: HTMLElement, ctx: RunPanelContext): RunPanel {
  const pool = takeRunnerPool();
  const history = new RunHistory();
  const names = new Map<string, string>();
  let local: LocalRun | null = null;

  const controls = createControls(
    () => panel.run(),
    () => panel.stop(),
  );
  container.replaceChildren(controls.element, history.element);
  container.classList.add('run-panel');

  // The status line follows the room's language; Python loads from the start (most rooms use it).
  const runtime = new RuntimeStatus(controls);
  runtime.follow('python', pool.python);
  let shownLanguage: Language = 'python';

  const myName = (): string => names.get(ctx.events.participantId() ?? '') ?? 'you';
  const endLocal = (): void => {
    if (local) window.clearTimeout(local.echoTimer);
    local = null;
    controls.setRunning(false);
  };

  const execute = async (started: EventPayloads['execute-code']): Promise<void> => {
    const runner = pool.get(started.language);
    const current = local;
    if (!current) return;
    current.runId = started.run_id;
    window.clearTimeout(current.echoTimer);
    let result = { output: '', error: current.stopReason };
    if (result.error === null && runner === null) result = { output: '', error: `Error: ${started.language} cannot run here` };
    if (result.error === null && runner !== null) {
      result = await runner.run(started.code, {
        stdin: controls.stdin(),
        timeLimitMs: controls.timeLimitMs(),
        setup: ctx.getSetup?.() ?? '',
        onOutput: (text) => history.append(started.run_id, text),
        onInputRequest: () => history.askInput(started.run_id, (line) => runner.provideInput?.(line)),
      });
    }
    const fitted = fitResult(result.output, result.error);
    ctx.events.send('execution-result', { run_id: started.run_id, ...fitted });
    if (local === current) endLocal();
  };

  let role: 'host' | 'candidate' = 'candidate';
  let state: RoomState = { locked: false, runs_disabled: false, ended: false };
  const blockedReason = (): string | null => {
    if (state.ended) return 'The interview has ended';
    if (state.runs_disabled && role !== 'host') return 'The interviewer has turned running off';
    return null;
  };
  const applyState = (next: RoomState | undefined): void => {
    if (next) state = next;
    controls.setBlocked(blockedReason());
  };
  ctx.events.on('room-state', (next) => applyState(next));

  ctx.events.on('welcome', (welcome) => {
    role = welcome.role;
    applyState(welcome.state);
    names.clear();
    for (const person of welcome.participants) names.set(person.participant_id, person.name);
    history.load(welcome.runs);
    // A reconnect loses a run that was never echoed; one already running finishes and reports.
    if (local && local.runId === null) endLocal();
  });
  ctx.events.on('participants', ({ participants }) => {
    for (const person of participants) names.set(person.participant_id, person.name);
  });
  ctx.events.on('execute-code', (started) => {
    history.start(started);
    if (started.by === ctx.events.participantId() && local && local.runId === null) void execute(started);
  });
  ctx.events.on('execution-result', (result) => history.finish(result.run_id, result.output, result.error));
  ctx.events.on('error', () => {
    // The relay refused our execute-code (too large, rate limited…): nothing will run.
    if (local && local.runId === null) endLocal();
  });

  const panel: RunPanel = {
    run() {
      if (local || blockedReason() !== null || ctx.busyElsewhere?.()) return;
      const code = ctx.getCode();
      const language = ctx.getLanguage();
      const failure = runtime.failure(language);
      if (failure !== null) {
        const others = language === 'javascript' ? '' : ' JavaScript still runs.';
        controls.setNotice(`${languageLabel(language)} cannot run in this browser: ${failure}.${others}`);
        return;
      }
      controls.setNotice(null);
      local = { runId: null, stopReason: null, echoTimer: window.setTimeout(endLocal, ECHO_TIMEOUT_MS) };
      controls.setRunning(true);
      ctx.events.send('execute-code', { language, code });
    },
    stop() {
      if (!local || local.stopReason !== null) return;
      local.stopReason = `Stopped: stopped by ${myName()}`;
      if (local.runId !== null) {
        for (const runner of pool.started()) runner.stop(local.stopReason);
      }
    },
    showLanguage(language) {
      if (language === shownLanguage) return;
      shownLanguage = language;
      // Made now, so that its runtime loads while people read the question.
      runtime.follow(language, pool.get(language));
      controls.setNotice(null);
      controls.setInputHint(languageModule(language)?.inputHint ?? null);
    },
    runner: (language) => pool.get(language),
    timeLimitMs: () => controls.timeLimitMs(),
    busy: () => local !== null,
  };
  window.addEventListener('pagehide', () => pool.dispose());
  return panel;
}
