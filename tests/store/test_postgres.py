"""The PostgreSQL connection wrapper: the SQL contract other modules write to, kept exactly."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tracewire.store.migrations import MIGRATIONS, POSTGRES_VARIANTS, postgres_sql
from tracewire.store.postgres import Row, translate


def test_placeholders_and_percent_signs():
    assert translate("SELECT * FROM t WHERE a = ? AND b LIKE '%?%'") == \
        "SELECT * FROM t WHERE a = %s AND b ILIKE '%%?%%'"
    assert translate("SELECT id FROM entities e WHERE e.name = ? COLLATE NOCASE") == \
        "SELECT id FROM entities e WHERE lower(e.name) = lower(%s)"
    assert translate('SELECT "?" FROM x WHERE y = ?') == 'SELECT "?" FROM x WHERE y = %s'


@given(st.lists(st.one_of(st.sampled_from(["?", "%", " a ", "'it''s ? %'", ",", '"c?l"']),
                          st.text(alphabet="abc xyz=<>()", max_size=5)), max_size=30))
def test_every_placeholder_outside_quotes_becomes_one_parameter(parts):
    sql = "".join(parts)
    out = translate(sql)
    # strip quoted parts from both: what is left differs only in placeholders and escaped percents
    outside = re.sub(r"'[^']*'|\"[^\"]*\"", "", sql)
    if sql.count("'") % 2 or sql.count('"') % 2:
        return  # an unterminated quote is the database's error to report
    assert out.count("%s") - outside.count("%s") == outside.count("?")
    assert out.replace("%s", "?").replace("%%", "%") == sql.replace("%s", "?")


def test_rows_read_by_position_name_and_as_a_dict():
    row = Row((1, "Kabul"), {"id": 0, "name": 1})
    assert row[0] == 1 and row["name"] == "Kabul" and row[-1] == "Kabul"
    assert dict(row) == {"id": 1, "name": "Kabul"}
    ident, name = row
    assert (ident, name) == (1, "Kabul")
    assert row.keys() == ["id", "name"]


def test_every_migration_has_a_postgres_form_without_sqlite_only_syntax():
    for name, sql in MIGRATIONS:
        out = postgres_sql(name, sql)
        assert "strftime" not in out and "COLLATE NOCASE" not in out and "VIRTUAL TABLE" not in out
        assert " BLOB" not in out and "INTEGER PRIMARY KEY" not in out
        if name not in POSTGRES_VARIANTS:
            for table in re.findall(r"CREATE TABLE (\w+) \(", sql):
                body = out.split(f"CREATE TABLE {table} (", 1)[1].split(");", 1)[0]
                assert "rowid" in body or "IDENTITY PRIMARY KEY" in body, table
