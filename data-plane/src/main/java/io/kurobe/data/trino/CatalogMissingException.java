package io.kurobe.data.trino;

import io.kurobe.data.QueryFailedException;

/** The URL's catalog or schema is not on the cluster: found by asking, since a query naming no table still runs. */
final class CatalogMissingException extends QueryFailedException {
    CatalogMissingException(String message) {
        super(message);
    }
}
