-- The seed's three tables keep their names and columns; what this service adds is nullable or defaulted,
-- so rows written by imports or SQL backfills stay valid.

CREATE TABLE user_sessions (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          VARCHAR(128) NOT NULL,
    start_time       TIMESTAMPTZ  NOT NULL DEFAULT CURRENT_TIMESTAMP,
    end_time         TIMESTAMPTZ,
    duration_seconds INTEGER,
    device_type      VARCHAR(20),
    browser          VARCHAR(50),
    entry_page       VARCHAR(2048),
    -- While the session is open this is its current page (the last page_view); once ended, its exit page.
    exit_page        VARCHAR(2048),
    action_count     INTEGER      NOT NULL DEFAULT 0,
    error_count      INTEGER      NOT NULL DEFAULT 0,
    workflow_count   INTEGER      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ           DEFAULT CURRENT_TIMESTAMP,
    -- Last heartbeat or event; NULL (imported rows) means start_time.
    last_seen        TIMESTAMPTZ,
    os               VARCHAR(50),
    screen_size      VARCHAR(20),
    is_bot           BOOLEAN      NOT NULL DEFAULT FALSE,
    entry_source     VARCHAR(10),
    referrer         VARCHAR(2048),
    campaign         VARCHAR(255),
    exit_reason      VARCHAR(20),
    last_action      VARCHAR(50),
    -- Event times of the current page and last action, so a late retried batch cannot move them backwards.
    exit_page_at     TIMESTAMPTZ,
    last_action_at   TIMESTAMPTZ,
    CONSTRAINT user_sessions_exit_reason_check
        CHECK (exit_reason IN ('logout', 'timeout', 'error', 'navigation')),
    CONSTRAINT user_sessions_device_type_check
        CHECK (device_type IN ('desktop', 'mobile', 'tablet'))
) WITH (fillfactor = 85); -- room on each page for HOT updates from heartbeats and counters

-- The seed's idx_sessions_user, widened so a user's history is one index range in order.
CREATE INDEX idx_sessions_user ON user_sessions (user_id, start_time DESC);
-- The seed indexed start_time::date, which PostgreSQL refuses for TIMESTAMPTZ (the cast depends on the
-- session time zone); a plain start_time index serves a day's range in any zone.
CREATE INDEX idx_sessions_date ON user_sessions (start_time);
-- Open sessions only: /active, the idle sweep and a user's current session read this small index. Nothing that
-- heartbeats or events update is indexed, so those updates stay HOT.
CREATE INDEX idx_sessions_open ON user_sessions (start_time) WHERE end_time IS NULL;

CREATE TABLE session_events (
    id         UUID        NOT NULL,
    session_id UUID        NOT NULL,
    timestamp  TIMESTAMPTZ NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    event_data JSONB,
    created_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP,
    -- Deduplicates client-made event ids within their session; leads with session_id so the key stays valid
    -- when events are partitioned or distributed by session.
    PRIMARY KEY (session_id, id)
);

-- The seed's idx_events_session, with the time so a session's events come back in order from the index.
CREATE INDEX idx_events_session ON session_events (session_id, timestamp);

CREATE TABLE workflow_executions (
    session_id   UUID         NOT NULL,
    workflow_id  VARCHAR(128) NOT NULL,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (session_id, workflow_id)
);

CREATE TABLE daily_session_stats (
    date                 DATE NOT NULL PRIMARY KEY,
    total_sessions       INTEGER,
    unique_users         INTEGER,
    avg_duration_seconds INTEGER,
    bounce_rate          DECIMAL(5, 2),
    error_rate           DECIMAL(5, 2),
    most_common_entry    VARCHAR(2048),
    most_common_exit     VARCHAR(2048)
);
