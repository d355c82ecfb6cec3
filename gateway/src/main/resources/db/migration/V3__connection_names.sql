-- A tenant's live connections have distinct names, so a person can tell them apart; a deleted connection's
-- name may be taken again. Live duplicates made before this rule keep their oldest holder's name and the others
-- get the start of their own id as a suffix ("sales (0b6f3c9e)"), a name no person is likely to have chosen.

UPDATE connections c SET name = c.name || ' (' || left(c.id::text, 8) || ')'
FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id, name ORDER BY created_at, id) AS n
      FROM connections WHERE deleted_at IS NULL) d
WHERE c.id = d.id AND d.n > 1;

CREATE UNIQUE INDEX connections_tenant_name ON connections (tenant_id, name) WHERE deleted_at IS NULL;
