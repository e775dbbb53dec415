-- The history of a case: who recorded each version, every version kept, and staff notes.
-- cases is a ReplacingMergeTree: a merge keeps only the newest version of a case, so every
-- version inserted into it is copied by a materialized view into case_versions, a plain
-- MergeTree that keeps them all (read deduplicated by version: a replayed batch or the
-- backfill below may copy a version twice). recorded_by is who submitted the version: a
-- staff username, "api:" with the token's name, "impor:" with the file's name; '' before.
ALTER TABLE {db}.cases ADD COLUMN recorded_by String;

ALTER TABLE {db}.cases_import ADD COLUMN recorded_by String;

CREATE TABLE IF NOT EXISTS {db}.case_versions
(
    agency          String,
    id              String,
    kind            Enum8('layanan' = 1, 'pengaduan' = 2, 'aspirasi' = 3, 'informasi' = 4),
    service         String,
    channel         String,
    class           String,
    status          Enum8('diterima' = 1, 'diproses' = 2, 'selesai' = 3),
    received_at     DateTime('UTC'),
    received_date   Date,
    completed_at    Nullable(DateTime('UTC')),
    completed_date  Nullable(Date),
    sla_amount      UInt32,
    sla_unit        Enum8('' = 0, 'menit' = 1, 'jam_kerja' = 2, 'hari_kerja' = 3, 'hari' = 4),
    deadline_at     Nullable(DateTime('UTC')),
    on_time         Nullable(UInt8),
    working_minutes Nullable(UInt32),
    officer         String,
    external_ref    String,
    updated_at      DateTime('UTC'),
    version         UInt64,
    recorded_by     String
)
ENGINE = MergeTree
PARTITION BY toYear(received_date)
ORDER BY (agency, id, version);

CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.case_versions_mv TO {db}.case_versions AS
SELECT agency, id, kind, service, channel, class, status, received_at, received_date, completed_at, completed_date,
       sla_amount, sla_unit, deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version, recorded_by
FROM {db}.cases;

INSERT INTO {db}.case_versions
SELECT agency, id, kind, service, channel, class, status, received_at, received_date, completed_at, completed_date,
       sla_amount, sla_unit, deadline_at, on_time, working_minutes, officer, external_ref, updated_at, version, recorded_by
FROM {db}.cases;

-- Notes staff add to a case, and the reasons given when a completed case is reopened; shown
-- with the versions in the case's history. at_ns (Unix nanoseconds) orders notes of one second.
CREATE TABLE IF NOT EXISTS {db}.case_notes
(
    agency   String,
    id       String,
    at       DateTime('UTC'),
    at_ns    UInt64,
    username String,
    kind     Enum8('catatan' = 1, 'dibuka_kembali' = 2),
    text     String
)
ENGINE = MergeTree
PARTITION BY toYear(at)
ORDER BY (agency, id, at_ns);
