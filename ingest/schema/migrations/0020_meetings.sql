-- The monthly evaluation meeting (rapat evaluasi bulanan) of an agency's month: its date,
-- who attended and its minutes; and the decisions taken there. Every save is a row of its
-- own and every row is kept (plain MergeTree, not Replacing): a month's page shows the
-- decisions as they stood at the month's end, so a decision closed later must still be read
-- as open then. version is the change's instant in Unix nanoseconds; the newest row wins.
CREATE TABLE IF NOT EXISTS {db}.meetings
(
    agency     String,
    month      String,
    held_on    Date,
    attendees  Array(String),
    note       String,
    changed_by String,
    version    UInt64
)
ENGINE = MergeTree
ORDER BY (agency, month, version);

-- A decision belongs to the meeting of month; it is open (terbuka) until the head closes it
-- as done (selesai) or cancelled (dibatalkan) with a note. rtl_id, case_id and service
-- optionally link it to a follow-up item, a case and a service ('' for none).
CREATE TABLE IF NOT EXISTS {db}.meeting_decisions
(
    agency      String,
    id          String,
    month       String,
    what        String,
    responsible String,
    officer     String,
    due         Date,
    status      Enum8('terbuka' = 1, 'selesai' = 2, 'dibatalkan' = 3),
    note        String,
    rtl_id      String,
    case_id     String,
    service     String,
    changed_by  String,
    version     UInt64
)
ENGINE = MergeTree
ORDER BY (agency, id, version);
