-- Case-completion records: service requests and complaints, measured against the agency's
-- Standar Pelayanan. The time limit (sla_amount + sla_unit) and the deadline are resolved
-- and stored at intake, so later edits of the standard do not rewrite history.
-- sla_unit '' means the service states no time limit ("tanpa standar waktu").
-- A later update of the same case is a new row with a higher version; read with FINAL or
-- argMax(…, version).
CREATE TABLE IF NOT EXISTS {db}.cases
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
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(received_date)
ORDER BY (agency, id);
