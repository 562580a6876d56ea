-- When each stored day was computed, and how many of its sessions were still open then. A row computed before its
-- day ended (today so far) or while some of its sessions were open is not final: reads count such a day live, and
-- the rollup job computes it again (after a downtime of days, the "today so far" of the day it stopped on stayed
-- for good). NULL (rows stored before this version, imports) counts as final.
ALTER TABLE daily_session_stats ADD COLUMN computed_at timestamptz, ADD COLUMN open_sessions integer;
