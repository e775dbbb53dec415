-- API tokens gain a kind: '' is an agency's machine token (cases, follow-up, publications,
-- responses of any channel); 'kiosk' is a counter kiosk's device token, registered by staff on
-- /kios/{agency}, which may only send its agency's responses through channel kiosk — earlier
-- dated ones too (answers kept on the tablet while its link was down). Rows written before
-- read as ''. The runner skips this statement when the column exists already (a re-run):
-- ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS.
ALTER TABLE {db}.api_tokens ADD COLUMN kind String DEFAULT '';
