-- PostgreSQL's own ceiling for /start: one session row, the same columns the service writes.
\set u random(1, 1000000)
INSERT INTO user_sessions (id, user_id, start_time, last_seen, device_type, browser, os, screen_size, is_bot,
                           entry_page, entry_source, referrer, campaign, action_types)
VALUES (bench_uuid7(clock_timestamp()), 'p' || :u, now(), now(), 'desktop', 'Chrome', 'Linux', '1920x1080', false,
        'https://app.example.com/pricing?utm_campaign=spring', 'external', 'https://news.example.org/', 'spring', '{}');
