"""Every JSON event of the events socket, as pydantic models, in one place.

Handlers take these validated models, never raw dicts; anything that does not
validate is answered with an `error` event built here too.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from desktop import languages


def _known_language(value: str) -> str:
    if not languages.is_language(value):
        raise ValueError(f"expected {languages.choices()}")
    return value


#: A language id of desktop/languages.json (the one list the web UI's picker uses too).
Language = Annotated[str, AfterValidator(_known_language)]

Role = Literal["host", "candidate"]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Client → relay


class Hello(Strict):
    name: Name
    host_key: str | None = Field(default=None, max_length=200)
    # A random key the page keeps per browser: the same browser is the same participant.
    browser: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{16,64}$")


class ExecuteCode(Strict):
    language: Language
    code: str


class ExecutionResult(Strict):
    run_id: str = Field(min_length=1, max_length=64)
    output: str
    error: str | None


class SetControls(Strict):
    """Host only: lock the editor for candidates, or stop them running code."""

    locked: bool | None = None
    runs_disabled: bool | None = None
    lobby: bool | None = None  # new candidates wait until the host admits them


class RemoveParticipant(Strict):
    """Host only: disconnect a participant from the room."""

    participant_id: str = Field(min_length=1, max_length=64)


class EndInterview(Strict):
    """Host only: the room becomes read-only for everyone, for good."""


class AdmitParticipant(Strict):
    """Host only: let a candidate waiting in the lobby in."""

    waiting_id: str = Field(min_length=1, max_length=64)


class DenyParticipant(Strict):
    """Host only: turn a waiting candidate away (that browser stays out, like a removal)."""

    waiting_id: str = Field(min_length=1, max_length=64)


CaseId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,32}$")]
TestStatus = Literal["pass", "fail", "error", "timeout"]


class SetQuestion(Strict):
    """Host only: the problem statement, in Markdown, shown to everyone in the room."""

    statement: str = Field(max_length=20_000)


#: The schema and sample data of a question (SQL rooms run it before every run): a few tables
#: and rows, small enough for one event with room to spare.
MAX_SETUP_CHARS = 32_000


class SetSetup(Strict):
    """Host only: the question's schema and data, SQL that every run in an SQL room runs first."""

    setup: str = Field(max_length=MAX_SETUP_CHARS)


class CodeTest(Strict):
    """One check of the candidate's code: stdin → stdout, or a call and the value it returns."""

    id: CaseId
    name: str = Field(default="", max_length=80)
    kind: Literal["stdio", "function"] = "stdio"
    stdin: str = Field(default="", max_length=10_000)
    call: str = Field(default="", max_length=2_000)
    expected: str = Field(default="", max_length=10_000)
    compare: Literal["exact", "trimmed"] = "trimmed"
    hidden: bool = False


class SetTests(Strict):
    """Host only: the room's tests, replacing the old set; hidden ones reach hosts only."""

    tests: list[CodeTest] = Field(max_length=50)
    show_hidden_count: bool = False

    @field_validator("tests")
    @classmethod
    def _unique_ids(cls, tests: list[CodeTest]) -> list[CodeTest]:
        if len({test.id for test in tests}) != len(tests):
            raise ValueError("every test needs its own id")
        return tests


class CaseOutcome(Strict):
    """One test as the browser that ran it saw it."""

    id: CaseId
    status: TestStatus
    actual: str = ""
    error: str | None = None
    duration_ms: float = Field(ge=0, le=3_600_000)


class ReportTests(Strict):
    """The results of Run tests, from the browser that ran them against `code`."""

    language: Language
    code: str
    results: list[CaseOutcome] = Field(min_length=1, max_length=50)


CLIENT_EVENTS: dict[str, type[Strict]] = {
    "hello": Hello,
    "execute-code": ExecuteCode,
    "execution-result": ExecutionResult,
    "set-controls": SetControls,
    "remove-participant": RemoveParticipant,
    "end-interview": EndInterview,
    "set-question": SetQuestion,
    "set-tests": SetTests,
    "set-setup": SetSetup,
    "test-results": ReportTests,
    "admit": AdmitParticipant,
    "deny": DenyParticipant,
}

ClientEvent = (
    Hello
    | ExecuteCode
    | ExecutionResult
    | SetControls
    | RemoveParticipant
    | EndInterview
    | SetQuestion
    | SetTests
    | SetSetup
    | ReportTests
    | AdmitParticipant
    | DenyParticipant
)


# Relay → client


class ParticipantInfo(Strict):
    participant_id: str
    name: str
    role: Role
    joined_at: float


