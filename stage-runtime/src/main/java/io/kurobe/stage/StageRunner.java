package io.kurobe.stage;

import io.kurobe.model.Clarification;
import io.kurobe.model.Envelope;
import io.kurobe.model.Event;
import io.kurobe.model.EventJson;
import io.kurobe.model.Failure;
import io.kurobe.model.InvalidEventException;
import io.kurobe.model.ModelUsage;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.ProgressStatus;
import io.kurobe.model.QuestionProgress;
import io.kurobe.model.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one stage's step for one record: read the event, report STARTED, decide, report DONE and
 * pass the result on; or report FAILED and publish the failure on panels.ready so that web and
 * batch askers both learn the end. A record that cannot be read is thrown back, which sends it
 * to the channel's dead-letter topic.
 */
@ApplicationScoped
public class StageRunner {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @Channel("panels-ready")
    MutinyEmitter<String> panels;

    @Inject
    ProgressProducer progress;

    @Inject
    MeterRegistry registry;

    Clock clock = Clock.systemUTC();

    public <I extends Event, O extends Event> void run(Stage stage, ConsumerRecord<String, String> record,
                                                       Class<I> type, Function<I, Decision<O>> step,
                                                       MutinyEmitter<String> next) {
        I input = read(stage, record, type);
        Envelope envelope = input.envelope();
        Instant started = clock.instant();
        if (envelope.expiredAt(started)) {
            fail(stage, envelope, started, new Failure("DEADLINE_EXCEEDED",
                    "The question's deadline passed before the " + stage.name().toLowerCase() + " stage could start."));
            return;
        }
        // STARTED is not waited for here: it shares its partition and producer with the notes and the end of the
        // step, which follow it in that order
        QuestionProgress startedEvent = QuestionProgress.of(envelope.next(started), stage, ProgressStatus.STARTED,
                "", 0);
        Future<RecordMetadata> startedSent = progress.send(startedEvent);
        Decision<O> decision;
        try {
            decision = step.apply(input);
        } catch (RuntimeException e) {
            LOG.errorf(e, "question %s: %s stage failed", envelope.questionId(), stage);
            decision = Decision.fail("STAGE_ERROR", stage.name().toLowerCase() + " stage error: " + e.getMessage());
        }
        finish(stage, envelope, started, clock.instant(), decision, next);
        ProgressProducer.await(startedSent, startedEvent, SEND_TIMEOUT);
    }

    private <O extends Event> void finish(Stage stage, Envelope envelope, Instant started, Instant now,
                                          Decision<O> decision, MutinyEmitter<String> next) {
        long elapsed = Duration.between(started, now).toMillis();
        if (decision instanceof Decision.Forward<O> forward) {
            report(new QuestionProgress(envelope.next(now), stage, ProgressStatus.DONE, forward.message(), elapsed,
                    null, forward.usage()));
            await(KeyedSender.send(next, forward.event()));
            timer(stage, "done").record(Duration.ofMillis(elapsed));
        } else if (decision instanceof Decision.Fail<O> fail) {
            fail(stage, envelope, started, now, fail.failure(), fail.usage());
        } else if (decision instanceof Decision.Clarify<O> clarify) {
            report(new QuestionProgress(envelope.next(now), stage, ProgressStatus.NEEDS_CLARIFICATION,
                    clarify.clarification().question(), elapsed, clarify.clarification(), clarify.usage()));
            // A batch asker reads only panels.ready: it learns here that this question ends with a question back.
            await(KeyedSender.send(panels, new PanelsReady(envelope.next(now), null, null, List.of(),
                    clarificationEnd(clarify.clarification()), false)));
            timer(stage, "clarify").record(Duration.ofMillis(elapsed));
        }
    }

    /** The end of a question that needs its asker: the clarifying question and its options, as an error code. */
    static Failure clarificationEnd(Clarification clarification) {
        String options = clarification.options().isEmpty() ? ""
                : " Options: " + String.join(" | ", clarification.options()) + ".";
        return new Failure(Failure.NEEDS_CLARIFICATION, clarification.question() + options
                + " Answer by asking again in the same conversation.");
    }

    private void fail(Stage stage, Envelope envelope, Instant started, Failure failure) {
        fail(stage, envelope, started, clock.instant(), failure, null);
    }

    private void fail(Stage stage, Envelope envelope, Instant started, Instant now, Failure failure, ModelUsage usage) {
        long elapsed = Duration.between(started, now).toMillis();
        report(new QuestionProgress(envelope.next(now), stage, ProgressStatus.FAILED, failure.message(), elapsed,
                null, usage));
        await(KeyedSender.send(panels, new PanelsReady(envelope.next(now), null, null, List.of(), failure, false)));
        timer(stage, "failed").record(Duration.ofMillis(elapsed));
    }

    private <I extends Event> I read(Stage stage, ConsumerRecord<String, String> record, Class<I> type) {
        try {
            return EventJson.read(record.value(), type);
        } catch (InvalidEventException e) {
            registry.counter("kurobe.stage.dead.letters", "stage", stage.name().toLowerCase()).increment();
            LOG.warnf("%s: record %s-%d@%d goes to the dead-letter topic: %s", stage, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            if (record.key() != null && !record.key().isBlank()) {
                Envelope unknown = new Envelope(record.key(), "unknown", null, "unknown", null, clock.instant(), null, 1);
                fail(stage, unknown, clock.instant(), new Failure("MALFORMED_EVENT",
                        "The " + stage.name().toLowerCase() + " stage could not read this question's event: "
                                + e.getMessage()));
            }
            throw e;
        }
    }

    /** The event that ends this stage's step, acknowledged before anything that follows it is sent. */
    private void report(QuestionProgress event) {
        progress.sendAndAwait(event, SEND_TIMEOUT);
    }

    private Timer timer(Stage stage, String outcome) {
        return Timer.builder("kurobe.stage.duration")
                .tag("stage", stage.name().toLowerCase())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    private static void await(Uni<Void> sent) {
        sent.await().atMost(SEND_TIMEOUT);
    }
}
