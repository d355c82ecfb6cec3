-- Runs before every migration, as the admin user: the application's login role exists, has the
-- configured password, and can neither act as superuser nor bypass row-level security.
DO $do$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_user}') THEN
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN', '${app_user}');
        EXCEPTION WHEN duplicate_object THEN
            NULL; -- another replica made it first
        END;
    END IF;
    EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD %L',
                   '${app_user}', $pw$${app_password}$pw$);
END
$do$;
