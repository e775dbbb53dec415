-- Follow-up plan (rencana tindak lanjut, RTL) of a survey period: action items on the lowest
-- elements. Small and edited by staff: every edit is a new version; the newest wins, read
-- with argMax(…, version). deleted = 1 removes an item.
CREATE TABLE IF NOT EXISTS {db}.followups
(
    agency           String,
    period           String,
    id               String,
    element          String,
    action           String,
    target_quarter   String,
    person_in_charge String,
    status           Enum8('direncanakan' = 1, 'berjalan' = 2, 'selesai' = 3, 'dibatalkan' = 4),
    progress         UInt8,
    note             String,
    updated_at       DateTime('UTC'),
    updated_by       String,
    version          UInt64,
    deleted          UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (agency, period, id);

-- Where and when the results of a survey period were published (website, notice board,
-- social media, …): the national evaluation asks for it.
CREATE TABLE IF NOT EXISTS {db}.publications
(
    agency       String,
    period       String,
    id           String,
    medium       String,
    location     String,
    published_on Date,
    recorded_at  DateTime('UTC'),
    recorded_by  String,
    version      UInt64,
    deleted      UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (agency, period, id);
