package io.kurobe.data.postgres;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * A small pool of read-only connections to one PostgreSQL database, each validated when borrowed. The walls
 * (extended protocol, read-only transactions, standard strings) are set here and cannot be loosened by the
 * connection's JDBC URL: its parameters are moved into properties and ours are laid over them.
 */
final class PostgresPool {
    static final int SIZE = 4;
    static final Duration ACQUISITION_TIMEOUT = Duration.ofSeconds(30);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;
    private static final String CONNECT_TIMEOUT_SECONDS = "10";
    private static final String SESSION_OPTIONS =
            "-c default_transaction_read_only=on -c standard_conforming_strings=on";
    /** Keys the driver derives from the URL's host, port and database part. */
    private static final Set<String> URL_PARTS = Set.of(
            PGProperty.PG_HOST.getName(), PGProperty.PG_PORT.getName(), PGProperty.PG_DBNAME.getName());

    private PostgresPool() {
    }

    /** The connection's user and password win over any the URL holds. */
    static AgroalDataSource open(String jdbcUrl, String user, String password, int size) throws SQLException {
        Properties properties = properties(jdbcUrl);
        String urlUser = (String) properties.remove(PGProperty.USER.getName());
        String urlPassword = (String) properties.remove(PGProperty.PASSWORD.getName());
        AgroalConnectionFactoryConfigurationSupplier factory = new AgroalConnectionFactoryConfigurationSupplier()
                .jdbcUrl(baseUrl(jdbcUrl))
                .connectionProviderClass(Driver.class)
                .autoCommit(false)
                .readOnly(true);
        properties.stringPropertyNames().forEach(key -> factory.jdbcProperty(key, properties.getProperty(key)));
        if (user != null || urlUser != null) {
            factory.principal(new NamePrincipal(user != null ? user : urlUser));
        }
        if (password != null || urlPassword != null) {
            factory.credential(new SimplePassword(password != null ? password : urlPassword));
        }
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .connectionFactoryConfiguration(factory)
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(size)
                        .acquisitionTimeout(ACQUISITION_TIMEOUT)
                        .validateOnBorrow(true)
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(VALIDATION_TIMEOUT_SECONDS))
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .reapTimeout(Duration.ofMinutes(5))
                        .maxLifetime(Duration.ofMinutes(30))));
    }

    /** The URL's own parameters, then the walls laid over them. */
    static Properties properties(String jdbcUrl) {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                    + baseUrl(jdbcUrl));
        }
        Properties properties = new Properties();
        for (String key : parsed.stringPropertyNames()) {
            if (!URL_PARTS.contains(key)) {
                properties.setProperty(key, parsed.getProperty(key));
            }
        }
        String options = properties.getProperty(PGProperty.OPTIONS.getName());
        properties.setProperty(PGProperty.OPTIONS.getName(),
                options == null || options.isBlank() ? SESSION_OPTIONS : options + " " + SESSION_OPTIONS);
        properties.setProperty(PGProperty.PREFER_QUERY_MODE.getName(), "extended");
        properties.setProperty(PGProperty.READ_ONLY_MODE.getName(), "transaction");
        properties.setProperty(PGProperty.CONNECT_TIMEOUT.getName(), CONNECT_TIMEOUT_SECONDS);
        properties.setProperty(PGProperty.LOGIN_TIMEOUT.getName(), CONNECT_TIMEOUT_SECONDS);
        properties.putIfAbsent(PGProperty.APPLICATION_NAME.getName(), "kurobe");
        return properties;
    }

    /** The URL without its parameters, which may hold a password. */
    static String baseUrl(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
