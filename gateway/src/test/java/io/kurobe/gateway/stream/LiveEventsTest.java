package io.kurobe.gateway.stream;

import io.kurobe.gateway.support.Pipeline;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveEventsTest {
    private static final String TENANT = "0b6c1d2e-3f40-4a51-b627-38495a6b7c8d";

    private final LiveEvents live = new LiveEvents();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    LiveEventsTest() {
        live.config = new StreamConfig() {
            @Override
            public Duration answerGrace() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration clarificationWait() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration retention() {
                return Duration.ofSeconds(60);
            }
        };
        live.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    static StreamMessage started(String id, Stage stage) {
        return StreamMessage.progress(Pipeline.progress(id, TENANT, stage, ProgressStatus.STARTED));
    }

    @Test
    void aSubscriberGetsWhatWasKeptThenWhatFollows() {
        live.publish(started("q1", Stage.INTENT));
        List<StreamMessage> received = new ArrayList<>();
        List<StreamMessage> kept = live.subscribe("q1", received::add);
        live.publish(started("q1", Stage.SCHEMA));
        live.publish(started("q2", Stage.SCHEMA));

        assertEquals(1, kept.size());
        assertEquals(1, received.size());
        assertEquals(Stage.SCHEMA, ((QuestionProgress) received.get(0).event()).stage());
        assertEquals("q1", received.get(0).questionId());
    }

    @Test
    void forgetsQuietQuestionsNobodyFollowsAfterTheRetention() {
        live.publish(started("quiet", Stage.INTENT));
        List<StreamMessage> received = new ArrayList<>();
        live.subscribe("followed", received::add);
        now = now.plusSeconds(61);
        live.sweep();
        assertEquals(1, live.size());
        assertEquals(0, live.subscribe("quiet", message -> { }).size());
    }

    @Test
    void keepsRecentQuestionsForLateSubscribers() {
        live.publish(started("recent", Stage.INTENT));
        now = now.plusSeconds(30);
        live.sweep();
        assertEquals(1, live.subscribe("recent", message -> { }).size());
    }
}
