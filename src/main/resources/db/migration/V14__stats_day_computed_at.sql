-- When each stored day was computed, and how many of its sessions were still open then. A row computed before its
-- day ended (today so far) or while some of its sessions were open is not final: reads count such a day live, and
-- the rollup job computes it again (after a downtime of days, the "today so far" of the day it stopped on stayed
-- for good). NULL (rows stored before this version, imports) counts as final.
ALTER TABLE daily_session_stats ADD COLUMN computed_at timestamptz, ADD COLUMN open_sessions integer;

-- Set by retention on the days whose sessions it deletes: such a row, computed when its day was whole, is answered as
-- it is from then on (a rollup of what retention left, with sessions imported since, overwrote it: the deleted
-- sessions' figures were lost). Rows stored before this version are told by their count instead, as before.
ALTER TABLE daily_session_stats ADD COLUMN retention_trimmed boolean NOT NULL DEFAULT FALSE;
