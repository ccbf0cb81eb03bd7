-- The dedupe key becomes the event id. It is derived from the identity (app/accept-events.ts
-- eventIdOf: UUIDv8 of SHA-256(tenant NUL source NUL entity NUL id NUL version), 122 bits), so one
-- 16-byte key compared bytewise replaces five text columns compared under a collation, and a claim
-- returns just the ids. The identity columns stay for lookups by hand.

-- Rows accepted before event ids were derived carry random ones: re-derive them with the bytes
-- eventIdOf hashes (the version as decimal text), so those identities still dedupe under the new key.
CREATE FUNCTION pg_temp.identity_event_id(t text, s text, e text, i text, v bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(substring(set_byte(set_byte(h, 6, (get_byte(h, 6) & 15) | 128), 8, (get_byte(h, 8) & 63) | 128)
                          FROM 1 FOR 16), 'hex')::uuid
  FROM (SELECT sha256(convert_to(t, 'UTF8') || '\x00'::bytea || convert_to(s, 'UTF8') || '\x00'::bytea
                      || convert_to(e, 'UTF8') || '\x00'::bytea || convert_to(i, 'UTF8') || '\x00'::bytea
                      || convert_to(v::text, 'UTF8')) AS h) hashed
$$;
UPDATE accepted_events
SET event_id = pg_temp.identity_event_id(tenant_id, source, entity, entity_id, version)
WHERE event_id <> pg_temp.identity_event_id(tenant_id, source, entity, entity_id, version);

ALTER TABLE accepted_events DROP CONSTRAINT accepted_events_pkey, ADD PRIMARY KEY (event_id);
DROP FUNCTION pg_temp.identity_event_id(text, text, text, text, bigint);
