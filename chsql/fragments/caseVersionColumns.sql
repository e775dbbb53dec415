-- The columns of a case's newest version, for a query grouped by id over {db}.cases
-- (see CurrentCases.sql and RecomputeOpenCases.sql of ingest): v_kind … v_updated, and v_version.
-- Nullable columns go through argMax as one-element tuples: argMax skips NULL arguments,
-- so a newer version's NULL would otherwise lose to an older value. Aliases differ from the
-- column names (on 18.16 an alias named like a column replaces it).
toString(argMax(kind, version)) AS v_kind, argMax(service, version) AS v_service,
argMax(channel, version) AS v_channel, argMax(class, version) AS v_class,
toString(argMax(status, version)) AS v_status, argMax(received_at, version) AS v_received,
argMax(tuple(completed_at), version).1 AS v_completed, argMax(sla_amount, version) AS v_amount,
toString(argMax(sla_unit, version)) AS v_unit, argMax(tuple(deadline_at), version).1 AS v_deadline,
argMax(tuple(on_time), version).1 AS v_on_time, argMax(tuple(working_minutes), version).1 AS v_minutes,
argMax(officer, version) AS v_officer, argMax(external_ref, version) AS v_ref,
argMax(updated_at, version) AS v_updated, max(version) AS v_version
