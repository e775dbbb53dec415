-- sample named: {"age_bounds": [7, 14, 30, 60, 4294967295], "agency": "bppd-kalbar",
--   "duration_bounds": [60, 240, 480, 1440, 2400, 4294967295], "end": "2026-10-31 17:00:00",
--   "first": "2026-10-01", "last": "2026-10-31", "levels": [0.5, 0.9], "limit": 100,
--   "month": "2026-10-01", "service": "", "version": 1}
-- A month of an agency's cases (optionally one service), from the newest version of each
-- case (chsql/fragments/casesOfMonth.sql), grouped by service, channel, class and kind:
-- received and completed in the month; of those completed, how many had a time limit and how
-- many of them were on time, and their working minutes; the cases open at the month's end,
-- with their age in days, and how many of them had passed their deadline. Minutes and ages
-- come as sorted distinct values with their counts (sumMap); medians and percentiles are
-- taken in Go from them, so that they combine across groups.
SELECT
    v_service, v_channel, v_class, v_kind,
    toUInt64(countIf(v_received BETWEEN toDate(@first) AND toDate(@last))) AS n_received,
    toUInt64(countIf(is_done)) AS n_completed,
    toUInt64(countIf(is_done AND v_unit != '')) AS n_with_limit,
    toUInt64(countIf(is_done AND v_unit != '' AND ifNull(v_on_time, 0) = 1)) AS n_on_time,
    (sumMapIf([toUInt32(ifNull(v_minutes, 0))], [toUInt64(1)], is_done AND isNotNull(v_minutes)) AS done_map).1 AS done_minutes,
    done_map.2 AS done_counts,
    toUInt64(countIf(is_open AND isNotNull(v_deadline) AND ifNull(v_deadline, toDateTime(0)) < toDateTime(@end, 'UTC'))) AS n_overdue,
    (sumMapIf([toUInt32(toUInt32(toDate(@last)) - toUInt32(v_received))], [toUInt64(1)], is_open) AS open_map).1 AS open_ages,
    open_map.2 AS open_counts
FROM ({casesOfMonth})
WHERE @service = '' OR v_service = @service
GROUP BY v_service, v_channel, v_class, v_kind
HAVING n_received + n_completed + length(open_ages) > 0;
