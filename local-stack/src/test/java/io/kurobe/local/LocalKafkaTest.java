package io.kurobe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {

    @TempDir
    Path dir;

    @Test
    void brokerCarriesARecordFromProducerToConsumerAndStops() throws Exception {
        LocalKafka kafka = LocalKafka.start(dir, 0, 3);
        try {
            String topic = "local-stack-" + UUID.randomUUID();
            String value = "hello " + UUID.randomUUID();
            RecordMetadata written;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                written = producer.send(new ProducerRecord<>(topic, "q-1", value)).get();
            }
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                Instant deadline = Instant.now().plusSeconds(30);
                while (read.isEmpty() && Instant.now().isBefore(deadline)) {
                    consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                }
            }
            assertEquals(1, read.size());
            assertEquals("q-1", read.get(0).key());
            assertEquals(value, read.get(0).value());
            assertEquals(written.partition(), read.get(0).partition());
        } finally {
            kafka.close();
        }
        assertFalse(kafka.isAlive());
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> LocalKafka.start(dir, taken.getLocalPort()));
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
    }
}
