-- sample args: ["bppd-kalbar", "2026-07-01", "2026-12-31", "", "", "bppd-kalbar", "2026-07-01",
--   "2026-12-31"]
-- Service users of a scope in a period: the cases received (for the SKM sample size), from
-- the case figures computed ahead (see Population.Raw.sql).
-- GLOBAL: on a sharded cluster the subquery's table is Distributed too (schema.Layout.Settings).
SELECT toUInt64(sum(received))
FROM {db}.case_month
WHERE agency = ? AND month BETWEEN toDate(?) AND toDate(?)
  AND ((? = '' AND dim = 'all') OR (dim = 'service' AND key = ?))
  AND (month, version) GLOBAL IN
  (
      SELECT month, max(version) FROM {db}.case_month
      WHERE agency = ? AND month BETWEEN toDate(?) AND toDate(?)
      GROUP BY month
  );
