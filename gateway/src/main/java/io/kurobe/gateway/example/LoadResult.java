package io.kurobe.gateway.example;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** What a load of examples did, line by line where a line was refused. */
public record LoadResult(
        String connectionId,
        @Schema(description = "Examples added") int loaded,
        @Schema(description = "Lines whose question and SQL the connection already has as a loaded example")
        int duplicates,
        @Schema(description = "Lines of another db_id than the dbId asked for") int skipped,
        @Schema(description = "Lines not taken, each with why: unreadable, incomplete, or refused by the SQL guard")
        List<Refusal> refused) {

    /** A line not taken: its number in the file (its position, for a JSON array) and why. */
    public record Refusal(int line, String reason) {
    }
}
