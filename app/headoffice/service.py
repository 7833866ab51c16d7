"""Sync with head office: log in, push the outbox, pull the status feed, and the Sync page's list.

`run_once` pushes every due outbox item (sync.outbox) and then pulls head office's status
feed after the stored cursor (sync.status_feed), applying each page through
`HqStatusService.apply` before moving the cursor, so a run cut short anywhere loses nothing
and repeats nothing that matters.  Last it asks for the published holiday calendar and product
catalogue (app/headoffice/references.py), which never fails the run.  The cursor is kept per
server and manager in settings, beside the time of the last fully successful run.

The token comes from `Credentials` (the OS password store, or BRANCHDESK_TOKEN) for each
run and is handed to the HTTP client; it is never stored here, in settings or in a log. It
only ever goes to an https:// address, or http:// to this computer (sync.http.check_base_url).

One run at a time per profile, across processes (the app, `branchdesk sync`, a scheduled
one): a run holds an exclusive lock on <data dir>/sync.lock, and another run meanwhile is
refused at once with SyncRunning; it would only send the same items a second time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from app.credentials import Credentials, account
from app.errors import BranchDeskError, Cancelled, InvalidInput
from app.headoffice.items import SyncItem, SyncItems, SyncSummary
from app.headoffice.references import NAMES, HeldReferences, ReferencePull, held_references, pull_references
from app.headoffice.status import LETTER_KINDS, HqStatusService, StatusUpdate
from app.headoffice.texts import address_problem, error_problem
from app.profile.audit import record_event
from app.profile.settings import SettingsService
from app.profile.site_config import SettingLocked
from app.rules.problem import Problem
from local_db.base import utcnow
from local_db.profile_lock import ProfileBusy, ProfileLock
from sync import status_feed
from sync.http import (
    DEFAULT_TIMEOUT,
    BadAddress,
    HeadOffice,
    Rejected,
    Retryable,
    SyncError,
    Unauthorized,
    check_base_url,
    make_session,
)
from sync.outbox import Cancelled as OutboxCancelled
from sync.outbox import OutboxDrain, RetryPolicy, request_timeout, retrying, time_left

log = logging.getLogger(__name__)

MANAGER_KEY = "sync_manager_code"
CA_BUNDLE_KEY = "sync_ca_bundle"
CURSOR_KEY = "sync_status_cursor"  # {"account": "<server>|<manager>", "after": int}
LAST_SUCCESS_KEY = "sync_last_success_at"
LOGIN_TIMEOUT = (3.05, 10.0)
SYNC_LOCK_FILENAME = "sync.lock"

__all__ = ["BadServerAddress", "EmptyLoginField", "LoginRequired", "LoginResult", "LoginState", "NotLoggedIn",
           "ServerUnreachable", "SyncItem", "SyncReport", "SyncRunning", "SyncService", "SyncSummary",
           "TokenRefused", "server_address"]  # fmt: skip


class NotLoggedIn(BranchDeskError):
    code = "not_logged_in"

    def __init__(self) -> None:
        super().__init__(
            "Not logged in to head office.",
            "Log in first: branchdesk login --server URL --manager CODE (or Sync › Log in…).",
            zh="尚未登录总公司。",
            hint_zh="请先登录：branchdesk login --server 地址 --manager 工号（或“同步 › 登录…”）。",
        )


class LoginRequired(BranchDeskError):
    """Head office refused the token (401): log in again."""

    code = "login_required"


class ServerUnreachable(BranchDeskError):
    """Login could not reach head office, or what answered is not head office."""

    code = "server_unreachable"


class TokenRefused(BranchDeskError):
    """Login: head office does not know this token."""

    code = "token_refused"


class BadServerAddress(InvalidInput):
    """Not a head-office address the token may go to; the message says why."""

    code = "bad_server_address"

    def __init__(self, error: BadAddress) -> None:
        said = address_problem(error.url, error.reason)
        super().__init__(said.en, zh=said.zh_CN)


class EmptyLoginField(InvalidInput):
    """Login: the manager code (`manager_code_empty`) or the token (`token_empty`) is empty."""

    def __init__(self, code: str, message: str, hint: str, *, zh: str, hint_zh: str) -> None:
        super().__init__(message, hint, zh=zh, hint_zh=hint_zh)
        self.code = code


class SyncRunning(BranchDeskError):
    """Another sync of this profile is under way (the app, another window, a `branchdesk sync`)."""

    code = "sync_running"

    def __init__(self) -> None:
        super().__init__(
            "A sync of this profile is already running (in BranchDesk or another `branchdesk sync`); "
            "this one did not start.",
            "What is waiting goes with that sync or the next one.",
            zh="此档案已有同步在进行（网点工作台或另一个命令行同步）；本次未开始。",
            hint_zh="待发项目将随该次或下次同步发送。",
        )


def server_address(url: str) -> str:
    """`url` as sync.http.check_base_url keeps it, or BadServerAddress."""
    try:
        return check_base_url(url)
    except BadAddress as exc:
        raise BadServerAddress(exc) from None


@dataclass(frozen=True)
class LoginState:
    server_url: str
    manager_code: str
    has_token: bool
    from_environment: bool  # the token comes from BRANCHDESK_TOKEN


@dataclass(frozen=True)
class LoginResult:
    server_url: str
    manager_code: str
    # Set when the profile's own manager code differs: head office will refuse its proposals.
    warning: str = ""


@dataclass(frozen=True)
class SyncReport:
    total: int  # outbox items due at the start of the run
    sent: int
    rejected: int  # refused by head office during this run
    deferred: int  # failed to go this time; left pending for a later run
    held: int  # receipts waiting on a rejected or discarded proposal
    statuses_pulled: int  # status events read from head office
    statuses_changed: int  # of which changed something here (status or problem case)
    letters_created: int
    cancelled: bool
    succeeded: bool  # pushed and pulled without a network or server failure
    problem: Problem | None  # why the run stopped early, in both languages
    pending_left: int
    rejected_left: int
    finished_at: datetime
    proposal_ids: tuple[str, ...] = field(default=())  # proposals whose head-office status changed
    references: tuple[ReferencePull, ...] = field(default=())  # the calendar and catalogue asked for


class SyncService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        settings: SettingsService,
        credentials: Credentials,
        hq_status: HqStatusService,
        *,
        data_dir: Path,
        actor: Callable[[], str],
        policy: RetryPolicy = RetryPolicy(),
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        clock: Callable[[], datetime] = utcnow,
        on_calendar_installed: Callable[[], object] | None = None,
    ) -> None:
        self._sessions = sessions
        self._on_calendar_installed = on_calendar_installed
        self._settings = settings
        self._credentials = credentials
        self._hq_status = hq_status
        self._policy = policy
        self._timeout = timeout
        self._clock = clock
        self._actor = actor
        self._data_dir = Path(data_dir)
        self._items = SyncItems(sessions, data_dir, actor, clock)

    # ---- logging in --------------------------------------------------------------------

    def login_state(self) -> LoginState:
        """Who is logged in; raises CredentialsUnavailable when the password store is unusable."""
        url, code = self._settings.server_url(), self._manager_code()
        has_token = bool(url and code and self._credentials.load(url, code))
        return LoginState(url, code, has_token, self._credentials.from_environment())

    def login(self, server_url: str, manager_code: str, token: str, ca_bundle: str | None = None) -> LoginResult:
        """Check the token against head office, then keep it in the password store and the
        server and manager in settings. Nothing is stored when the check fails."""
        url = server_address(server_url)
        # IT's locked address and CA bundle stand: a token is never sent anywhere else, nor
        # checked against another certificate (the GUI's fields are read-only; this is the CLI).
        site = self._settings.site
        if self._settings.is_locked("server_url") and url != self._settings.server_url().rstrip("/"):
            raise SettingLocked("head_office_url", site.path)
        if self._settings.is_locked(CA_BUNDLE_KEY):
            ca_bundle = self._settings.get(CA_BUNDLE_KEY)
        code, token = manager_code.strip(), token.strip()
        # Unattended runs (BRANCHDESK_TOKEN) need no password store: the variable is the token,
        # so only the server and manager are kept.
        unattended = self._credentials.from_environment()
        if unattended:
            token = token or self._credentials.environment_token()
        if not code:
            raise EmptyLoginField(
                "manager_code_empty",
                "The manager code is empty.",
                "Type your manager code, e.g. BJ0107.",
                zh="客户经理工号为空。",
                hint_zh="请输入您的工号，例如 BJ0107。",
            )
        if not token:
            raise EmptyLoginField(
                "token_empty",
                "The token is empty.",
                "Paste the token head office gave you.",
                zh="令牌为空。",
                hint_zh="请粘贴总公司发给您的令牌。",
            )
        if not unattended:
            self._credentials.load(url, code)  # an unusable password store is reported before the network
        office = self._office_for(url, token, ca_bundle, LOGIN_TIMEOUT)
        try:
            office.status(after=0, limit=1)
        except Unauthorized:
            raise TokenRefused(
                f"Head office at {url} refused this token.",
                f"Check the token for manager {code}, or ask head office for a new one.",
                zh=f"{url} 的总公司拒绝了此令牌。",
                hint_zh=f"请检查客户经理 {code} 的令牌，或向总公司申请新令牌。",
            ) from None
        except Retryable as exc:
            raise ServerUnreachable(f"Head office at {url} could not be reached ({exc.message}).",
                                    "Check the address and the network, then try again.",
                                    zh=f"无法连接 {url} 的总公司。",
                                    hint_zh="请检查地址和网络，然后重试。") from None  # fmt: skip
        except Rejected as exc:
            raise ServerUnreachable(f"{url} does not answer like head office (HTTP {exc.status}).",
                                    "Check the server address.",
                                    zh=f"{url} 的回应不像总公司（HTTP {exc.status}）。",
                                    hint_zh="请检查服务器地址。") from None  # fmt: skip
        finally:
            office.close()
        if not unattended:
            self._credentials.store(url, code, token)
        self._settings.set_server_url(url)
        self._settings.set(MANAGER_KEY, code)
        self._settings.set(CA_BUNDLE_KEY, ca_bundle or "")
        self._record("login", {"server": url, "manager": code, "unattended": unattended})
        profile_code = self._settings.manager().code
        warning = ""
        if profile_code and profile_code != code:
            warning = (f"This profile's manager code is {profile_code}, not {code}: head office will "
                       f"refuse proposals that carry {profile_code}.")  # fmt: skip
        return LoginResult(url, code, warning)

    def logout(self) -> bool:
        """Forget the stored token (the server and manager stay, for the next login)."""
        url, code = self._settings.server_url(), self._manager_code()
        forgotten = bool(url and code) and self._credentials.delete(url, code)
        if forgotten:
            self._record("logout", {"server": url, "manager": code})
        return forgotten

    # ---- one run -----------------------------------------------------------------------

    def run_once(
        self,
        cancel: threading.Event | None = None,
        progress: Callable[[int, int], None] | None = None,
        *,
        time_limit_s: float | None = None,
        on_bytes: Callable[[int, int], None] | None = None,
    ) -> SyncReport:
        """Push, then pull. Raises NotLoggedIn, BadServerAddress (an http:// address kept by an
        older version), CredentialsUnavailable, SyncRunning (before any request) and
        LoginRequired (head office refused the token); network trouble is in the report.
        `progress` hears (items done, items due), `on_bytes` (payload bytes done, bytes due)."""
        cancel = cancel or threading.Event()
        deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
        url, code = self._settings.server_url(), self._manager_code()
        if url:
            url = server_address(url)
        token = self._credentials.load(url, code) if url and code else None
        if not token:
            raise NotLoggedIn()
        with self._one_run():
            try:
                return self._run(url, code, token, cancel, progress, deadline, on_bytes)
            except OutboxCancelled:
                # A cancel during a run is reported (`cancelled`) with what was done; sync's own
                # type never leaves the core's boundary: callers know one Cancelled.
                raise Cancelled("The sync was stopped; what was not sent stays waiting.",
                                zh="同步已停止；未发送的项目保留待发。") from None  # fmt: skip

    @contextmanager
    def _one_run(self) -> Iterator[None]:
        try:
            lock = ProfileLock(self._data_dir, exclusive=True, filename=SYNC_LOCK_FILENAME)
        except ProfileBusy:
            raise SyncRunning() from None
        try:
            yield
        finally:
            lock.release()

    def _run(self, url: str, code: str, token: str, cancel: threading.Event,
             progress: Callable[[int, int], None] | None, deadline: float | None,
             on_bytes: Callable[[int, int], None] | None = None) -> SyncReport:  # fmt: skip
        office = self._office_for(url, token, self._settings.get(CA_BUNDLE_KEY) or None, self._timeout, deadline)
        try:
            drain = OutboxDrain(self._sessions, office, self._policy, self._clock)
            pushed = drain.run(cancel, progress, deadline, on_bytes=on_bytes)
            stopped: SyncError | None = pushed.stopped
            cancelled = pushed.cancelled
            pulled = Pulled()
            if stopped is None and not cancelled:
                try:
                    self._pull(office, account(url, code), cancel, deadline, pulled)
                except OutboxCancelled:
                    cancelled = True
                except (Retryable, Rejected, Unauthorized) as exc:
                    stopped = exc
                cancelled = cancelled or cancel.is_set()
            # Asked even when the push had items refused; not when head office is out of reach.
            reachable = not cancelled and not isinstance(stopped, (Retryable, Unauthorized))
            references = self._pull_references(office, deadline) if reachable else ()
        finally:
            office.close()
        if isinstance(stopped, Unauthorized):
            raise LoginRequired(f"Head office refused the token of manager {code} at {url}.",
                                "Log in again: branchdesk login, or Sync › Log in….",
                                zh=f"总公司拒绝了客户经理 {code} 在 {url} 的令牌。",
                                hint_zh="请重新登录：branchdesk login，或“同步 › 登录…”。")  # fmt: skip
        succeeded = stopped is None and not cancelled
        now = self._clock()
        if succeeded:
            self._settings.set(LAST_SUCCESS_KEY, now.isoformat())
        summary = self._items.summary(self.last_success_at())
        return SyncReport(
            total=pushed.total, sent=pushed.sent, rejected=pushed.rejected, deferred=pushed.deferred,
            held=pushed.held, statuses_pulled=pulled.events, statuses_changed=pulled.changed,
            letters_created=pulled.letters, cancelled=cancelled, succeeded=succeeded,
            problem=_stop_problem(stopped), pending_left=summary.pending, rejected_left=summary.rejected,
            finished_at=now, proposal_ids=tuple(pulled.proposal_ids), references=references,
        )  # fmt: skip

    def _pull_references(self, office: HeadOffice, deadline: float | None) -> tuple[ReferencePull, ...]:
        """The calendar and catalogue, after the push: whatever goes wrong here is reported and
        logged, never a failure of the run (what was pushed stays pushed)."""
        if time_left(deadline) == 0.0:
            return ()
        try:
            return pull_references(office, self._data_dir, self._settings,
                                   timeout=request_timeout(office.timeout, deadline),
                                   on_calendar_installed=self._on_calendar_installed)  # fmt: skip
        except Exception:  # a bug or a full disk must not turn a delivered push into a failed run
            log.exception("reference data pull failed")
            problem = Problem("", "reference_pull_failed", "The reference data could not be updated; "
                              "the copies held stay.", "参考数据未能更新；保留本机现有副本。")  # fmt: skip
            return tuple(ReferencePull(kind, "failed", None, problem) for kind in NAMES)

    def _pull(self, office: HeadOffice, who: str, cancel: threading.Event, deadline: float | None,
              pulled: Pulled) -> None:  # fmt: skip
        stored = self._settings.get(CURSOR_KEY) or {}
        after = int(stored.get("after", 0)) if stored.get("account") == who else 0
        retry = retrying(self._policy, cancel, deadline)

        def fetch(after: int) -> status_feed.StatusPage:
            return status_feed.fetch(office, after, timeout=request_timeout(office.timeout, deadline))

        while not cancel.is_set():
            if time_left(deadline) == 0.0:
                raise OutboxCancelled
            page = retry(fetch, after)
            if not page.events and not page.skipped:
                return
            applied = self._hq_status.apply([_update(event) for event in page.events])
            pulled.add(len(page.events), applied.changed, applied.letters_created, applied.proposal_ids)
            if page.next <= after:
                return
            after = page.next
            self._settings.set(CURSOR_KEY, {"account": who, "after": after})

    # ---- the Sync page -------------------------------------------------------------------

    def items(self, status: str | None = None) -> tuple[SyncItem, ...]:
        """Every outbox item in delivery order; `status` filters (pending | sending | sent |
        rejected | discarded, or "open" for pending, sending and rejected together)."""
        return self._items.rows(status)

    def retry(self, item_id: str) -> SyncItem:
        """A rejected item goes back to pending (attempts kept); a pending one is due at once."""
        return self._items.retry(item_id)

    def discard(self, item_id: str) -> Path:
        """Never send this item; its payload is kept in <data dir>/discarded/ (owner-only:
        it holds ID numbers). Returns the copy's path."""
        return self._items.discard(item_id)

    def export_items(self, path: Path) -> int:
        """The list as CSV (no payloads); returns the number of items written. Audited like any
        export: the list names clients and products."""
        written = self._items.export(path)
        self._record("export", {"what": "sync_items", "rows": written})
        return written

    def summary(self) -> SyncSummary:
        return self._items.summary(self.last_success_at())

    def references(self) -> HeldReferences:
        """The calendar and catalogue versions this profile holds, and when head office was last asked."""
        return held_references(self._data_dir, self._settings)

    def last_success_at(self) -> datetime | None:
        text = self._settings.get(LAST_SUCCESS_KEY)
        return datetime.fromisoformat(text) if text else None

    # ---- helpers -----------------------------------------------------------------------

    def _record(self, action: str, detail: dict[str, object]) -> None:
        """Login and logout go into the audit log; the token never does."""
        with self._sessions.begin() as session:
            record_event(session, actor=self._actor(), action=action, entity="head_office", entity_id=None,
                         detail=detail)  # fmt: skip

    def _manager_code(self) -> str:
        return str(self._settings.get(MANAGER_KEY) or "")

    def _office_for(self, url: str, token: str, ca_bundle: str | None, timeout: tuple[float, float],
                    deadline: float | None = None) -> HeadOffice:  # fmt: skip
        try:
            session = make_session(ca_bundle)
        except ValueError as exc:
            raise InvalidInput(str(exc), "Name an existing certificate bundle file, or none.",
                               zh="找不到证书文件。",
                               hint_zh="请指定一个存在的证书文件，或不指定。") from None  # fmt: skip
        return HeadOffice(url, token, session=session, timeout=timeout, deadline=deadline)


