"""The only writers of reminder rules, preferences and notifications, and the reminder run.

``do_run_reminders`` is what ``chidao remind`` (cron, a systemd timer) and the demo's
background thread call. It is safe to run every few minutes and to run again after an
interruption:

1. it plans the reminders due today (:mod:`chidao.reminders.planner`) and inserts the
   missing notifications in one transaction; each has a dedupe key unique per recipient,
   so a reminder already created is never created again (an insert that conflicts is
   skipped);
2. then it sends the pending e-mails one by one, each claimed before sending (so two
   overlapping runs never send one twice) and marked sent right after the SMTP server
   accepted it. A refused message keeps its error and its attempt count and stays
   pending for the next run; when the server cannot be reached at all the run stops
   sending and leaves the rest pending. Users who chose the daily digest get one e-mail
   a day (from ``CHIDAO_DIGEST_HOUR``) gathering their pending notifications; the digest
   is recorded (``Digest``) so it goes out once.

Rules and preferences are audited like every edit. Notifications are not: each row is
itself the record of what was sent to whom and when (created, sent, read, attempts, error).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from chidao.core.access import can, require
from chidao.core.actors import system_actor
from chidao.core.errors import AccessDenied, NotFound, ServiceError
from chidao.core.models import Role
from chidao.core.services import create_audited, locked, save_changes
from chidao.reminders import planner
from chidao.reminders.models import (
    Delivery,
    Digest,
    EmailState,
    Notification,
    ReminderRule,
    UserPreference,
)

logger = logging.getLogger(__name__)

DEFAULTS_FILE = Path(__file__).with_name("defaults.yaml")
RULE_FIELDS = (
    "days_before",
    "on_due_day",
    "overdue_every",
    "recommendation_days_before",
    "review_wait_days",
    "enabled",
)
# A claim older than this is taken to be left by a run that died: the item is sent again.
CLAIM_TIMEOUT = dt.timedelta(minutes=15)


# ---------------------------------------------------------------------------- rules


@lru_cache(maxsize=1)
def shipped_defaults() -> planner.RuleValues:
    """The rule of ``defaults.yaml``: used when no rule applies to a body."""
    data = yaml.safe_load(DEFAULTS_FILE.read_text(encoding="utf-8")) or {}
    return planner.RuleValues.from_mapping(data)


def _values(rule: ReminderRule) -> planner.RuleValues:
    return planner.RuleValues(**{name: getattr(rule, name) for name in RULE_FIELDS})


def rule_book() -> planner.RuleBook:
    """The saved rules by body, the parents of the bodies, and the default rule."""
    from chidao.orgs.models import Organization

    default = shipped_defaults()
    by_body: dict[int, planner.RuleValues] = {}
    for rule in ReminderRule.objects.all():
        if rule.body_id is None:
            default = _values(rule)
        else:
            by_body[rule.body_id] = _values(rule)
    parents = dict(Organization.objects.values_list("pk", "parent_id"))
    return planner.RuleBook(default=default, by_body=by_body, parents=parents)


def effective_rule(body) -> planner.RuleValues:
    """The values that apply to ``body`` (its own rule, a parent's, the default)."""
    return rule_book().for_body(getattr(body, "pk", body))


@transaction.atomic
def do_save_rule(
    actor,
    *,
    rule: ReminderRule | None = None,
    body=None,
    expected_version: int | None = None,
    **values: Any,
) -> ReminderRule:
    """Create the rule of ``body`` (None: the default rule), or change ``rule``."""
    require(actor, "reminder.rules")
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise ServiceError(f"Không có thiết lập: {', '.join(sorted(unknown))}.")
    for name in RULE_FIELDS:
        if name in values and name != "on_due_day" and name != "enabled":
            try:
                number = int(values[name])
            except (TypeError, ValueError):
                raise ServiceError("Số ngày phải là số nguyên.", field=name) from None
            if not 0 <= number <= 365:
                raise ServiceError("Số ngày phải từ 0 đến 365.", field=name)
            values[name] = number
    if rule is not None:
        row = locked(ReminderRule, rule.pk)
        return save_changes(
            actor, "reminder_rule.update", row, values, expected_version=expected_version
        )
    body_id = getattr(body, "pk", body)
    if ReminderRule.objects.filter(body_id=body_id).exists():
        raise ServiceError(
            "Cơ quan này đã có quy tắc nhắc việc: hãy sửa quy tắc đó."
            if body_id
            else "Đã có quy tắc mặc định: hãy sửa quy tắc đó.",
            field="body",
        )
    defaults = shipped_defaults()
    data = {name: getattr(defaults, name) for name in RULE_FIELDS} | values
    return create_audited(actor, "reminder_rule.create", ReminderRule(body_id=body_id, **data))


@transaction.atomic
def do_delete_rule(actor, rule: ReminderRule) -> None:
    """Remove a body's rule: its work then follows the parent's rule or the default."""
    from chidao.core import audit

    require(actor, "reminder.rules")
    row = locked(ReminderRule, rule.pk)
    audit.record(actor, "reminder_rule.delete", row, before=audit.snapshot(row), after={})
    row.delete()


# ---------------------------------------------------------------------- preferences


def preference_of(user) -> UserPreference:
    """The user's preference, or the default one (immediate, e-mail on), unsaved."""
    try:
        return UserPreference.objects.get(user=user)
    except UserPreference.DoesNotExist:
        return UserPreference(user=user)


@transaction.atomic
def do_set_preference(
    actor, user=None, *, digest: str, email_enabled: bool = True
) -> UserPreference:
    """A user chooses single e-mails or a daily digest (an administrator may do it for them)."""
    user = user if user is not None else actor
    if not getattr(actor, "is_authenticated", False) or (
        actor.pk != user.pk and not can(actor, "user.manage")
    ):
        raise AccessDenied("Bạn chỉ đổi được cài đặt nhận thông báo của chính mình.")
    if digest not in Delivery.values:
        raise ServiceError("Cách nhận thư không hợp lệ.", field="digest")
    changes = {"digest": digest, "email_enabled": bool(email_enabled)}
    existing = UserPreference.objects.select_for_update().filter(user=user).first()
    if existing is None:
        return create_audited(
            actor, "reminder_preference.create", UserPreference(user=user, **changes)
        )
    return save_changes(actor, "reminder_preference.update", existing, changes)


# -------------------------------------------------------------------- notifications


def notifications_of(user):
    return Notification.objects.filter(recipient=user)


def unread_count_of(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def do_mark_read(actor, notification: Notification | int) -> Notification:
    """The recipient marks one notification read (reading again changes nothing)."""
    pk = getattr(notification, "pk", notification)
    row = Notification.objects.select_for_update().filter(pk=pk).first()
    if row is None or getattr(actor, "pk", None) != row.recipient_id:
        raise NotFound("Không tìm thấy thông báo.")
    if row.read_at is None:
        row.read_at = timezone.now()
        row.save(update_fields=["read_at", "updated_at"])
    return row


@transaction.atomic
def do_mark_all_read(actor) -> int:
    """The user marks all their notifications read; returns how many were unread."""
    if not getattr(actor, "is_authenticated", False):
        raise AccessDenied("Bạn cần đăng nhập.")
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now(), updated_at=timezone.now()
    )


# --------------------------------------------------------------------------- links


def link_for(object_kind: str, object_id: int) -> str:
    """The path of a task's or a recommendation's page (the admin page until the web has one)."""
    route, admin_path = {
        "task": ("tasks:detail", "/admin/tasks/task/{}/change/"),
        "recommendation": (
            "recommendations:detail",
            "/admin/recommendations/recommendation/{}/change/",
        ),
    }[object_kind]
    try:
        return reverse(route, args=[object_id])
    except NoReverseMatch:
        return admin_path.format(object_id)


def absolute(link: str) -> str:
    if not link or link.startswith(("http://", "https://")):
        return link
    return f"{settings.CHIDAO_BASE_URL.rstrip('/')}{link}"


# ------------------------------------------------------------------------ planning


def _gather(today: dt.date) -> dict[str, Any]:
    """Read the open work and the audience for the planner."""
    from chidao.recommendations.models import Recommendation, Response, RoutingStep, StepKind
    from chidao.recommendations.states import RecStatus
    from chidao.tasks.models import ProgressState, ProgressUpdate, Task

    horizon = today + dt.timedelta(days=366)
    tasks = [
        planner.TaskInfo(
            id=pk, title=title, deadline=deadline, lead_unit_id=unit, lead_unit_name=name
        )
        for pk, title, deadline, unit, name in Task.objects.filter(
            completed_on__isnull=True, deadline__isnull=False, deadline__lte=horizon
        ).values_list("pk", "title", "deadline", "lead_unit_id", "lead_unit__name")
    ]

    open_recs = dict(
        Recommendation.objects.filter(
            status__in=[RecStatus.FORWARDED, RecStatus.ANSWERED],
            due_on__isnull=False,
            due_on__lte=horizon,
        ).values_list("pk", "due_on")
    )
    texts = dict(Recommendation.objects.filter(pk__in=open_recs).values_list("pk", "text"))
    forwarded: dict[int, dict[int, dt.date]] = defaultdict(dict)
    for rec_id, sector, at in RoutingStep.objects.filter(
        recommendation_id__in=open_recs, kind=StepKind.FORWARDED, to_body__isnull=False
    ).values_list("recommendation_id", "to_body_id", "at"):
        previous = forwarded[rec_id].get(sector)
        forwarded[rec_id][sector] = max(at, previous) if previous else at
    answered: dict[int, set[int]] = defaultdict(set)
    for rec_id, body, on in Response.objects.filter(recommendation_id__in=open_recs).values_list(
        "recommendation_id", "from_body_id", "answered_on"
    ):
        # An answer counts for the latest forwarding to that sector, not for an earlier one.
        since = forwarded.get(rec_id, {}).get(body)
        if since is None or on >= since:
            answered[rec_id].add(body)
    recommendations = [
        planner.RecommendationInfo(
            id=pk,
            text=texts[pk],
            due_on=due,
            sector_ids=frozenset(forwarded.get(pk, {})),
            answered_by_ids=frozenset(answered.get(pk, set())),
        )
        for pk, due in open_recs.items()
    ]

    reviews = [
        planner.ReviewInfo(
            id=pk,
            task_id=task_id,
            task_title=title,
            task_deadline=deadline,
            lead_unit_id=unit,
            lead_unit_name=name,
            submitted_on=timezone.localdate(submitted_at),
            progress=progress,
        )
        for pk, task_id, title, deadline, unit, name, submitted_at, progress in (
            ProgressUpdate.objects.filter(state=ProgressState.SUBMITTED).values_list(
                "pk",
                "task_id",
                "task__title",
                "task__deadline",
                "task__lead_unit_id",
                "task__lead_unit__name",
                "submitted_at",
                "progress",
            )
        )
    ]

    users = get_user_model().objects.filter(is_active=True)
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org in users.filter(role=Role.UNIT, organization__isnull=False).values_list(
        "pk", "organization_id"
    ):
        by_org[org].append(pk)
    office = list(users.filter(role=Role.OFFICE).values_list("pk", flat=True))
    return {
        "tasks": tasks,
        "recommendations": recommendations,
        "reviews": reviews,
        "audience": planner.Audience(users_by_org=dict(by_org), office_users=office),
    }


def due_reminders(today: dt.date) -> list[planner.DueReminder]:
    data = _gather(today)
    return planner.plan(today=today, rules=rule_book(), **data)


# --------------------------------------------------------------------------- report


@dataclass
class RunReport:
    today: dt.date
    dry_run: bool = False
    planned: int = 0
    created: int = 0
    existing: int = 0
    sent: int = 0
    digests_sent: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0
    email_on: bool = True
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.errors

    def summary(self) -> str:
        head = "Chạy thử, không ghi và không gửi: " if self.dry_run else ""
        lines = [
            f"{head}nhắc việc ngày {self.today:%d/%m/%Y}: {self.planned} nhắc việc đến hạn, "
            f"{self.created} thông báo mới{' (sẽ tạo)' if self.dry_run else ''}, "
            f"{self.existing} đã có từ trước.",
        ]
        if not self.dry_run and not self.email_on:
            lines.append(
                "Thư điện tử: chưa cấu hình máy chủ thư (CHIDAO_EMAIL_HOST), "
                "chỉ thông báo trong ứng dụng."
            )
        elif not self.dry_run:
            lines.append(
                f"Thư điện tử: {self.sent} thư đã gửi, {self.digests_sent} thư tổng hợp, "
                f"{self.failed} lỗi, {self.pending} còn chờ gửi, {self.skipped} không gửi thư."
            )
        lines.extend(f"Lỗi: {error}" for error in self.errors)
        return "\n".join(lines)


# ------------------------------------------------------------------------ the run


def email_is_on() -> bool:
    """E-mail goes out when an SMTP host is set, or a non-SMTP backend is configured."""
    backend = settings.EMAIL_BACKEND
    if backend != "django.core.mail.backends.smtp.EmailBackend":
        return True
    return bool(settings.EMAIL_HOST)


def _initial_email_state(user, preference: UserPreference | None, email_on: bool) -> str:
    if not email_on or not user.email or (preference is not None and not preference.email_enabled):
        return EmailState.SKIPPED
    return EmailState.PENDING


def _create_notifications(
    due: list[planner.DueReminder], report: RunReport, *, dry_run: bool
) -> None:
    from chidao.recommendations.models import Recommendation
    from chidao.tasks.models import Task

    if not due:
        return
    recipient_ids = {item.recipient_id for item in due}
    keys = sorted({item.dedupe_key for item in due})
    existing: set[tuple[int, str]] = set()
    for start in range(0, len(keys), 500):  # a bounded number of query parameters
        existing.update(
            Notification.objects.filter(dedupe_key__in=keys[start : start + 500]).values_list(
                "recipient_id", "dedupe_key"
            )
        )
    missing = [item for item in due if (item.recipient_id, item.dedupe_key) not in existing]
    report.existing = len(due) - len(missing)
    report.created = len(missing)
    if dry_run or not missing:
        return
    users = get_user_model().objects.in_bulk({item.recipient_id for item in missing})
    preferences = {p.user_id: p for p in UserPreference.objects.filter(user_id__in=recipient_ids)}
    content_types = {
        "task": ContentType.objects.get_for_model(Task),
        "recommendation": ContentType.objects.get_for_model(Recommendation),
    }
    email_on = email_is_on()
    rows = []
    for item in missing:
        user = users[item.recipient_id]
        rows.append(
            Notification(
                recipient_id=item.recipient_id,
                kind=item.kind,
                subject=item.subject[:300],
                body=item.body,
                link=link_for(item.object_kind, item.object_id),
                content_type=content_types[item.object_kind],
                object_id=str(item.object_id),
                due_on=item.due_on,
                dedupe_key=item.dedupe_key[:200],
                email_state=_initial_email_state(user, preferences.get(user.pk), email_on),
            )
        )
    with transaction.atomic():
        # A concurrent run may have inserted some of them meanwhile: those are skipped.
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


def _claim(model, pk: int, now: dt.datetime) -> bool:
    """Take an item for sending; False when another run holds it or it is no longer pending."""
    return (
        model.objects.filter(pk=pk, email_state=EmailState.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now)
        == 1
    )


def _release(model, pk: int) -> None:
    model.objects.filter(pk=pk).update(claimed_at=None)


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _is_message_error(error: BaseException) -> bool:
    """A refusal of this message (the server is up): go on with the next one."""
    return isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused)