class RunStarted(Strict):
    """A run as announced to everyone; the participant whose id is `by` runs it."""

    run_id: str
    by: str
    by_name: str
    language: Language
    code: str
    started_at: float


class RunRecord(RunStarted):
    """A run as kept in history; the last three stay null while it is in progress."""

    finished_at: float | None = None
    output: str | None = None
    error: str | None = None


class RoomInfo(Strict):
    id: str
    title: str
    created_at: float


class RoomState(Strict):
    locked: bool
    runs_disabled: bool
    ended: bool
    lobby: bool = False


class Welcome(Strict):
    participant_id: str
    role: Role
    runs: list[RunRecord]
    participants: list[ParticipantInfo]
    room: RoomInfo
    state: RoomState
    token: str  # links this participant's document sockets (`?token=`) to them
    join_url: str | None = None  # for the host: the link to share (the LAN address)


class Participants(Strict):
    participants: list[ParticipantInfo]


class QuestionState(Strict):
    """The problem statement, and its schema and data, as everyone in the room sees them."""

    statement: str
    updated_at: float | None = None
    setup: str = ""


class RoomTests(Strict):
    """The tests a participant may see: all for hosts, the visible ones for candidates."""

    tests: list[CodeTest]
    show_hidden_count: bool
    hidden_count: int | None = None  # for candidates: null unless the host shows the count


class CaseResult(CodeTest):
    """One test's outcome, with what the test asked for, as stored and shown."""

    status: TestStatus
    actual: str
    error: str | None
    duration_ms: float


class SuiteRun(Strict):
    """One press of Run tests: per-test results and the summary (`5/7 passed`)."""

    test_run_id: str
    by: str
    by_name: str
    language: Language
    code: str
    finished_at: float
    results: list[CaseResult]
    passed: int
    total: int
    hidden_passed: int | None = None  # for candidates: null unless the host shows the count
    hidden_total: int | None = None


class WaitingInfo(Strict):
    waiting_id: str
    name: str
    since: float


class Waiting(Strict):
    """To hosts: who waits in the lobby, sent whenever that changes."""

    waiting: list[WaitingInfo]


class InLobby(Strict):
    """To a candidate who waits in the lobby until the host admits them."""

    message: str


class ErrorInfo(Strict):
    code: str
    message: str


SERVER_EVENT_TYPES: dict[type[Strict], str] = {
    Welcome: "welcome",
    Participants: "participants",
    RunStarted: "execute-code",
    ExecutionResult: "execution-result",
    ErrorInfo: "error",
    RoomState: "room-state",
    QuestionState: "question",
    RoomTests: "tests",
    SuiteRun: "test-results",
    Waiting: "waiting",
    InLobby: "lobby",
}


class ProtocolError(Exception):
    """A client message the relay refuses; becomes an `error` event."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def to_frame(self) -> str:
        return encode(ErrorInfo(code=self.code, message=self.message))


def encode(event: Strict) -> str:
    """The text frame for a relay → client event."""
    kind = SERVER_EVENT_TYPES[type(event)]
    return json.dumps({"type": kind, "payload": event.model_dump(mode="json")})


def decode(frame: str) -> ClientEvent:
    """Parses and validates one client text frame, or raises ProtocolError."""
    try:
        message: Any = json.loads(frame)
    except ValueError as error:
        raise ProtocolError("invalid-json", f"Not valid JSON: {error}") from error
    except RecursionError as error:
        raise ProtocolError("invalid-json", "Not valid JSON: nested too deeply.") from error
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError(
            "invalid-event", 'An event is a JSON object {"type": ..., "payload": {...}}.'
        )
    model = CLIENT_EVENTS.get(message["type"])
    if model is None:
        known = ", ".join(sorted(CLIENT_EVENTS))
        raise ProtocolError(
            "unknown-event", f"Unknown event type {message['type']!r}; expected one of {known}."
        )
    extra_keys = set(message) - {"type", "payload"}
    if extra_keys:
        raise ProtocolError("invalid-event", f"Unexpected keys: {', '.join(sorted(extra_keys))}.")
    try:
        event = model.model_validate(message.get("payload", {}))
    except ValidationError as error:
        raise ProtocolError("invalid-event", _describe(message["type"], error)) from error
    assert isinstance(event, ClientEvent)
    return event


def _describe(kind: str, error: ValidationError) -> str:
    problems = []
    for problem in error.errors()[:3]:
        where = ".".join(str(part) for part in problem["loc"]) or "payload"
        problems.append(f"{where}: {problem['msg']}")
    return f"Invalid {kind!r} payload — " + "; ".join(problems)
