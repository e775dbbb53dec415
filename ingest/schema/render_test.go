package schema

import (
	"reflect"
	"strings"
	"testing"
)

// The tables the statements below name, created first in every case.
var renderSetup = []string{
	"CREATE TABLE IF NOT EXISTS {db}.resp\n(\n    agency String,\n    u1     UInt8\n)\nENGINE = ReplacingMergeTree()\nORDER BY agency",
	"CREATE TABLE IF NOT EXISTS {db}.daily\n(\n    agency String,\n    n      UInt64\n)\nENGINE = SummingMergeTree()\nORDER BY agency",
	"CREATE TABLE IF NOT EXISTS {db}.sessions (id String, v UInt64) ENGINE = ReplacingMergeTree(v) ORDER BY id",
}

func TestRenderStatementPerMode(t *testing.T) {
	const on = " ON CLUSTER c"
	cases := []struct {
		name       string
		stmt       string
		replicated []string
		sharded    []string
	}{
		{
			name: "table with an agency column",
			stmt: "CREATE TABLE IF NOT EXISTS {db}.cases\n(\n    agency String,\n    id     String,\n    version UInt64\n)\nENGINE = ReplacingMergeTree(version)\nPARTITION BY toYear(d)\nORDER BY (agency, id)",
			replicated: []string{
				"CREATE TABLE IF NOT EXISTS {db}.cases" + on + "\n(\n    agency String,\n    id     String,\n    version UInt64\n)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{db}/cases', '{replica}', version)\nPARTITION BY toYear(d)\nORDER BY (agency, id)",
			},
			sharded: []string{
				"CREATE TABLE IF NOT EXISTS {db}.cases_local" + on + "\n(\n    agency String,\n    id     String,\n    version UInt64\n)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{db}/cases', '{replica}', version)\nPARTITION BY toYear(d)\nORDER BY (agency, id)",
				"CREATE TABLE IF NOT EXISTS {db}.cases" + on + " AS {db}.cases_local\nENGINE = Distributed(c, {db}, cases_local, cityHash64(agency))",
			},
		},
		{
			name:       "table without an agency column: everywhere",
			stmt:       "CREATE TABLE {db}.revoked (id String) ENGINE = MergeTree ORDER BY id",
			replicated: []string{"CREATE TABLE {db}.revoked" + on + "\n(id String)\nENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{db}/revoked', '{replica}') ORDER BY id"},
			sharded:    []string{"CREATE TABLE {db}.revoked" + on + "\n(id String)\nENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{db}/revoked', '{replica}') ORDER BY id"},
		},
		{
			name:       "small table with an agency column listed everywhere",
			stmt:       "CREATE TABLE IF NOT EXISTS {db}.users (username String, agency String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY username",
			replicated: []string{"CREATE TABLE IF NOT EXISTS {db}.users" + on + "\n(username String, agency String, version UInt64)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{db}/users', '{replica}', version) ORDER BY username"},
			sharded:    []string{"CREATE TABLE IF NOT EXISTS {db}.users" + on + "\n(username String, agency String, version UInt64)\nENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/{db}/users', '{replica}', version) ORDER BY username"},
		},
		{
			name:       "materialized view: on the local tables",
			stmt:       "CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.daily_mv TO {db}.daily\nAS SELECT agency, count() AS n FROM {db}.resp GROUP BY agency",
			replicated: []string{"CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.daily_mv" + on + " TO {db}.daily AS SELECT agency, count() AS n FROM {db}.resp GROUP BY agency"},
			sharded:    []string{"CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.daily_mv" + on + " TO {db}.daily_local AS SELECT agency, count() AS n FROM {db}.resp_local GROUP BY agency"},
		},
		{
			name:       "backfill: once, through the Distributed tables",
			stmt:       "INSERT INTO {db}.daily\nSELECT agency, count() FROM {db}.resp GROUP BY agency",
			replicated: []string{"INSERT INTO {db}.daily\nSELECT agency, count() FROM {db}.resp GROUP BY agency"},
			sharded:    []string{"INSERT INTO {db}.daily\nSELECT agency, count() FROM {db}.resp GROUP BY agency"},
		},
		{
			name:       "column added: local tables, Distributed table made anew",
			stmt:       "ALTER TABLE {db}.resp ADD COLUMN u2 UInt8",
			replicated: []string{"ALTER TABLE {db}.resp ADD COLUMN u2 UInt8"},
			sharded: []string{"ALTER TABLE {db}.resp_local" + on + " ADD COLUMN u2 UInt8", "DROP TABLE IF EXISTS {db}.resp" + on,
				"CREATE TABLE IF NOT EXISTS {db}.resp" + on + " AS {db}.resp_local\nENGINE = Distributed(c, {db}, resp_local, cityHash64(agency))"},
		},
		{
			name:       "mutation: local tables only",
			stmt:       "ALTER TABLE {db}.daily DELETE WHERE agency = 'x'",
			replicated: []string{"ALTER TABLE {db}.daily DELETE WHERE agency = 'x'"},
			sharded:    []string{"ALTER TABLE {db}.daily_local" + on + " DELETE WHERE agency = 'x'"},
		},
		{
			name:       "mutation of a table everywhere: replicated by itself",
			stmt:       "ALTER TABLE {db}.sessions DELETE WHERE v = 0",
			replicated: []string{"ALTER TABLE {db}.sessions DELETE WHERE v = 0"},
			sharded:    []string{"ALTER TABLE {db}.sessions DELETE WHERE v = 0"},
		},
		{
			name:       "rename: local tables, Distributed tables made anew",
			stmt:       "RENAME TABLE {db}.resp TO {db}.resp_old, {db}.sessions TO {db}.sessions_old",
			replicated: []string{"RENAME TABLE {db}.resp TO {db}.resp_old, {db}.sessions TO {db}.sessions_old" + on},
			sharded: []string{
				"RENAME TABLE {db}.resp_local TO {db}.resp_old_local, {db}.sessions TO {db}.sessions_old" + on,
				"DROP TABLE {db}.resp" + on,
				"CREATE TABLE {db}.resp_old" + on + " AS {db}.resp_old_local\nENGINE = Distributed(c, {db}, resp_old_local, cityHash64(agency))",
			},
		},
		{
			name:       "drop",
			stmt:       "DROP TABLE {db}.resp",
			replicated: []string{"DROP TABLE {db}.resp" + on},
			sharded:    []string{"DROP TABLE {db}.resp" + on, "DROP TABLE {db}.resp_local" + on},
		},
		{
			name:       "database",
			stmt:       "CREATE DATABASE IF NOT EXISTS {db}",
			replicated: []string{"CREATE DATABASE IF NOT EXISTS {db}" + on},
			sharded:    []string{"CREATE DATABASE IF NOT EXISTS {db}" + on},
		},
	}
	for _, tc := range cases {
		for _, mode := range []struct {
			mode Mode
			want []string
		}{{Single, []string{tc.stmt}}, {Replicated, tc.replicated}, {Sharded, tc.sharded}} {
			t.Run(tc.name+"/"+mode.mode.String(), func(t *testing.T) {
				r := newRenderer(Layout{Mode: mode.mode, Cluster: "c"})
				for _, s := range renderSetup {
					if _, err := r.render(s); err != nil {
						t.Fatalf("setup %q: %v", s, err)
					}
				}
				got, err := r.render(tc.stmt)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, mode.want) {
					t.Errorf("got\n%s\nwant\n%s", strings.Join(got, ";\n"), strings.Join(mode.want, ";\n"))
				}
			})
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	for _, tc := range []struct{ name, stmt, want string }{
		{"unknown statement", "OPTIMIZE TABLE {db}.resp FINAL", "no sharded rendering"},
		{"engine that cannot be replicated", "CREATE TABLE {db}.l (a String) ENGINE = Log", "cannot be replicated"},
		{"unknown table", "ALTER TABLE {db}.nope DELETE WHERE 1", "not created by an earlier migration"},
		{"view across placements", "CREATE MATERIALIZED VIEW {db}.v TO {db}.sessions AS SELECT agency AS id, 1 AS v FROM {db}.daily", "placed otherwise"},
		{"ZooKeeper path of a renamed table", "CREATE TABLE {db}.resp (agency String) ENGINE = MergeTree ORDER BY agency", "still held by table resp_old"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRenderer(Layout{Mode: Sharded, Cluster: "c"})
			for _, s := range append(renderSetup, "RENAME TABLE {db}.resp TO {db}.resp_old") {
				if _, err := r.render(s); err != nil {
					t.Fatalf("setup: %v", err)
				}
			}
			if _, err := r.render(tc.stmt); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// Every migration renders in every mode; single leaves every file's statements as written.
func TestRenderedMigrationsEveryMode(t *testing.T) {
	files, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	single, err := RenderedMigrations(Layout{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(single, files) {
		t.Error("the single-server rendering differs from the migration files")
	}
	for _, mode := range []Mode{Replicated, Sharded} {
		ms, err := RenderedMigrations(Layout{Mode: mode, Cluster: "skm"})
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		all := ""
		for i, m := range ms {
			if m.Checksum != files[i].Checksum {
				t.Errorf("%s: migration %s has another checksum", mode, m.File)
			}
			all += strings.Join(m.Statements, ";\n") + ";\n"
		}
		if mode == Sharded {
			for _, want := range []string{
				"{db}.survey_responses_local ON CLUSTER skm",
				"ENGINE = Distributed(skm, {db}, survey_responses_local, cityHash64(agency))",
				"TO {db}.survey_daily_local AS SELECT",
				"FROM {db}.survey_responses_local\nGROUP BY",
				"{db}.users ON CLUSTER skm",
				"ALTER TABLE {db}.cases_local ON CLUSTER skm ADD COLUMN recorded_by String",
				"RENAME TABLE {db}.cases_local TO {db}.cases_by_month_old_local, {db}.cases_by_year_local TO {db}.cases_local ON CLUSTER skm",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("sharded migrations lack %q", want)
				}
			}
			if strings.Contains(all, "{db}.users_local") || strings.Contains(all, "{db}.schema_migrations_local") {
				t.Error("a table meant for every server is sharded")
			}
		}
	}
}

func TestStatementRendererSendsDataAltersToTheLocalTables(t *testing.T) {
	for _, tc := range []struct {
		mode       Mode
		stmt, want string
	}{
		{Sharded, "ALTER TABLE skm.survey_daily DELETE WHERE agency = ?", "ALTER TABLE skm.survey_daily_local ON CLUSTER c DELETE WHERE agency = ?"},
		{Sharded, "ALTER TABLE {db}.cases_import DROP PARTITION ?", "ALTER TABLE {db}.cases_import_local ON CLUSTER c DROP PARTITION ?"},
		{Sharded, "ALTER TABLE skm.users DELETE WHERE 1", "ALTER TABLE skm.users DELETE WHERE 1"},
		{Sharded, "SELECT count() FROM skm.survey_daily", "SELECT count() FROM skm.survey_daily"},
		{Replicated, "ALTER TABLE skm.survey_daily DELETE WHERE agency = ?", "ALTER TABLE skm.survey_daily DELETE WHERE agency = ?"},
		{Single, "ALTER TABLE skm.survey_daily DELETE WHERE agency = ?", "ALTER TABLE skm.survey_daily DELETE WHERE agency = ?"},
	} {
		render, err := Layout{Mode: tc.mode, Cluster: "c"}.StatementRenderer()
		if err != nil {
			t.Fatal(err)
		}
		if got := render(tc.stmt); got != tc.want {
			t.Errorf("%s: %q → %q, want %q", tc.mode, tc.stmt, got, tc.want)
		}
	}
}
