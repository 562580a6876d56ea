-- PostgreSQL's own ceiling for /heartbeat: one UPDATE of a session row by primary key.
\set n random(1, :hot)
UPDATE user_sessions SET last_seen = now()
WHERE id = ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid;
