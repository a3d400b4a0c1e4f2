"""One room's question: the statement everyone reads, the tests that check the code, and the
schema and data (SQL) that every run loads first.

Only hosts change either. Hidden tests are the interviewer's: their content goes
to host connections only, and only a host's browser may report their results.
The relay never runs a test; it checks a report against its own copy of the
tests, fills in what each test asked for, stores the run and shares it, each
participant getting what their role may see.
"""

from __future__ import annotations

import dataclasses
import secrets
import time

from desktop.interview import Interview, Participant
from desktop.protocol import (
    CaseResult,
    ProtocolError,
    QuestionState,
    ReportTests,
    RoomTests,
    SetQuestion,
    SetSetup,
    SetTests,
    SuiteRun,
    encode,
)
from desktop.question_store import QuestionRecord, QuestionStore

MAX_ACTUAL_CHARS = 4_000
MAX_ERROR_CHARS = 4_000
TRIMMED = "\n… trimmed by the relay"


class QuestionDesk:
    """The statement and tests of one room, and who may see and change them."""

    def __init__(self, room_id: str, store: QuestionStore, interview: Interview) -> None:
        self.room_id = room_id
        self.store = store
        self.interview = interview
        self.question = store.load(room_id)
        runs = store.runs(room_id, limit=1)
        self.last_run: SuiteRun | None = runs[-1] if runs else None
        # Test runs share each participant's storage for runs (desktop/run_quota.py).
        for by, size, is_host in store.run_bytes(room_id):
            if is_host:
                interview.run_quota.hosts.add(by)
            interview.run_quota.add(by, size)

    def greet(self, participant: Participant) -> None:
        """Tells a newcomer (or a reconnect) the statement, the tests and the last result."""
        if self.question.updated_at is None and self.last_run is None:
            return  # a room that never had a question: nothing to tell
        participant.peer.send_text(encode(self._statement()))
        participant.peer.send_text(encode(self._tests_for(participant)))
        if self.last_run is not None:
            run = self._run_for(participant, self.last_run)
            if run is not None:
                participant.peer.send_text(encode(run))

    def set_statement(self, participant: Participant, request: SetQuestion) -> None:
        self._require_host_in_open_room(participant)
        self._save(dataclasses.replace(self.question, statement=request.statement))
        self._broadcast_statement()

    def set_setup(self, participant: Participant, request: SetSetup) -> None:
        """The schema and data: shared with everyone, like the statement, since every run
        (whoever presses Run) loads it first."""
        self._require_host_in_open_room(participant)
        self._save(dataclasses.replace(self.question, setup=request.setup))
        self._broadcast_statement()

    def set_tests(self, participant: Participant, request: SetTests) -> None:
        self._require_host_in_open_room(participant)
        changed = dataclasses.replace(
            self.question, tests=list(request.tests), show_hidden_count=request.show_hidden_count
        )
        self._save(changed)
        for someone in list(self.interview.participants.values()):
            someone.peer.send_text(encode(self._tests_for(someone)))

    def report(self, participant: Participant, report: ReportTests) -> None:
        """Checks, stores and shares one Run tests from the browser that ran it."""
        controls = self.interview.controls
        if controls.ended_at is not None:
            raise ProtocolError("interview-ended", "This interview has ended.")
        if controls.runs_disabled and not participant.is_host:
            raise ProtocolError("runs-disabled", "The interviewer has turned off running code.")
        if self.interview.disk.low:
            raise ProtocolError("disk-full", self.interview.disk.message())
        limit = self.interview.limits.max_code_chars
        if len(report.code) > limit:
            raise ProtocolError("too-large", f"Code is limited to {limit} characters.")
        known = {test.id: test for test in self.question.tests}
        results: list[CaseResult] = []
        seen: set[str] = set()
        for outcome in report.results:
            test = known.get(outcome.id)
            if test is None or outcome.id in seen:
                raise ProtocolError(
                    "unknown-test", "The tests changed while they ran; run them again."
                )
            if test.hidden and not participant.is_host:
                raise ProtocolError(
                    "hidden-test", "Hidden tests run only in the interviewer's browser."
                )
            seen.add(outcome.id)
            results.append(
                CaseResult(
                    **test.model_dump(),
                    status=outcome.status,
                    actual=_trim(outcome.actual, MAX_ACTUAL_CHARS),
                    error=None if outcome.error is None else _trim(outcome.error, MAX_ERROR_CHARS),
                    duration_ms=round(outcome.duration_ms, 1),
                )
            )
        run = _summarised(
            SuiteRun(
                test_run_id=secrets.token_urlsafe(12),
                by=participant.info.participant_id,
                by_name=participant.info.name,
                language=report.language,
                code=report.code,
                finished_at=time.time(),
                results=results,
                passed=0,
                total=0,
            )
        )
        size = len(run.model_dump_json().encode())
        quota = self.interview.run_quota
        quota.check(participant.info.participant_id, participant.is_host, size)
        self.store.save_run(self.room_id, run)
        quota.add(participant.info.participant_id, size)
        self.last_run = run
        for someone in list(self.interview.participants.values()):
            shown = self._run_for(someone, run)
            if shown is not None:
                someone.peer.send_text(encode(shown))

    def _tests_for(self, participant: Participant) -> RoomTests:
        tests = self.question.tests
        if participant.is_host:
            return RoomTests(
                tests=tests,
                show_hidden_count=self.question.show_hidden_count,
                hidden_count=sum(test.hidden for test in tests),
            )
        return RoomTests(
            tests=[test for test in tests if not test.hidden],
            show_hidden_count=self.question.show_hidden_count,
            hidden_count=self._hidden_count_for_candidates(),
        )

    def _run_for(self, participant: Participant, run: SuiteRun) -> SuiteRun | None:
        """The run as this participant may see it; None if it held nothing they may see."""
        if participant.is_host:
            return run
        visible = [result for result in run.results if not result.hidden]
        hidden = [result for result in run.results if result.hidden]
        if not visible and not (hidden and self.question.show_hidden_count):
            return None
        shown = _summarised(run.model_copy(update={"results": visible}))
        if hidden and self.question.show_hidden_count:
            shown = shown.model_copy(
                update={
                    "hidden_total": len(hidden),
                    "hidden_passed": sum(result.status == "pass" for result in hidden),
                }
            )
        return shown

    def _hidden_count_for_candidates(self) -> int | None:
        if not self.question.show_hidden_count:
            return None
        return sum(test.hidden for test in self.question.tests)

    def _statement(self) -> QuestionState:
        return QuestionState(
            statement=self.question.statement,
            updated_at=self.question.updated_at,
            setup=self.question.setup,
        )

    def _broadcast_statement(self) -> None:
        frame = encode(self._statement())
        for someone in list(self.interview.participants.values()):
            someone.peer.send_text(frame)

    def _save(self, question: QuestionRecord) -> None:
        self.question = dataclasses.replace(question, updated_at=time.time())
        self.store.save(self.room_id, self.question)

    def _require_host_in_open_room(self, participant: Participant) -> None:
        if not participant.is_host:
            raise ProtocolError("host-only", "Only the interviewer can change the question.")
        if self.interview.controls.ended_at is not None:
            raise ProtocolError("interview-ended", "This interview has ended.")


def _summarised(run: SuiteRun) -> SuiteRun:
    passed = sum(result.status == "pass" for result in run.results)
    return run.model_copy(update={"passed": passed, "total": len(run.results)})


def _trim(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + TRIMMED
