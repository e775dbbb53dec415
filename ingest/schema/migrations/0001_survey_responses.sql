-- Survey responses (SKM, PermenPANRB 14/2017). One row per respondent.
-- Answers are stored by element code (u1..u9 = U1..U9), never by question position:
-- the form asks U9 as question 8 and U8 as question 9. 0 means "not answered" (paper forms
-- may leave an element blank); such an answer is not counted in that element's NRR.
-- Instants are UTC; local_date is the agency-local date, computed at write time.
-- A re-sent response carries the same id and collapses in ReplacingMergeTree; the write
-- path delivers exactly once so materialized rollups never double count.
CREATE TABLE IF NOT EXISTS {db}.survey_responses
(
    agency        String,
    service       String,
    id            UUID,
    submitted_at  DateTime('UTC'),
    local_date    Date,
    channel       Enum8('web' = 1, 'kiosk' = 2, 'paper' = 3),
    u1            UInt8,
    u2            UInt8,
    u3            UInt8,
    u4            UInt8,
    u5            UInt8,
    u6            UInt8,
    u7            UInt8,
    u8            UInt8,
    u9            UInt8,
    umur          UInt8,
    jenis_kelamin Enum8('' = 0, 'L' = 1, 'P' = 2),
    pendidikan    String,
    pekerjaan     String,
    saran         String,
    extra_keys    Array(String),
    extra_values  Array(String),
    ingested_at   DateTime('UTC')
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(local_date)
ORDER BY (agency, service, local_date, id);