def _record_failure(model, pk: int, error: BaseException) -> None:
    max_attempts = settings.CHIDAO_EMAIL_MAX_ATTEMPTS
    with transaction.atomic():
        row = model.objects.select_for_update().get(pk=pk)
        row.email_attempts += 1
        row.last_error = _error_text(error)
        row.claimed_at = None
        if row.email_attempts >= max_attempts:
            row.email_state = EmailState.FAILED
        row.save(
            update_fields=[
                "email_attempts",
                "last_error",
                "claimed_at",
                "email_state",
                "updated_at",
            ]
        )


def _email_body(notification: Notification) -> str:
    parts = [notification.body]
    if notification.link:
        parts.append(f"Xem chi tiết: {absolute(notification.link)}")
    parts.append(_footer())
    return "\n\n".join(parts)


def _footer() -> str:
    return (
        "—\nThư gửi tự động từ chidao (theo dõi chỉ đạo, điều hành). "
        f"Đổi cách nhận thông báo: {absolute(reverse('reminders:preferences'))}"
    )


def _digest_body(day: dt.date, items: list[Notification]) -> str:
    lines = [f"Các việc cần chú ý ngày {day:%d/%m/%Y}:", ""]
    for number, item in enumerate(items, 1):
        lines.append(f"{number}. {item.body}")
        if item.link:
            lines.append(f"   {absolute(item.link)}")
    lines.extend(["", _footer()])
    return "\n".join(lines)


