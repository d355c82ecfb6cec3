package io.kurobe.data;

/** How to reach one user database. The password never leaves the data plane. */
public record ConnectionSpec(String id, Engine engine, String jdbcUrl, String user, String password) {
    @Override
    public String toString() {
        return "ConnectionSpec[id=" + id + ", engine=" + engine + ", jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
    }
}
