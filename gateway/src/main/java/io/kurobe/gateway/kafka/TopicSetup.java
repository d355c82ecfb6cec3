package io.kurobe.gateway.kafka;

import io.kurobe.model.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the pipeline's topics and dead-letter topics with the configured partition count before
 * the channels start, so that a gateway started before the stages never lets the broker
 * auto-create a topic with one partition.
 */
@ApplicationScoped
public class TopicSetup {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    KafkaTopicsConfig config;

    void onStart(@Observes @Priority(6) StartupEvent start) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(new NewTopic(topic, config.partitions(), config.replicationFactor()));
            topics.add(new NewTopic(Topics.deadLetter(topic), config.partitions(), config.replicationFactor()));
        }
        // the in-context-learning examples: one record per example key, so compaction keeps each example's latest state
        topics.add(new NewTopic(Topics.EXAMPLES, config.partitions(), config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 30 s", e);
                }
            }
        }
    }
}
