-- The staff's own text ("analisis") per chapter of a survey period's narrative report
-- (Laporan SKM): every save is a row of its own and every row is kept, so the text a signed
-- report carried can be found again; version is the save's instant in Unix nanoseconds and
-- the newest row of a chapter wins. An empty text removes the chapter's text.
CREATE TABLE IF NOT EXISTS {db}.report_texts
(
    agency     String,
    period     String,
    chapter    String,
    text       String,
    changed_by String,
    version    UInt64
)
ENGINE = MergeTree
ORDER BY (agency, period, chapter, version);
