-- Per-day aggregates behind the activity, stay and leave insights, written by the daily rollup with the day's row in
-- daily_session_stats (same transaction, same sessions: those that started that day in tracker.stats.zone, bots
-- left out unless tracker.stats.include-bots). An insight over a month then reads stored rows for the days before
-- today and only today's sessions live, like the daily statistics, instead of every session of the month.

-- Set by the rollup that wrote the day's breakdowns below. Rows stored before them say false: the rollup writes those
-- days again (those still within retention), and until then insights read their sessions live.
ALTER TABLE daily_session_stats ADD COLUMN breakdowns_stored BOOLEAN NOT NULL DEFAULT FALSE;

-- Sessions started per local hour (0-23) of the day.
CREATE TABLE daily_hours (
    date     DATE     NOT NULL,
    hour     SMALLINT NOT NULL,
    sessions INTEGER  NOT NULL,
    PRIMARY KEY (date, hour)
);

-- Ended sessions per duration: the day's histogram, from which a range's exact percentiles are taken.
-- duration_seconds NULL: ended sessions written without a duration (imports, SQL backfills).
CREATE TABLE daily_durations (
    date             DATE    NOT NULL,
    duration_seconds INTEGER,
    sessions         INTEGER NOT NULL
);
CREATE INDEX idx_daily_durations_date ON daily_durations (date);

-- Ended sessions per exit reason and exit page (either may be NULL in imported rows).
CREATE TABLE daily_exits (
    date        DATE          NOT NULL,
    exit_reason VARCHAR(20),
    exit_page   VARCHAR(2048),
    sessions    INTEGER       NOT NULL
);
CREATE INDEX idx_daily_exits_date ON daily_exits (date);

-- Workflows started in the day's ended sessions, and how many of them were never completed.
CREATE TABLE daily_workflows (
    date        DATE         NOT NULL,
    workflow_id VARCHAR(128) NOT NULL,
    started     INTEGER      NOT NULL,
    abandoned   INTEGER      NOT NULL,
    PRIMARY KEY (date, workflow_id)
);
