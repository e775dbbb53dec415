-- sample args: ["staf-kalbar"]
-- The one-time code made last for an account (its first version is when it was made): any
-- earlier code of the account is superseded by it. A merge keeps only a code's newest
-- version, but a code is only used (a newer version) while it is the newest of its account.
SELECT hash, min(version) AS made
FROM {db}.account_codes
WHERE username = ?
GROUP BY hash
ORDER BY made DESC, hash DESC
LIMIT 1;
