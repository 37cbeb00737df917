-- The time of a record: its drill run's simulated time, or `real` for a record of no drill (or of
-- a run whose clock is gone). Sweeps compare due times with it: due_at <= muster_sim_now(drill_run_id, $now).
CREATE OR REPLACE FUNCTION muster_sim_now(run uuid, "real" timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT COALESCE(
    (SELECT CASE WHEN c.paused THEN c.sim_anchor
                 ELSE c.sim_anchor + ("real" - c.real_anchor) * c.speed END
       FROM sim_clocks c WHERE c.run_id = run),
    "real")
$$;
