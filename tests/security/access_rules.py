"""The access matrix: who may open each page and call each API endpoint.

One row per page (by URL name) or API endpoint (by path template under ``/api/v1``), with
the object it needs and, for writes, a minimal *valid* form or JSON body (so a refusal is
an access decision, not a form error). The outcome columns are the roles:

=========  ===============================================================================
anon       not signed in
admin      administrator (cleared Tối mật)
leader     leader of the Tỉnh ủy (cleared Mật)
office     office staff of Văn phòng Tỉnh ủy (cleared Mật)
owner      unit user of Huyện ủy Cao Lộc, the body owning every record of the dataset
other      unit user of Huyện ủy Văn Lãng
uncleared  office staff not cleared for classified documents (the document is "Mật")
=========  ===============================================================================

Outcomes:

``ok``       allowed: 2xx/3xx to the page itself (for a write: no error shown)
``login``    redirect to the login page (pages, anonymous)
``denied``   refused on the page with "Bạn không có quyền …" (form shown again with the
             message, or a redirect back with it), nothing written
``form``     the form or body is refused as invalid (200/400/409/422) or the action does
             not apply to the record's state, nothing written
``401`` ``403`` ``404`` ``405``  that status, nothing written

Every outcome other than ``ok`` must leave the AuditEntry count unchanged.
Objects (see tests/security/conftest.py): ``task`` led by Huyện ủy Cao Lộc, its ``progress``
update, ``recommendation`` raised by Cao Lộc and forwarded to Sở Tài chính, the Mật
``document`` issued by Cao Lộc, the ``meeting`` hosted by Cao Lộc and its ``direction``,
``indicator`` with an ``observation`` of Cao Lộc, ``source`` with ``fact``\\s, ``org`` (Cao
Lộc), ``person``, the owner's ``notification``, Cao Lộc's reminder ``rule``, the owner's
API ``token``, the spreadsheet ``kind`` "tasks". In data, ``{org}`` etc. are replaced by the
object's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = ("anon", "admin", "leader", "office", "owner", "other", "uncleared")
OUTCOMES = {"ok", "login", "denied", "form", "401", "403", "404", "405"}


@dataclass(frozen=True)
class Rule:
    target: str  # URL name (pages) or path template (API, under /api/v1)
    method: str
    obj: tuple[str, ...]  # objects filling the URL's parameters, in order
    expect: dict[str, str]
    data: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.target}"


def _rule(method: str, target: str, obj: str, outcomes: str, data=None) -> Rule:
    cells = outcomes.split()
    assert len(cells) == len(ROLES), (target, cells)
    assert set(cells) <= OUTCOMES, (target, cells)
    return Rule(
        target, method, tuple(obj.split()), dict(zip(ROLES, cells, strict=True)), data or {}
    )


def page(method, name, obj, outcomes, data=None):
    return _rule(method, name, obj, outcomes, data)


api = page

D = "01/03/2021"  # a date as the forms take it

# fmt: off
#        method  URL name                     object(s)       anon   admin  leader office owner  other  uncleared
PAGES = [
    page("GET",  "home",                      "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "search",                    "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "login",                     "",             "ok    ok     ok     ok     ok     ok     ok"),
    page("POST", "logout",                    "",             "login login  login  login  login  login  login"),
    # documents: the Mật document is shown only to users cleared for it
    page("GET",  "documents:list",            "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "documents:create",          "",             "login ok     403    ok     403    403    ok"),
    page("POST", "documents:create",          "",             "login ok     403    ok     403    403    ok",
         {"doc_type": "{doctype}", "issuer": "{org}", "excerpt": "Kế hoạch thử nghiệm", "classification": "0"}),
    page("GET",  "documents:detail",          "document",     "login ok     ok     ok     404    404    404"),
    page("GET",  "documents:edit",            "document",     "login ok     403    ok     404    404    404"),
    page("POST", "documents:edit",            "document",     "login ok     403    ok     404    404    404",
         {"doc_type": "{doctype}", "issuer": "{org}", "excerpt": "Chỉ thị mật (sửa)", "classification": "1", "version": "{document_version}"}),
    page("GET",  "documents:file",            "document",     "login 404    404    404    404    404    404"),
    # meetings
    page("GET",  "meetings:list",             "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "meetings:create",           "",             "login ok     403    ok     403    403    ok"),
    page("POST", "meetings:create",           "",             "login ok     403    ok     403    403    ok",
         {"kind": "working_session", "title": "Buổi làm việc thử", "held_on": D, "host": "{org}"}),
    page("GET",  "meetings:detail",           "meeting",      "login ok     ok     ok     ok     404    ok"),
    page("GET",  "meetings:edit",             "meeting",      "login ok     403    ok     403    404    ok"),
    page("POST", "meetings:edit",             "meeting",      "login ok     403    ok     403    404    ok",
         {"kind": "working_session", "title": "Buổi làm việc (sửa)", "held_on": D, "host": "{org}", "version": "{meeting_version}"}),
    page("POST", "meetings:direction_add",    "meeting",      "login ok     denied ok     denied 404    ok",
         {"text": "Chỉ đạo thử nghiệm", "addressed_to": "{org}"}),
    # tasks and progress
    page("GET",  "tasks:list",                "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "tasks:create",              "",             "login ok     403    ok     403    403    ok"),
    page("POST", "tasks:create",              "",             "login ok     403    ok     403    403    ok",
         {"title": "Nhiệm vụ thử", "lead_unit": "{org}", "weight": "1"}),
    page("POST", "tasks:from_direction",      "direction",    "login ok     denied ok     denied 404    ok"),
    page("GET",  "tasks:detail",              "task",         "login ok     ok     ok     ok     404    ok"),
    page("GET",  "tasks:edit",                "task",         "login ok     403    ok     403    404    ok"),
    page("POST", "tasks:edit",                "task",         "login ok     403    ok     403    404    ok",
         {"title": "Nhiệm vụ (sửa)", "lead_unit": "{org}", "weight": "1", "version": "{task_version}"}),
    page("POST", "tasks:progress_submit",     "task",         "login ok     denied ok     ok     404    ok",
         {"progress": "60", "note": "Thêm 10%"}),
    page("POST", "tasks:progress_accept",     "progress",     "login ok     ok     ok     denied 404    ok"),
    page("POST", "tasks:progress_return",     "progress",     "login ok     ok     ok     denied 404    ok",
         {"reason": "Thiếu minh chứng"}),
    page("GET",  "tasks:progress_evidence",   "progress",     "login 404    404    404    404    404    404"),
    # recommendations
    page("GET",  "recommendations:list",      "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "recommendations:create",    "",             "login ok     403    ok     403    403    ok"),
    page("POST", "recommendations:create",    "",             "login ok     403    ok     403    403    ok",
         {"text": "Kiến nghị thử", "raised_by": "{org}", "addressed_to": "{province}"}),
    page("GET",  "recommendations:detail",    "recommendation", "login ok   ok     ok     ok     404    ok"),
    page("POST", "recommendations:forward",   "recommendation", "login ok   denied ok     denied 404    ok",
         {"sectors": "{finance}", "due_on": "31/12/2030"}),
    page("POST", "recommendations:answer",    "recommendation", "login ok   denied ok     denied 404    ok",
         {"text": "Sẽ cân đối kinh phí", "from_body": "{finance}"}),
    # resolving needs an answer first: the allowed roles get the state error ("form")
    page("POST", "recommendations:resolve",   "recommendation", "login form denied form   denied 404    form",
         {"note": "Đã giải quyết"}),
    page("POST", "recommendations:decline",   "recommendation", "login ok   denied ok     denied 404    ok",
         {"reason": "Không có kinh phí"}),
    # indicators
    page("GET",  "indicators:list",           "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "indicators:create",         "",             "login ok     403    ok     403    403    ok"),
    page("POST", "indicators:create",         "",             "login ok     403    ok     403    403    ok",
         {"code": "chi_tieu_thu", "name": "Chỉ tiêu thử", "unit": "%"}),
    page("GET",  "indicators:detail",         "indicator",    "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "indicators:target_set",     "indicator",    "login ok     ok     ok     ok     ok     ok"),
    page("POST", "indicators:target_set",     "indicator",    "login ok     denied ok     denied denied ok",
         {"body": "{org}", "year": "2022", "kind": "plan", "value": "400"}),
    page("GET",  "indicators:observation_record", "indicator", "login ok    ok     ok     ok     ok     ok"),
    page("POST", "indicators:observation_record", "indicator", "login ok    denied ok     ok     denied ok",
         {"body": "{org}", "period_kind": "year", "year": "2022", "value": "410"}),
    # bodies and people
    page("GET",  "orgs:list",                 "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "orgs:create",               "",             "login ok     403    403    403    403    403"),
    page("POST", "orgs:create",               "",             "login ok     403    403    403    403    403",
         {"name": "Xã thử nghiệm", "kind": "peoples_committee", "system": "state"}),
    page("GET",  "orgs:detail",               "org",          "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "orgs:edit",                 "org",          "login ok     403    403    403    403    403"),
    page("POST", "orgs:edit",                 "org",          "login ok     403    403    403    403    403",
         {"name": "Huyện ủy Cao Lộc", "kind": "party_committee", "system": "party", "parent": "{province}", "symbol": "HU", "valid_from": "01/10/2020", "version": "{org_version}"}),
    page("GET",  "orgs:person_list",          "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "orgs:person_create",        "",             "login ok     403    ok     403    403    ok"),
    page("POST", "orgs:person_create",        "",             "login ok     403    ok     403    403    ok",
         {"full_name": "Hoàng Văn Thử"}),
    page("GET",  "orgs:person_detail",        "person",       "login ok     ok     ok     ok     ok     ok"),
    page("POST", "orgs:position_add",         "person",       "login ok     denied ok     denied denied ok",
         {"title": "Bí thư Huyện ủy", "organization": "{org}"}),
    # sources and extracted facts
    page("GET",  "ingest:list",               "",             "login ok     403    ok     403    403    ok"),
    page("GET",  "ingest:import",             "",             "login ok     403    ok     403    403    ok"),
    page("POST", "ingest:import",             "",             "login ok     403    ok     403    403    ok",
         {"title": "Bài thử", "text": "Chiều 20/8/2021, Huyện ủy Cao Lộc tổ chức hội nghị sơ kết."}),
    page("GET",  "ingest:detail",             "source",       "login ok     ok     ok     404    404    ok"),
    page("POST", "ingest:context",            "source",       "login ok     403    ok     403    403    ok",
         {"body": "{org}"}),
    page("POST", "ingest:fact_accept",        "fact",         "login ok     403    ok     403    403    ok"),
    page("POST", "ingest:fact_reject",        "fact",         "login ok     403    ok     403    403    ok",
         {"reason": "Sai"}),
    # notifications and reminder rules
    page("GET",  "reminders:list",            "",             "login ok     ok     ok     ok     ok     ok"),
    page("POST", "reminders:mark_read",       "notification", "login 404    404    404    ok     404    404"),
    page("POST", "reminders:mark_all_read",   "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "reminders:preferences",     "",             "login ok     ok     ok     ok     ok     ok"),
    page("GET",  "reminders:rules",           "",             "login ok     403    ok     403    403    ok"),
    page("GET",  "reminders:rule_add",        "",             "login ok     403    ok     403    403    ok"),
    page("GET",  "reminders:rule_edit",       "rule",         "login ok     403    ok     403    403    ok"),
    page("POST", "reminders:rule_delete",     "rule",         "login ok     403    ok     403    403    ok"),
    # spreadsheets and the review report
    page("GET",  "exchange:index",            "",             "login ok     403    ok     403    403    ok"),
    page("GET",  "exchange:export",           "kind",         "login ok     403    ok     403    403    ok"),
    page("POST", "exchange:upload",           "kind",         "login form   403    form   403    403    form"),
    page("GET",  "reports:review",            "",             "login 404    404    404    404    404    404"),
]

#       method   path (under /api/v1)                       object(s)        anon admin leader office owner other uncleared
API = [
    api("GET",   "/organizations",                          "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/organizations/{}",                       "org",           "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/people",                                 "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/people/{}",                              "person",        "401 ok  ok  ok  ok  ok  ok"),
    api("POST",  "/people",                                 "",              "401 ok  403 ok  403 403 ok",
        {"full_name": "Hoàng Văn Thử"}),
    api("GET",   "/document-types",                         "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/documents",                              "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/documents/{}",                           "document",      "401 ok  ok  ok  404 404 404"),
    api("POST",  "/documents",                              "",              "401 ok  403 ok  403 403 ok",
        {"issuer": "{org}", "doc_type": "Kế hoạch", "excerpt": "Kế hoạch thử nghiệm"}),
    api("GET",   "/meetings",                               "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/meetings/{}",                            "meeting",       "401 ok  ok  ok  ok  404 ok"),
    api("POST",  "/meetings/{}/directions",                 "meeting",       "401 ok  403 ok  403 404 ok",
        {"text": "Chỉ đạo thử nghiệm", "addressed_to": "{org}"}),
    api("GET",   "/task-groups",                            "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/task-groups/{}",                         "group",         "401 ok  ok  ok  ok  404 ok"),
    api("GET",   "/tasks",                                  "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/tasks/{}",                               "task",          "401 ok  ok  ok  ok  404 ok"),
    api("GET",   "/tasks/{}/progress",                      "task",          "401 ok  ok  ok  ok  404 ok"),
    api("GET",   "/progress/{}",                            "progress",      "401 ok  ok  ok  ok  404 ok"),
    api("POST",  "/tasks/{}/progress",                      "task",          "401 ok  403 ok  ok  404 ok",
        {"progress": 60, "note": "Thêm 10%"}),
    api("POST",  "/progress/{}/accept",                     "progress",      "401 ok  ok  ok  403 404 ok"),
    api("GET",   "/recommendations",                        "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/recommendations/{}",                     "recommendation", "401 ok ok  ok  ok  404 ok"),
    api("POST",  "/recommendations/{}/answer",              "recommendation", "401 ok 403 ok  403 404 ok",
        {"text": "Sẽ cân đối kinh phí", "from_body": "{finance}"}),
    api("GET",   "/indicators",                             "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/indicators/{}",                          "indicator",     "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/targets",                                "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/observations",                           "",              "401 ok  ok  ok  ok  ok  ok"),
    api("GET",   "/observations/{}",                        "observation",   "401 ok  ok  ok  ok  404 ok"),
    api("POST",  "/indicators/{}/observations",             "indicator",     "401 ok  403 ok  ok  403 ok",
        {"body": "{org}", "period_kind": "year", "year": 2022, "value": "410"}),
    api("GET",   "/tokens",                                 "",              "401 ok  ok  ok  ok  ok  ok"),
    api("POST",  "/tokens/{}/revoke",                       "token",         "401 ok  404 404 ok  404 404"),
    api("POST",  "/extract",                                "",              "401 ok  ok  ok  ok  ok  ok",
        {"text": "Chiều 19/8/2021, Huyện ủy Cao Lộc họp."}),
]
# fmt: on

ALL = [("page", r) for r in PAGES] + [("api", r) for r in API]
