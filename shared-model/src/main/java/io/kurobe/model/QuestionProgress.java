package io.kurobe.model;

/** Topic question.progress: a stage started, finished, failed or needs the asker. */
public record QuestionProgress(
        Envelope envelope,
        Stage stage,
        ProgressStatus status,
        String message,
        long elapsedMs,
        Clarification clarification) implements Event {

    public QuestionProgress {
        Require.present(envelope, "envelope");
        Require.present(stage, "stage");
        Require.present(status, "status");
        if (message == null) {
            message = "";
        }
    }

    public static QuestionProgress of(Envelope envelope, Stage stage, ProgressStatus status, String message, long elapsedMs) {
        return new QuestionProgress(envelope, stage, status, message, elapsedMs, null);
    }
}
