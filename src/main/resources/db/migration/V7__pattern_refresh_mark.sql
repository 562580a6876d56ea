-- The hourly user-pattern job re-reads only the users whose recent sessions may have changed since its previous
-- run: those with a session started since then, and those whose recent sessions held an open session then (a
-- session changes only while it is open). open_sessions says the latter; the partial index finds them.
ALTER TABLE user_patterns ADD COLUMN open_sessions SMALLINT NOT NULL DEFAULT 0;
CREATE INDEX idx_user_patterns_open ON user_patterns (user_id) WHERE open_sessions > 0;

-- When the job last ran, and last re-read every user active in its look-back, with the thresholds it used then: a
-- single row, written in the job's own transaction. A run holds it locked; an erasure waits for that run to end, so
-- that the run cannot store the pattern of a user erased meanwhile. Thresholds of '' make the first run a full one.
CREATE TABLE user_pattern_refresh (
    id            SMALLINT     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    settings      VARCHAR(500) NOT NULL,
    last_run      TIMESTAMPTZ  NOT NULL,
    last_full_run TIMESTAMPTZ  NOT NULL
);
INSERT INTO user_pattern_refresh (settings, last_run, last_full_run) VALUES ('', 'epoch', 'epoch');
