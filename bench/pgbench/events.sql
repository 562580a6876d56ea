-- PostgreSQL's own ceiling for /events: one multi-row INSERT of the same 20 event rows.
\set n random(1, :hot)
INSERT INTO session_events (id, session_id, timestamp, event_type, event_data) VALUES
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}'),
  (gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(:n::text, 12, '0'))::uuid, now(), 'click', '{"target":"#buy"}');
