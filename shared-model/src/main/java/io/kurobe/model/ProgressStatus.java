package io.kurobe.model;

public enum ProgressStatus {
    STARTED, DONE, NEEDS_CLARIFICATION, FAILED;

    /** Whether no more progress follows for the question from this stage. */
    public boolean ends() {
        return this != STARTED;
    }
}