class Pulled:
    """Running totals of a pull, kept outside it so a pull cut short still reports its pages."""

    def __init__(self) -> None:
        self.events = self.changed = self.letters = 0
        self.proposal_ids: dict[str, None] = {}

    def add(self, events: int, changed: int, letters: int, proposal_ids: tuple[str, ...]) -> None:
        self.events += events
        self.changed += changed
        self.letters += letters
        self.proposal_ids.update(dict.fromkeys(proposal_ids))


def _update(event: status_feed.StatusEvent) -> StatusUpdate:
    # A kind of letter this version does not know is still a problem case to answer.
    kind = event.problem_kind if event.problem_kind in LETTER_KINDS else None
    problem_id = event.problem_id
    if event.status == "problem" and not problem_id:
        problem_id = f"feed-{event.cursor}"  # the contract promises one; never lose the case over it
    return StatusUpdate(kind=event.kind, record_id=event.record_id, status=event.status, at=event.at,
                        policy_number=event.policy_number, problem_id=problem_id, problem_kind=kind,
                        reason=event.reason, fields=event.fields)  # fmt: skip


def _stop_problem(error: SyncError | None) -> Problem | None:
    if error is None:
        return None
    if isinstance(error, Retryable):
        return error_problem({"code": error.code, "message": error.message, "status": error.status})
    if isinstance(error, Rejected):
        return error_problem({"code": error.code, "message": error.message, "status": error.status,
                              "errors": list(error.errors)})  # fmt: skip
    return error_problem({"code": "other", "message": error.message})
