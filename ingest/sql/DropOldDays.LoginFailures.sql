-- sample args: [20261011]
-- Drops one day of failed logins.
ALTER TABLE {db}.login_failures DROP PARTITION ?;
