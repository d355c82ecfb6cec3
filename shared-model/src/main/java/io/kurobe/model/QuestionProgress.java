package io.kurobe.model;

/**
 * Topic question.progress: a stage started, finished, failed or needs the asker. {@code usage}, optional, is what
 * the stage's language-model calls cost; it comes on the event that ends the stage's step.
 */
public record QuestionProgress(
        Envelope envelope,
        Stage stage,
        ProgressStatus status,
        String message,
        long elapsedMs,
        Clarification clarification,
        ModelUsage usage) implements Event {

    public QuestionProgress {
        Require.present(envelope, "envelope");
        Require.present(stage, "stage");
        Require.present(status, "status");
        if (message == null) {
            message = "";
        }
    }

    public QuestionProgress(Envelope envelope, Stage stage, ProgressStatus status, String message, long elapsedMs,
                            Clarification clarification) {
        this(envelope, stage, status, message, elapsedMs, clarification, null);
    }

    public static QuestionProgress of(Envelope envelope, Stage stage, ProgressStatus status, String message, long elapsedMs) {
        return new QuestionProgress(envelope, stage, status, message, elapsedMs, null);
    }
}
