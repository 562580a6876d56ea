-- The start of the earliest session each stored pattern was computed from (the oldest of the user's recent sessions
-- the job read). Retention deletes sessions oldest first, so a pattern whose earliest session started before every
-- session left was computed partly from sessions retention has removed: the job re-reads that user. NULL for the rows
-- stored before this column, which the job's next run re-reads once. The index finds both.
ALTER TABLE user_patterns ADD COLUMN first_session_start TIMESTAMPTZ;
CREATE INDEX idx_user_patterns_first_session ON user_patterns (first_session_start);

-- V7's comment on user_pattern_refresh says that an erasure waits for a whole run of the job: it now waits only for
-- the chunk of patterns being stored (an advisory lock each chunk holds), and the row makes the runs take turns.
