-- bench_uuid7(ts): a time-ordered UUID (version 7) for a session started at ts, as the service makes its ids, so that
-- loaded rows sit in the primary key in time order as the service's own do. (PostgreSQL before 18 has no uuidv7().)
-- One expression, so PostgreSQL inlines it (a function with a FROM clause is called row by row, at twice the cost).
CREATE OR REPLACE FUNCTION bench_uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
            || substr(replace(gen_random_uuid()::text, '-', ''), 14, 19))::uuid
$$;
