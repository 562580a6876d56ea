-- The zone (tracker.stats.zone, its id: 'UTC', 'Europe/Berlin') that each stored day was computed in, written by the
-- daily rollup with the day's row and its per-day tables (daily_hours, daily_durations, daily_exits, daily_workflows,
-- daily_action_usage, daily_action_pairs: same transaction, same sessions). After the zone is changed, the rollup job
-- computes again in the new zone each stored day of another zone whose sessions retention still keeps; older days
-- keep their rows and the zone they say.
-- NULL means "not known": rows stored before this column, and rows written by imports or SQL. They were computed in
-- the zone configured then, which need not be today's (a zone changed before this version is the case this column is
-- for), so the job computes those still within retention again once, as V5's breakdowns_stored did; older ones stay
-- NULL. Adding a nullable column without a default is catalog-only: no table rewrite.
ALTER TABLE daily_session_stats ADD COLUMN zone TEXT;
