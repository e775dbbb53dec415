-- The latest reopening of each survey period of an agency (the newest version of each
-- reopening; the one made last wins, so closing early is a newer reopening ending now):
-- until when it is open again, who reopened it and why.
SELECT period, argMax(until, reopened_at), argMax(reopened_by, reopened_at), argMax(reason, reopened_at)
FROM
(
    SELECT period, id, argMax(until, version) AS until, argMax(reopened_by, version) AS reopened_by,
        argMax(reason, version) AS reason, argMax(reopened_at, version) AS reopened_at
    FROM {db}.period_reopenings
    WHERE agency = ?
    GROUP BY period, id
)
GROUP BY period;
