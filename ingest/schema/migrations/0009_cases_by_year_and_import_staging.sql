-- Cases move to yearly partitions: a month's summary reads the cases received in the month
-- and the older ones still relevant to it, and a file import of several years of cases
-- wrote one part per month touched by every batch. Fewer, larger partitions make both
-- cheaper (measured with make bench-cases). All versions of a case stay in one partition, as
-- before, since received_date only changes when a receipt time is corrected across a year.
CREATE TABLE IF NOT EXISTS {db}.cases_by_year
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
PARTITION BY toYear(received_date)
ORDER BY (agency, id);

INSERT INTO {db}.cases_by_year SELECT * FROM {db}.cases;

RENAME TABLE {db}.cases TO {db}.cases_by_month_old, {db}.cases_by_year TO {db}.cases;

DROP TABLE {db}.cases_by_month_old;

-- A file import writes its checked rows here first, under its own import_id, and copies
-- them into cases only when the whole file is good; then its partition is dropped. A file
-- with errors leaves nothing in cases.
CREATE TABLE IF NOT EXISTS {db}.cases_import
(
    import_id       String,
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
ENGINE = MergeTree
PARTITION BY import_id
ORDER BY tuple();
