package io.kurobe.stage;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProgressProducerTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }

    @Test
    void theProgressProducerTakesTheChannelsProducerSettings() {
        Map<String, Object> settings = ProgressProducer.settings(config(Map.of(
                "kafka.bootstrap.servers", "broker-a:9092",
                "mp.messaging.connector.smallrye-kafka.acks", "1",
                "mp.messaging.connector.smallrye-kafka.linger.ms", "2",
                "mp.messaging.connector.smallrye-kafka.security.protocol", "SASL_SSL",
                "mp.messaging.connector.smallrye-kafka.max.poll.records", "20",
                "mp.messaging.connector.smallrye-kafka.value.serializer", "org.example.Other")));
        assertEquals("broker-a:9092", settings.get("bootstrap.servers"));
        assertEquals("1", settings.get("acks"));
        assertEquals("2", settings.get("linger.ms"));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertEquals("true", settings.get("enable.idempotence"));
        assertFalse(settings.containsKey("max.poll.records"), "a consumer setting is not a producer's");
        assertEquals(StringSerializer.class.getName(), settings.get("value.serializer"));
    }

    @Test
    void withoutIdempotenceOneRequestIsInFlightSoAQuestionsEventsKeepTheirOrder() {
        Map<String, Object> settings = ProgressProducer.settings(config(Map.of(
                "mp.messaging.connector.smallrye-kafka.enable.idempotence", "false")));
        assertEquals("1", settings.get("max.in.flight.requests.per.connection"));
        assertFalse(ProgressProducer.settings(config(Map.of())).containsKey("max.in.flight.requests.per.connection"));
    }

    @Test
    void withoutSettingsTheProducerWaitsForEveryReplicaAndSendsAtOnce() {
        Map<String, Object> settings = ProgressProducer.settings(config(Map.of()));
        assertEquals("localhost:9092", settings.get("bootstrap.servers"));
        assertEquals("all", settings.get("acks"));
        assertEquals("true", settings.get("enable.idempotence"));
        assertEquals("0", settings.get("linger.ms"));
    }
}
