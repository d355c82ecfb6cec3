-- A tenant's live connections have distinct names, so a person can tell them apart; a deleted connection's
-- name may be taken again. Live duplicates made before this rule keep their oldest holder's name and the others
-- get a " (n)" suffix.

UPDATE connections c SET name = c.name || ' (' || d.n || ')'
FROM (SELECT id, row_number() OVER (PARTITION BY tenant_id, name ORDER BY created_at, id) AS n
      FROM connections WHERE deleted_at IS NULL) d
WHERE c.id = d.id AND d.n > 1;

CREATE UNIQUE INDEX connections_tenant_name ON connections (tenant_id, name) WHERE deleted_at IS NULL;
