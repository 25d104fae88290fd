"""Spreadsheets: export, import (all rows or none, errors by row and column), round trips."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from chidao.core.errors import AccessDenied
from chidao.exchange.columns import KINDS
from chidao.exchange.export import export_file
from chidao.exchange.formats import FormatError, format_vn_number, parse_vn_number
from chidao.exchange.importer import RowError, import_file
from chidao.indicators.models import Target
from chidao.tasks.models import Task

KIND_NAMES = ["tasks", "targets", "observations", "recommendations"]

TASK_HEADER = [
    "Năm",
    "Cơ quan thực hiện",
    "Nhóm nhiệm vụ",
    "Tên nhiệm vụ",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Hạn hoàn thành",
    "Trọng số",
    "Tiến độ (%)",
]


def csv_bytes(rows: list[list[str]], bom: bool = True) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cells(content: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def valid_task_row(title="Nhiệm vụ mới", **over):
    row = {
        "Năm": "2021",
        "Cơ quan thực hiện": "Huyện ủy Cao Lộc",
        "Nhóm nhiệm vụ": "Nông nghiệp và xây dựng nông thôn mới",
        "Tên nhiệm vụ": title,
        "Đơn vị chủ trì": "Huyện ủy Cao Lộc",
        "Đơn vị phối hợp": "Sở Tài chính",
        "Hạn hoàn thành": "31/12/2021",
        "Trọng số": "1,5",
        "Tiến độ (%)": "40",
    }
    row.update(over)
    return [row[h] for h in TASK_HEADER]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.234,5", "1234.5"),
        ("1234,5", "1234.5"),
        ("380", "380"),
        ("376,4", "376.4"),
        ("-2,5", "-2.5"),
        ("1.234.567", "1234567"),
        ("1.234", "1234"),
    ],
)
def test_vietnamese_numbers_are_accepted(text, value):
    assert parse_vn_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["1,234.5", "376.4", "1.23,5", "1.234.5", "12 345", "100%", "x"])
def test_other_ways_of_writing_a_number_are_refused(text):
    with pytest.raises(FormatError):
        parse_vn_number(text)


def test_numbers_are_written_the_vietnamese_way():
    assert format_vn_number(Decimal("1234.5000")) == "1.234,5"
    assert format_vn_number(Decimal("380.0000")) == "380"
    assert format_vn_number(Decimal("-0.25")) == "-0,25"


# --------------------------------------------------------------------------- invalid files


def test_invalid_csv_is_refused_with_exact_rows_and_nothing_written(office_user, orgs, counts):
    header = [*TASK_HEADER[:6], "Hạn hoàn thnh", *TASK_HEADER[7:]]  # a misspelt column
    data = csv_bytes([header, valid_task_row()])
    before = counts()
    result = import_file(office_user, "tasks", data, filename="nv.csv")
    assert [str(e) for e in result.errors] == [
        "dòng 1, cột 'Hạn hoàn thnh': tên cột không có trong mẫu nhập nhiệm vụ"
    ]
    assert counts() == before


def test_every_bad_cell_is_reported_by_row_and_column(office_user, orgs, counts):
    rows = [
        TASK_HEADER,
        valid_task_row("Một"),
        valid_task_row("Hai", **{"Hạn hoàn thành": "31/13/2021"}),
        valid_task_row("Ba", **{"Đơn vị chủ trì": "Huyện ủy Không Có"}),
        valid_task_row("Bốn", **{"Tiến độ (%)": "1.234,5"}),
        valid_task_row("Năm", **{"Trọng số": "1,234.5"}),
    ]
    before = counts()
    result = import_file(office_user, "tasks", csv_bytes(rows), filename="nv.csv")
    assert [str(e) for e in result.errors] == [
        "dòng 3, cột 'Hạn hoàn thành': ngày '31/13/2021' không hợp lệ",
        "dòng 4, cột 'Đơn vị chủ trì': không có cơ quan 'Huyện ủy Không Có' trong danh mục",
        "dòng 5, cột 'Tiến độ (%)': '1.234,5' không phải số nguyên",
        "dòng 6, cột 'Trọng số': số '1,234.5' không đúng cách viết 1.234,5 (viết theo kiểu "
        "Việt Nam: dấu chấm phân cách hàng nghìn, dấu phẩy thập phân)",
    ]
    assert not result.ok and result.created == 0
    assert counts() == before


def test_missing_required_column_and_unknown_status_label(office_user, records, counts):
    data = csv_bytes([["Mã chỉ tiêu", "Năm", "Giá trị"], ["thu-ngan-sach", "2021", "1"]])
    result = import_file(office_user, "targets", data, filename="mt.csv")
    assert {str(e) for e in result.errors} == {
        "dòng 1, cột 'Cơ quan, địa phương': thiếu cột bắt buộc",
        "dòng 1, cột 'Loại mục tiêu': thiếu cột bắt buộc",
    }
    exported = export_file(office_user, "tasks", "csv").content.decode("utf-8-sig")
    broken = exported.replace("Đang thực hiện trong hạn", "Gần xong", 1)
    before = counts()
    result = import_file(office_user, "tasks", broken.encode("utf-8-sig"), filename="nv.csv")
    assert len(result.errors) == 1
    error = result.errors[0]
    lines = exported.split("\r\n")
    row = next(i for i, line in enumerate(lines, start=1) if "Đang thực hiện trong hạn" in line)
    assert (error.row, error.column) == (row, "Trạng thái")
    assert error.message.startswith("'Gần xong' không có trong danh sách")
    assert counts() == before


def test_duplicates_in_the_file_and_in_the_records(office_user, records, counts):
    rows = [TASK_HEADER, valid_task_row("Một"), valid_task_row("Một")]
    result = import_file(office_user, "tasks", csv_bytes(rows), filename="nv.csv")
    assert [str(e) for e in result.errors] == [
        "dòng 3, cột 'Tên nhiệm vụ': nhiệm vụ trùng với dòng 2"
    ]
    again = [
        TASK_HEADER,
        valid_task_row(
            "Nâng cao năng lực thông quan", **{"Nhóm nhiệm vụ": "Phát triển kinh tế cửa khẩu"}
        ),
    ]
    result = import_file(office_user, "tasks", csv_bytes(again), filename="nv.csv")
    assert result.errors == [
        RowError(
            2,
            "Tên nhiệm vụ",
            f"nhiệm vụ đã có (mã {records['task'].pk}); ghi mã ở cột 'Mã' để sửa nhiệm vụ đó",
        )
    ]


def test_a_refusal_by_a_service_rolls_back_every_row(office_user, orgs, counts):
    header = [*TASK_HEADER, "Ngày bắt đầu", "Ngày hoàn thành"]
    rows = [
        header,
        [*valid_task_row("Một"), "", ""],
        [*valid_task_row("Hai", **{"Tiến độ (%)": "100"}), "01/07/2021", "25/06/2021"],
    ]
    before = counts()
    result = import_file(office_user, "tasks", csv_bytes(rows), filename="nv.csv")
    assert [str(e) for e in result.errors] == [
        "dòng 3, cột 'Ngày hoàn thành': Ngày hoàn thành phải sau ngày bắt đầu."
    ]
    assert counts() == before  # row 2 and its new group were rolled back too


def test_number_rule_both_ways(office_user, records, counts):
    header = ["Mã chỉ tiêu", "Cơ quan, địa phương", "Năm", "Loại mục tiêu", "Giá trị"]
    ok = csv_bytes([header, ["thu-ngan-sach", "Huyện ủy Cao Lộc", "2023", "Kế hoạch", "1.234,5"]])
    result = import_file(office_user, "targets", ok, filename="mt.csv")
    assert result.ok, result.errors
    assert Target.objects.get(year=2023).value == Decimal("1234.5")
    before = counts()
    for written in ["1,234.5", "376.4"]:
        bad = csv_bytes(
            [header, ["thu-ngan-sach", "Huyện ủy Cao Lộc", "2024", "Kế hoạch", written]]
        )
        result = import_file(office_user, "targets", bad, filename="mt.csv")
        assert [(e.row, e.column) for e in result.errors] == [(2, "Giá trị")]
    result = import_file(
        office_user,
        "targets",
        csv_bytes([header, ["thu-ngan-sach", "Huyện ủy Cao Lộc", "1.234,5", "Kế hoạch", "1"]]),
    )
    assert [str(e) for e in result.errors] == ["dòng 2, cột 'Năm': '1.234,5' không phải số nguyên"]
    assert counts() == before
    # In .xlsx a real number cell is a number; a text cell follows the Vietnamese rule.
    data = xlsx_bytes(
        [
            header,
            ["thu-ngan-sach", "Huyện ủy Cao Lộc", 2024, "Kế hoạch", 1234.5],
            ["thu-ngan-sach", "Huyện ủy Cao Lộc", 2025, "Kế hoạch", "2.345,75"],
        ]
    )
    result = import_file(office_user, "targets", data, filename="mt.xlsx")
    assert result.ok and result.created == 2
    assert Target.objects.get(year=2024).value == Decimal("1234.5")
    assert Target.objects.get(year=2025).value == Decimal("2345.75")


# --------------------------------------------------------------------------- valid files


def test_a_valid_file_writes_every_row(office_user, orgs, counts):
    rows = [TASK_HEADER, valid_task_row("Một"), valid_task_row("Hai"), valid_task_row("Ba")]
    before = counts()
    result = import_file(office_user, "tasks", csv_bytes(rows), filename="nv.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    after = counts()
    assert after["Task"] == before["Task"] + 3
    assert after["TaskGroup"] == before["TaskGroup"] + 1
    task = Task.objects.get(title="Hai")
    assert task.weight == Decimal("1.5") and task.progress == 40
    assert [o.name for o in task.co_units.all()] == ["Sở Tài chính"]
    assert task.group.name == "Nông nghiệp và xây dựng nông thôn mới"


def test_dry_run_checks_but_writes_nothing(office_user, orgs, counts):
    rows = [TASK_HEADER, valid_task_row("Một")]
    before = counts()
    result = import_file(office_user, "tasks", csv_bytes(rows), dry_run=True)
    assert result.ok and result.created == 1
    assert counts() == before


def test_an_exported_row_changed_updates_only_that_record(office_user, records, counts):
    content = export_file(office_user, "tasks", "csv").content.decode("utf-8-sig")
    changed = content.replace('"1,5",70', '"1,5",80', 1)
    assert changed != content
    before = counts()
    result = import_file(office_user, "tasks", changed.encode("utf-8-sig"), filename="x.csv")
    assert result.ok, result.errors
    assert (result.updated, result.unchanged) == (1, 2)
    records["task"].refresh_from_db()
    assert records["task"].progress == 80
    assert counts()["AuditEntry"] == before["AuditEntry"] + 1


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_export_import_export_round_trip(office_user, records, counts, kind, fmt):
    first = export_file(office_user, kind, fmt)
    assert first.rows >= 2
    before = counts()
    result = import_file(office_user, kind, first.content, filename=first.filename)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, first.rows)
    assert counts() == before  # no record and no audit entry written
    second = export_file(office_user, kind, fmt)
    if fmt == "csv":
        assert second.content == first.content
        assert second.content.startswith(b"\xef\xbb\xbf")
    else:
        assert cells(second.content) == cells(first.content)
        assert cells(first.content)[0] == [c.header for c in KINDS[kind].columns]


def test_export_filters_by_body_and_year(office_user, records, orgs):
    rows = cells(
        export_file(office_user, "targets", "xlsx", body=orgs["cao_loc"], year=2021).content
    )
    assert len(rows) == 2 and rows[1][5] == 2021 and rows[1][7] == 376.4
    assert export_file(office_user, "targets", "csv", body=orgs["van_lang"]).rows == 0


def test_formula_like_text_is_kept_as_text(office_user, records):
    content = export_file(office_user, "tasks", "csv").content.decode("utf-8-sig")
    assert "'=Kiện toàn" in content
    wb_rows = cells(export_file(office_user, "tasks", "xlsx").content)
    assert any(r[4] == "=Kiện toàn tổ chức cơ sở đảng" for r in wb_rows)


# --------------------------------------------------------------------------- access


def test_unit_user_may_not_import_or_export(unit_user, leader_user, records):
    data = export_file(leader_user.__class__.objects.get(username="chuyenvien"), "tasks", "csv")
    for user in (unit_user, leader_user):
        with pytest.raises(AccessDenied):
            import_file(user, "tasks", data.content)
        with pytest.raises(AccessDenied):
            export_file(user, "tasks", "csv")


def test_pages_refuse_a_unit_user(client, unit_user):
    client.force_login(unit_user)
    assert client.get("/trao-doi/").status_code == 403
    assert client.get("/trao-doi/tasks/xuat/?format=csv").status_code == 403
    assert client.post("/trao-doi/tasks/nhap/", {}).status_code == 403


def test_pages_export_and_show_row_errors(client, office_user, orgs, counts):
    client.force_login(office_user)
    page = client.get("/trao-doi/")
    assert page.status_code == 200
    assert "Nhập, xuất bảng tính" in page.content.decode()
    response = client.get("/trao-doi/targets/xuat/?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="targets.csv"'
    bad = csv_bytes([TASK_HEADER, valid_task_row(**{"Hạn hoàn thành": "31/13/2021"})])
    before = counts()
    upload = io.BytesIO(bad)
    upload.name = "nv.csv"
    response = client.post("/trao-doi/tasks/nhap/", {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "<td>2</td><td>Hạn hoàn thành</td><td>ngày &#x27;31/13/2021&#x27; không hợp lệ</td>" in html
    )
    assert counts() == before


# --------------------------------------------------------------------------- commands


def test_commands_export_and_import(tmp_path, records, counts, capsys):
    from django.core.management import call_command

    out = tmp_path / "nv.xlsx"
    call_command(
        "export",
        "tasks",
        "--format",
        "xlsx",
        "--out",
        str(out),
        "--body",
        "Huyện ủy Cao Lộc",
        "--year",
        "2021",
    )
    assert len(cells(out.read_bytes())) == 3  # the task without a group nor deadline has no year
    before = counts()
    call_command("import", "tasks", str(out))
    assert counts() == before
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([TASK_HEADER, valid_task_row(**{"Hạn hoàn thành": "31/13/2021"})]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "tasks", str(bad))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "dòng 2, cột 'Hạn hoàn thành': ngày '31/13/2021' không hợp lệ" in err
    assert counts() == before


# --------------------------------------------------------------------------- more files


def test_semicolon_csv_without_bom_and_xlsx_text_dates(office_user, orgs):
    text = ";".join(TASK_HEADER) + "\r\n" + ";".join(valid_task_row("Một")) + "\r\n"
    result = import_file(office_user, "tasks", text.encode("utf-8"), filename="nv.csv")
    assert result.ok and result.created == 1, result.errors
    rows = [TASK_HEADER, valid_task_row("Hai")]
    result = import_file(office_user, "tasks", xlsx_bytes(rows), filename="nv.xlsx")
    assert result.ok and result.created == 1, result.errors
    assert Task.objects.get(title="Hai").deadline.isoformat() == "2021-12-31"


def test_a_file_that_is_not_a_spreadsheet_is_refused(office_user, orgs):
    result = import_file(office_user, "tasks", b"PK\x03\x04 not a zip", filename="nv.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(1, "(cả dòng)")]
    result = import_file(office_user, "tasks", "Tên;x".encode("cp1258"), filename="nv.csv")
    assert "UTF-8" in result.errors[0].message


def test_an_observation_changed_in_the_file_is_recomputed(office_user, records):
    from chidao.indicators.models import Observation

    content = export_file(office_user, "observations", "csv").content.decode("utf-8-sig")
    changed = content.replace(",380,", ",400,", 1)
    assert changed != content
    result = import_file(office_user, "observations", changed.encode("utf-8-sig"))
    assert result.ok and result.updated == 1, result.errors
    observation = Observation.objects.get(year=2021)
    assert observation.value == Decimal("400")
    assert round(observation.computed_pct_of_plan, 2) == Decimal("106.27")
    assert observation.is_flagged  # the stated 100,96% no longer agrees


def test_a_recorded_recommendation_is_not_edited_through_a_file(office_user, records, counts):
    content = export_file(office_user, "recommendations", "csv").content.decode("utf-8-sig")
    changed = content.replace("Đào tạo nghề cho lao động nông thôn", "Đào tạo nghề", 1)
    before = counts()
    result = import_file(office_user, "recommendations", changed.encode("utf-8-sig"))
    assert len(result.errors) == 1
    assert result.errors[0].column == "Nội dung kiến nghị"
    assert "không sửa được kiến nghị đã có" in result.errors[0].message
    assert counts() == before


def test_an_unknown_co_operating_unit_on_an_exported_row(office_user, records, counts):
    content = export_file(office_user, "tasks", "csv").content.decode("utf-8-sig")
    changed = content.replace(",Sở Tài chính,", ",Sở Tài chánh,", 1)
    assert changed != content
    before = counts()
    result = import_file(office_user, "tasks", changed.encode("utf-8-sig"))
    assert [(e.column, e.message) for e in result.errors] == [
        ("Đơn vị phối hợp", "không có cơ quan 'Sở Tài chánh' trong danh mục")
    ]
    assert counts() == before
