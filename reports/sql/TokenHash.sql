-- sample args: ["0011223344556677"]
-- The newest state of an API token: its agency, the hash of its secret, whether revoked, and
-- its kind (of the first version: '' for a machine token, 'kiosk' for a kiosk device).
SELECT argMax(agency, version), argMax(hash, version), argMax(revoked, version), argMin(kind, version)
FROM {db}.api_tokens
WHERE id = ?
GROUP BY id;
