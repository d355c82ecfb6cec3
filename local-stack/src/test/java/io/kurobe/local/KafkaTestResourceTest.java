package io.kurobe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

    @Test
    void givesTheBootstrapOfARunningBrokerAndStopsIt() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of("partitions", "2"));
        Map<String, String> config = resource.start();
        String bootstrap = config.get("kafka.bootstrap.servers");
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertEquals(1, admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size());
        } finally {
            resource.stop();
        }
        assertFalse(Ports.accepts(Ports.LOOPBACK, port, 500));
        assertTrue(Ports.isBindable(port));
    }
}
