-- The seed's session_events.id had a default (uuid_generate_v4()); V1 left it out, so an import or SQL backfill that
-- writes events the seed's way, without ids, failed on the NOT NULL. Events the service stores always carry an id
-- (the client's or a UUIDv7), so this default serves such imports only. A default is catalog-only: no table rewrite.
ALTER TABLE session_events ALTER COLUMN id SET DEFAULT gen_random_uuid();
