"""``--facts-out`` writers: JSON Lines and Parquet, incremental and resumable."""

from __future__ import annotations

import json

import pytest

from chidao.ingest.batch import FileResult
from chidao.ingest.facts_out import (
    FactsOutError,
    JsonlFactsWriter,
    ParquetFactsWriter,
    facts_format,
    open_facts_writer,
)


def result(index: int, indicators: int = 1) -> FileResult:
    sha = f"{index:064x}"
    facts = {
        "schema": "chidao.facts/1",
        "source": {"path": f"/kho/bai-{index}.txt", "sha256": sha, "chars": 100 + index},
        "title": f"Hội nghị sơ kết số {index}",
        "genre": "party_gov_meeting",
        "event_date": f"2025-07-{1 + index % 28:02d}",
        "event_kind": "review_conference",
        "people": [],
        "indicators": [
            {
                "name": "Thu ngân sách trên địa bàn",
                "value": 12 + index + k,
                "unit": "tỷ đồng",
                "qualifier": "ước" if k else None,
                "pct_of_plan": 55.95,
                "yoy_pct": -3,
                "period": "6 tháng đầu năm 2025",
                "span": [10 * k, 10 * k + 9],
            }
            for k in range(indicators)
        ],
    }
    return FileResult(
        path=f"/kho/bai-{index}.txt", sha256=sha, kind="txt", chars=100 + index, facts=facts
    )


def test_format_by_extension():
    assert facts_format("a.jsonl") == facts_format("A.NDJSON") == "jsonl"
    assert facts_format("x/y.parquet") == "parquet"
    with pytest.raises(FactsOutError, match=r"b\.csv: unknown facts-out format '\.csv'"):
        facts_format("b.csv")


def test_jsonl_one_object_per_line_unescaped_and_flushed(tmp_path):
    path = tmp_path / "facts.jsonl"
    writer = JsonlFactsWriter(path)
    writer.write(result(1))
    # flushed at once: readable before commit or close
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Hội nghị sơ kết số 1"
    assert "Hội nghị" in path.read_text(encoding="utf-8")
    writer.write(FileResult(path="x", status="error", error="x: hỏng"))  # no facts: nothing
    writer.write(result(2))
    writer.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["sha256"] for line in lines] == [f"{1:064x}", f"{2:064x}"]


def test_jsonl_reopened_appends_knows_its_hashes_and_cuts_a_torn_line(tmp_path):
    path = tmp_path / "facts.jsonl"
    with JsonlFactsWriter(path) as writer:
        writer.write(result(1))
        writer.write(result(2))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('{"schema": "chidao.facts/1", "source": {"sha')  # killed mid-line
    with JsonlFactsWriter(path) as writer:
        assert writer.existing_hashes() == {f"{1:064x}", f"{2:064x}"}
        writer.write(result(3))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["title"][-1] for line in lines] == ["1", "2", "3"]


def test_parquet_rows_columns_and_indicators(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "facts.parquet"
    with open_facts_writer(path, row_group_size=2) as writer:
        for index in range(5):
            writer.write(result(index, indicators=index % 3))
    assert not (tmp_path / "facts.parquet.parts").exists()
    file = pq.ParquetFile(path)
    assert file.metadata.num_rows == 5
    assert file.num_row_groups == 3  # written incrementally, 2 rows at a time
    table = file.read()
    assert table.column_names == [
        "path",
        "sha256",
        "title",
        "kind",
        "chars",
        "genre",
        "event_date",
        "event_kind",
        "indicators",
        "facts",
    ]
    rows = table.to_pylist()
    assert [r["sha256"] for r in rows] == [f"{i:064x}" for i in range(5)]
    assert rows[2]["event_kind"] == "review_conference"
    assert len(rows[2]["indicators"]) == 2
    first = rows[2]["indicators"][1]
    assert first["value"] == 15.0 and first["qualifier"] == "ước" and first["yoy_pct"] == -3.0
    assert (first["span_start"], first["span_end"]) == (10, 19)
    assert json.loads(rows[4]["facts"]) == result(4, indicators=1).facts


def test_parquet_killed_run_leaves_parts_that_the_next_run_merges(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "facts.parquet"
    killed = ParquetFactsWriter(path, row_group_size=100)
    for index in range(3):
        killed.write(result(index))
    killed.commit()  # durable part
    killed.write(result(3))  # buffered only: lost with the process
    del killed  # never closed, as after SIGKILL
    assert not path.exists() and list((tmp_path / "facts.parquet.parts").glob("*.parquet"))

    with ParquetFactsWriter(path) as again:
        assert again.existing_hashes() == {f"{i:064x}" for i in range(3)}
        for index in (3, 4):
            again.write(result(index))
    assert pq.read_table(path).column("sha256").to_pylist() == [f"{i:064x}" for i in range(5)]

    with ParquetFactsWriter(path) as third:  # a finished file is picked up too
        assert len(third.existing_hashes()) == 5
        third.write(result(5))
    assert pq.read_table(path).num_rows == 6
