-- The latest end of a reopening of each survey period of an agency (the newest version of
-- each reopening): the intake's period gate takes responses for a closed period until then.
SELECT period, max(until)
FROM
(
    SELECT period, id, argMax(until, version) AS until
    FROM {db}.period_reopenings
    WHERE agency = ?
    GROUP BY period, id
)
GROUP BY period;
