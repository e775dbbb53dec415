-- sample args: ["bppd-kalbar"]
-- When each survey period of an agency was first published (the earliest publication record
-- not deleted): the intake's period gate closes an ended period from then on.
SELECT period, min(published_on)
FROM
(
    SELECT period, id, argMax(published_on, version) AS published_on, argMax(deleted, version) AS deleted
    FROM {db}.publications
    WHERE agency = ?
    GROUP BY period, id
)
WHERE deleted = 0
GROUP BY period;