class _Sender:
    """One SMTP connection for the run; stops the run's sending when the server is unreachable."""

    def __init__(self, report: RunReport):
        self.report = report
        self.connection = get_connection(fail_silently=False)
        self.unreachable = False

    def send(self, to: str, subject: str, body: str) -> BaseException | None:
        message = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            connection=self.connection,
        )
        try:
            message.send(fail_silently=False)
        except Exception as error:  # noqa: BLE001 - every failure is recorded and reported
            if not _is_message_error(error):
                self.unreachable = True
                self.report.errors.append(
                    f"Không gửi được thư qua máy chủ thư: {_error_text(error)}"
                )
            else:
                self.report.errors.append(f"Máy chủ thư từ chối thư gửi {to}: {_error_text(error)}")
            with contextlib.suppress(Exception):
                self.connection.close()
            return error
        return None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.connection.close()


def _send_single(sender: _Sender, report: RunReport, now: dt.datetime, daily: set[int]) -> None:
    ids = list(
        Notification.objects.filter(email_state=EmailState.PENDING)
        .exclude(recipient_id__in=daily)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        if sender.unreachable:
            break
        if not _claim(Notification, pk, now):
            continue
        item = Notification.objects.select_related("recipient").get(pk=pk)
        preference = preference_of(item.recipient)
        if not item.recipient.email or not preference.email_enabled:
            Notification.objects.filter(pk=pk).update(
                email_state=EmailState.SKIPPED, claimed_at=None
            )
            report.skipped += 1
            continue
        try:
            error = sender.send(item.recipient.email, f"[chidao] {item.subject}", _email_body(item))
        except BaseException:
            # Interrupted before the server took it: free it for the next run at once.
            _release(Notification, pk)
            raise
        if error is not None:
            _record_failure(Notification, pk, error)
            report.failed += 1
            continue
        with transaction.atomic():
            Notification.objects.filter(pk=pk).update(
                email_state=EmailState.SENT,
                sent_at=timezone.now(),
                email_attempts=F("email_attempts") + 1,
                last_error="",
                claimed_at=None,
                updated_at=timezone.now(),
            )
        report.sent += 1


def _send_digests(
    sender: _Sender, report: RunReport, now: dt.datetime, today: dt.date, daily: set[int]
) -> None:
    if timezone.localtime(now).hour < settings.CHIDAO_DIGEST_HOUR:
        return
    users = get_user_model().objects.in_bulk(
        set(
            Notification.objects.filter(
                email_state=EmailState.PENDING, recipient_id__in=daily
            ).values_list("recipient_id", flat=True)
        )
    )
    for user_id in sorted(users):
        if sender.unreachable:
            break
        user = users[user_id]
        Digest.objects.bulk_create([Digest(recipient_id=user_id, day=today)], ignore_conflicts=True)
        digest = Digest.objects.get(recipient_id=user_id, day=today)
        if not _claim(Digest, digest.pk, now):
            continue  # sent already today, given up, or being sent by another run
        items = list(
            Notification.objects.filter(
                recipient_id=user_id, email_state=EmailState.PENDING
            ).order_by("created_at", "id")
        )
        if not items:  # another run sent them meanwhile
            _release(Digest, digest.pk)
            continue
        if not user.email or not preference_of(user).email_enabled:
            Notification.objects.filter(pk__in=[i.pk for i in items]).update(
                email_state=EmailState.SKIPPED
            )
            report.skipped += len(items)
            Digest.objects.filter(pk=digest.pk).update(
                email_state=EmailState.SKIPPED, claimed_at=None
            )
            continue
        subject = f"[chidao] Tổng hợp nhắc việc ngày {today:%d/%m/%Y} ({len(items)} thông báo)"
        try:
            error = sender.send(user.email, subject, _digest_body(today, items))
        except BaseException:
            _release(Digest, digest.pk)
            raise
        if error is not None:
            _record_failure(Digest, digest.pk, error)
            report.failed += 1
            continue
        sent_at = timezone.now()
        with transaction.atomic():
            Digest.objects.filter(pk=digest.pk).update(
                email_state=EmailState.SENT,
                sent_at=sent_at,
                email_attempts=F("email_attempts") + 1,
                last_error="",
                claimed_at=None,
                updated_at=sent_at,
            )
            Notification.objects.filter(pk__in=[i.pk for i in items]).update(
                email_state=EmailState.SENT,
                sent_at=sent_at,
                digest=digest,
                updated_at=sent_at,
            )
        report.digests_sent += 1
        report.sent += len(items)


def do_run_reminders(
    actor=None,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    dry_run: bool = False,
) -> RunReport:
    """Create the notifications due ``today`` and send the pending e-mails (see the module).

    Not one transaction on purpose: the notifications are committed first, then each
    e-mail is marked sent in its own transaction right after the server accepted it.
    """
    actor = actor if actor is not None else system_actor()
    require(actor, "reminder.run")
    now = now if now is not None else timezone.now()
    today = today if today is not None else timezone.localdate(now)
    report = RunReport(today=today, dry_run=dry_run)

    due = due_reminders(today)
    report.planned = len(due)
    _create_notifications(due, report, dry_run=dry_run)
    if dry_run:
        return report

    report.email_on = email_is_on()
    if report.email_on:
        daily = set(
            UserPreference.objects.filter(digest=Delivery.DAILY).values_list("user_id", flat=True)
        )
        sender = _Sender(report)
        try:
            _send_single(sender, report, now, daily)
            _send_digests(sender, report, now, today, daily)
        finally:
            sender.close()
    report.pending = Notification.objects.filter(email_state=EmailState.PENDING).count()
    if report.errors:
        logger.warning("Nhắc việc: %s", "; ".join(report.errors))
    return report
