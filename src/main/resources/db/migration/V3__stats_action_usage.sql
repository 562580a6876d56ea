-- Per-day feature co-usage, written by the daily rollup over the sessions that started that day, so that
-- "which features are used together" over a month reads a few thousand rows instead of millions of events.
CREATE TABLE daily_action_usage (
    date     DATE        NOT NULL,
    action   VARCHAR(50) NOT NULL,
    sessions INTEGER     NOT NULL,   -- sessions of the day with at least one event of this action
    PRIMARY KEY (date, action)
);

CREATE TABLE daily_action_pairs (
    date     DATE        NOT NULL,
    action_a VARCHAR(50) NOT NULL,   -- action_a < action_b (code-point order): each unordered pair once
    action_b VARCHAR(50) NOT NULL,
    sessions INTEGER     NOT NULL,   -- sessions of the day with both actions
    PRIMARY KEY (date, action_a, action_b)
);

-- Each user's pattern as of the last refresh, for the pattern distribution of the engagement insight.
CREATE TABLE user_patterns (
    user_id            VARCHAR(128) PRIMARY KEY,
    pattern            VARCHAR(20)  NOT NULL,
    confidence         NUMERIC(3, 2),
    last_session_start TIMESTAMPTZ  NOT NULL,
    computed_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_user_patterns_last_session ON user_patterns (last_session_start);
