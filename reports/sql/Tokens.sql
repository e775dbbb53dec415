-- sample args: ["bppd-kalbar", "bppd-kalbar"]
-- Every API token of an agency ('' for all), newest first: the agency, name, kind and
-- creation time of the first version (a revocation of an older release wrote them empty),
-- and whether it is revoked now.
SELECT id, argMin(agency, version) AS ag, argMin(name, version), min(created_at) AS created,
       argMax(revoked, version), argMin(kind, version)
FROM {db}.api_tokens
GROUP BY id
HAVING ? = '' OR ag = ?
ORDER BY created DESC, id;
