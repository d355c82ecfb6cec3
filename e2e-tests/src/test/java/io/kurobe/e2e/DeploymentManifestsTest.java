package io.kurobe.e2e;

import io.kurobe.model.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * k8s/ and deploy/ against the services they run: the Deployments, topics, scalers and the compose file must say
 * what each module's application.properties says (ports, consumer groups, topics, config keys), and no secret may
 * be committed. Each test collects every disagreement it finds and fails listing them all.
 */
class DeploymentManifestsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    static final Pattern MAPPING_PREFIX = Pattern.compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)");
    /** A method of a @ConfigMapping interface itself (four spaces in), not of an interface nested in it. */
    static final Pattern MAPPING_METHOD = Pattern.compile("(?m)^ {4}(?:default )?[\\w.<>, ?]+ (\\w+)\\(\\);");
    static final Pattern DOCUMENTED_VARIABLE = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]*)`");
    static final String CONFIG_MOUNT = "/deployments/config";

    static List<String> services;
    static List<Manifest> k8s;
    static Map<String, Object> compose;

    record Manifest(Path file, Map<String, Object> body) {
        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return string(body, "metadata", "name");
        }
    }

    @BeforeAll
    static void load() throws IOException {
        services = serviceModules();
        k8s = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : yamlDocuments(file)) {
                    if (document instanceof Map<?, ?> body && body.get("kind") != null) {
                        k8s.add(new Manifest(file, cast(body)));
                    }
                }
            }
        }
        compose = cast(yamlDocuments(ROOT.resolve("deploy/compose.yaml")).get(0));
        assertFalse(services.isEmpty(), "no service module (a module with quarkus-maven-plugin) under " + ROOT);
    }

    @Test
    void everyServiceModuleHasADeploymentAServiceADisruptionBudgetAndAComposeService() {
        List<String> problems = new ArrayList<>();
        for (String module : services) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget")) {
                if (find(kind, module).isEmpty()) {
                    problems.add(module + ": no " + kind + " in k8s/base");
                }
            }
            find("Deployment", module).ifPresent(deployment -> {
                String image = string(container(deployment), "image");
                if (!("kurobe/" + module).equals(image)) {
                    problems.add(module + ": Deployment runs image " + image + ", expected kurobe/" + module);
                }
            });
            if (composeService(module) == null) {
                problems.add(module + ": no service in deploy/compose.yaml");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void portsAreTheModulesHttpPorts() {
        List<String> problems = new ArrayList<>();
        for (String module : services) {
            int port = Integer.parseInt(properties(module).getProperty("quarkus.http.port"));
            find("Deployment", module).ifPresent(deployment -> {
                Map<String, Object> container = container(deployment);
                Map<String, Object> http = list(container, "ports").stream().map(DeploymentManifestsTest::cast)
                        .filter(p -> "http".equals(p.get("name"))).findFirst().orElse(Map.of());
                if (!Objects.equals(http.get("containerPort"), port)) {
                    problems.add(module + ": containerPort 'http' is " + http.get("containerPort")
                            + ", quarkus.http.port is " + port);
                }
                String scraped = string(deployment.body(), "spec", "template", "metadata", "annotations",
                        "prometheus.io/port");
                if (!String.valueOf(port).equals(scraped)) {
                    problems.add(module + ": prometheus.io/port is " + scraped + ", quarkus.http.port is " + port);
                }
            });
            find("Service", module).ifPresent(service -> {
                Map<String, Object> first = cast(list(service.body(), "spec", "ports").get(0));
                if (!Objects.equals(first.get("port"), port) || !"http".equals(first.get("targetPort"))) {
                    problems.add(module + ": Service port " + first.get("port") + " -> " + first.get("targetPort")
                            + ", expected " + port + " -> http");
                }
            });
            Map<String, Object> service = composeService(module);
            if (service != null) {
                List<Object> ports = list(service, "ports");
                if (!ports.equals(List.of(port + ":" + port))) {
                    problems.add(module + ": compose publishes " + ports + ", expected [" + port + ":" + port + "]");
                }
                String health = String.join(" ", strings(list(service, "healthcheck", "test")));
                if (!health.contains("/" + port + " ") || !health.contains("/q/health/ready")) {
                    problems.add(module + ": compose healthcheck does not ask :" + port + "/q/health/ready: " + health);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void probesAndMetricsUseEndpointsTheServiceHas() {
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = Map.of("startupProbe", "/q/health/live", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        for (String module : services) {
            String poms = modulePoms(module);
            if (!poms.contains("<artifactId>quarkus-smallrye-health</artifactId>")) {
                problems.add(module + ": probes need quarkus-smallrye-health, which neither it nor its Kurobe"
                        + " dependencies bring");
            }
            if (!poms.contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>")) {
                problems.add(module + ": /q/metrics needs quarkus-micrometer-registry-prometheus");
            }
            find("Deployment", module).ifPresent(deployment -> {
                Map<String, Object> container = container(deployment);
                expected.forEach((probe, path) -> {
                    String actual = string(container, probe, "httpGet", "path");
                    Object port = get(container, probe, "httpGet", "port");
                    if (!path.equals(actual) || !"http".equals(port)) {
                        problems.add(module + ": " + probe + " asks " + actual + " on port " + port + ", expected "
                                + path + " on port http");
                    }
                });
                String metrics = string(deployment.body(), "spec", "template", "metadata", "annotations",
                        "prometheus.io/path");
                if (!"/q/metrics".equals(metrics)) {
                    problems.add(module + ": prometheus.io/path is " + metrics + ", Quarkus serves /q/metrics");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void containersRunAsNonRootOnAReadOnlyRootWithResources() throws IOException {
        List<String> problems = new ArrayList<>();
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(read("deploy/docker/Dockerfile.jvm"));
        Object imageUser = user.find() ? Integer.parseInt(user.group(1)) : "none";
        for (String module : services) {
            find("Deployment", module).ifPresent(deployment -> {
                Map<String, Object> pod = cast(get(deployment.body(), "spec", "template", "spec"));
                if (!Boolean.TRUE.equals(get(pod, "securityContext", "runAsNonRoot"))
                        || !Objects.equals(get(pod, "securityContext", "runAsUser"), imageUser)) {
                    problems.add(module + ": the pod must run as non-root user " + imageUser
                            + " (the Dockerfile's USER)");
                }
                List<Object> containers = new ArrayList<>(list(pod, "containers"));
                containers.addAll(list(pod, "initContainers"));
                for (Object each : containers) {
                    Map<String, Object> container = cast(each);
                    String name = module + "/" + container.get("name");
                    if (!Boolean.TRUE.equals(get(container, "securityContext", "readOnlyRootFilesystem"))) {
                        problems.add(name + ": root file system is not read-only");
                    }
                    boolean tmp = list(container, "volumeMounts").stream().map(DeploymentManifestsTest::cast)
                            .anyMatch(m -> "/tmp".equals(m.get("mountPath")));
                    if (!tmp) {
                        problems.add(name + ": no writable /tmp volume (java.io.tmpdir)");
                    }
                    for (String bound : List.of("requests", "limits")) {
                        if (get(container, "resources", bound, "memory") == null) {
                            problems.add(name + ": no memory " + bound);
                        }
                    }
                    if (get(container, "resources", "requests", "cpu") == null) {
                        problems.add(name + ": no cpu request");
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTopicHasAKafkaTopicWithADeadLetterTopicAndExamplesIsCompacted() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> topics = kafkaTopics();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetter(topic))) {
                if (!topics.containsKey(name)) {
                    problems.add("no KafkaTopic for " + name);
                }
            }
        }
        // the services create every missing topic with these numbers, so a KafkaTopic saying otherwise would
        // meet a topic it cannot shrink or re-replicate
        Map<String, String> config = envFile(ROOT.resolve("k8s/base/config.env"));
        Map<String, String> expected = Map.of("partitions", config.get("KUROBE_KAFKA_PARTITIONS"),
                "replicas", config.get("KUROBE_KAFKA_REPLICATION_FACTOR"));
        topics.forEach((name, topic) -> expected.forEach((field, value) -> {
            if (!value.equals(string(topic, "spec", field))) {
                problems.add(name + " has " + field + " " + string(topic, "spec", field) + ", the services create"
                        + " topics with " + value + " (k8s/base/config.env)");
            }
        }));
        Map<String, Object> examples = topics.get(Topics.EXAMPLES);
        if (examples == null || !"compact".equals(get(examples, "spec", "config", "cleanup.policy"))) {
            problems.add("the " + Topics.EXAMPLES + " topic needs a KafkaTopic with cleanup.policy=compact");
        }
        for (String module : services) {
            Properties properties = properties(module);
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.") && (key.endsWith(".topic") || key.endsWith(".dead-letter-queue.topic"))
                        && !topics.containsKey(properties.getProperty(key))) {
                    problems.add(module + ": " + key + "=" + properties.getProperty(key) + " has no KafkaTopic");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void eachStageScalesOnItsOwnConsumerGroupAndTopicWithinThePartitions() {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> topics = kafkaTopics();
        String bootstrap = envFile(ROOT.resolve("k8s/base/config.env")).get("KAFKA_BOOTSTRAP_SERVERS");
        String namespace = string(find("Namespace", "kurobe").orElseThrow().body(), "metadata", "name");
        String qualified = bootstrap.replaceFirst(":", "." + namespace + ".svc:");
        for (String module : services.stream().filter(m -> m.endsWith("-stage")).toList()) {
            Map<String, String> incoming = incomingChannel(module);
            int partitions = (Integer) get(topics.getOrDefault(incoming.get("topic"), Map.of("spec",
                    Map.of("partitions", 0))), "spec", "partitions");
            List<Manifest> scaled = k8s.stream()
                    .filter(m -> "ScaledObject".equals(m.kind()) && module.equals(string(m.body(), "spec", "scaleTargetRef", "name")))
                    .toList();
            if (scaled.size() != 1) {
                problems.add(module + ": " + scaled.size() + " KEDA ScaledObjects, expected one");
            }
            for (Manifest scaledObject : scaled) {
                Map<String, Object> trigger = cast(list(scaledObject.body(), "spec", "triggers").get(0));
                Map<String, Object> metadata = cast(trigger.get("metadata"));
                expect(problems, module + ": ScaledObject trigger type", "kafka", trigger.get("type"));
                expect(problems, module + ": ScaledObject consumerGroup (group.id of its incoming channel)",
                        incoming.get("group.id"), metadata.get("consumerGroup"));
                expect(problems, module + ": ScaledObject topic (topic of its incoming channel)",
                        incoming.get("topic"), metadata.get("topic"));
                expect(problems, module + ": ScaledObject bootstrapServers", qualified, metadata.get("bootstrapServers"));
                replicasWithin(problems, module + ": ScaledObject maxReplicaCount", scaledObject.body().get("spec"),
                        "maxReplicaCount", partitions, incoming.get("topic"));
            }
            k8s.stream().filter(m -> "HorizontalPodAutoscaler".equals(m.kind()) && m.name().equals(module))
                    .forEach(hpa -> replicasWithin(problems, module + ": HPA maxReplicas in " + ROOT.relativize(hpa.file()),
                            hpa.body().get("spec"), "maxReplicas", partitions, incoming.get("topic")));
            for (Manifest kustomization : kustomizations()) {
                for (Object entry : list(kustomization.body(), "replicas")) {
                    Map<String, Object> replicas = cast(entry);
                    if (module.equals(replicas.get("name"))) {
                        replicasWithin(problems, module + ": replicas in " + ROOT.relativize(kustomization.file()),
                                replicas, "count", partitions, incoming.get("topic"));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyTheServiceReadsAndIsDocumented() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        DOCUMENTED_VARIABLE.matcher(read("docs/deploy.md")).results().forEach(m -> documented.add(m.group(1)));
        Set<String> mounted = new TreeSet<>();
        for (Path file : mountedProperties()) {
            EXPRESSION.matcher(Files.readString(file)).results().forEach(m -> mounted.add(m.group(1)));
        }
        Map<String, String> config = envFile(ROOT.resolve("k8s/base/config.env"));
        for (String module : services) {
            Set<String> readable = readableVariables(module);
            Map<String, String> where = new LinkedHashMap<>();
            find("Deployment", module).ifPresent(deployment -> {
                for (Object each : list(container(deployment), "env")) {
                    Map<String, Object> env = cast(each);
                    String name = (String) env.get("name");
                    where.put(name, "Deployment");
                    String configKey = string(env, "valueFrom", "configMapKeyRef", "key");
                    if (configKey != null && !config.containsKey(configKey)) {
                        problems.add(module + ": " + name + " comes from kurobe-config key " + configKey
                                + ", which k8s/base/config.env does not set");
                    }
                }
            });
            Map<String, Object> service = composeService(module);
            if (service != null) {
                cast(service.getOrDefault("environment", Map.of())).keySet().forEach(name -> where.putIfAbsent(name, "compose"));
            }
            where.forEach((name, source) -> {
                if (!readable.contains(name) && !mounted.contains(name)) {
                    problems.add(module + " (" + source + "): " + name + " is no config key " + module
                            + " reads and no ${" + name + "} of a mounted application.properties");
                }
                if (!documented.contains(name)) {
                    problems.add(module + " (" + source + "): " + name + " is not in docs/deploy.md's table");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void secretsOfTheMountedConfigurationReachTheServicesThatReadThem() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : mountedProperties()) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#") || !line.contains("${")) {
                    continue;
                }
                String dependency = line.startsWith("kurobe.llm.") ? "llm" : line.startsWith("kurobe.crypto.") ? "data-plane" : null;
                if (dependency == null) {
                    problems.add(ROOT.relativize(file) + ": " + line + " reads the environment outside kurobe.llm/kurobe.crypto");
                    continue;
                }
                List<String> variables = EXPRESSION.matcher(line).results().map(m -> m.group(1)).toList();
                for (String module : services) {
                    if (!kurobeDependencies(module).contains(dependency)) {
                        continue;
                    }
                    Set<String> deployment = find("Deployment", module).map(d -> envNames(container(d))).orElse(Set.of());
                    Map<String, Object> service = composeService(module);
                    Set<String> composed = service == null ? Set.of() : cast(service.getOrDefault("environment", Map.of())).keySet();
                    for (String variable : variables) {
                        if (file.startsWith(ROOT.resolve("k8s")) && !deployment.contains(variable)) {
                            problems.add(module + ": its Deployment lacks " + variable + " for " + ROOT.relativize(file));
                        }
                        if (file.startsWith(ROOT.resolve("deploy")) && !composed.contains(variable)) {
                            problems.add(module + ": its compose service lacks " + variable + " for " + ROOT.relativize(file));
                        }
                    }
                }
            }
        }
        for (String module : services) {
            find("Deployment", module).ifPresent(deployment -> {
                boolean mountedConfig = list(container(deployment), "volumeMounts").stream().map(DeploymentManifestsTest::cast)
                        .anyMatch(m -> CONFIG_MOUNT.equals(m.get("mountPath")));
                if (!mountedConfig) {
                    problems.add(module + ": kurobe-application-properties is not mounted at " + CONFIG_MOUNT);
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noSecretValueIsCommitted() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : k8s) {
            if ("Secret".equals(manifest.kind()) && (manifest.body().get("data") != null || manifest.body().get("stringData") != null)) {
                problems.add(ROOT.relativize(manifest.file()) + ": Secret " + manifest.name() + " carries values");
            }
        }
        String ignored = read("k8s/.gitignore");
        for (Manifest kustomization : kustomizations()) {
            Path dir = kustomization.file().getParent();
            for (Object each : list(kustomization.body(), "secretGenerator")) {
                Map<String, Object> generator = cast(each);
                if (generator.containsKey("literals") || generator.containsKey("files")) {
                    problems.add(ROOT.relativize(kustomization.file()) + ": secretGenerator with literals or files");
                }
                for (String env : strings(list(generator, "envs"))) {
                    if (!ignored.lines().anyMatch(env::equals)) {
                        problems.add(ROOT.relativize(dir.resolve(env)) + " is not ignored by k8s/.gitignore");
                    }
                    if (!Files.exists(dir.resolve(env + ".example"))) {
                        problems.add(ROOT.relativize(dir.resolve(env)) + " has no .example template");
                    }
                }
            }
        }
        if (!read("deploy/.gitignore").lines().anyMatch("env/*.env"::equals)) {
            problems.add("deploy/.gitignore does not ignore env/*.env");
        }
        Set<String> secretNames = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("k8s")), Files.walk(ROOT.resolve("deploy")))) {
            for (Path template : files.filter(f -> f.toString().endsWith(".env.example")).toList()) {
                envFile(template).forEach((name, value) -> {
                    secretNames.add(name);
                    if (!value.isEmpty()) {
                        problems.add(ROOT.relativize(template) + ": " + name + " has a value; templates stay empty");
                    }
                });
            }
        }
        for (String module : services) {
            Map<String, Object> service = composeService(module);
            Map<String, Object> environment = service == null ? Map.of() : cast(service.getOrDefault("environment", Map.of()));
            environment.forEach((name, value) -> {
                if (secretNames.contains(name) && !String.valueOf(value).matches("\\$\\{" + name + "(:[?-][^}]*)?}")) {
                    problems.add(module + " (compose): secret " + name + " must be ${" + name + "...} from env/secrets.env");
                }
            });
            find("Deployment", module).ifPresent(deployment -> {
                for (Object each : list(container(deployment), "env")) {
                    Map<String, Object> env = cast(each);
                    if (secretNames.contains(env.get("name")) && get(env, "valueFrom", "secretKeyRef") == null) {
                        problems.add(module + ": secret " + env.get("name") + " must come from a secretKeyRef");
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void composeRunsEachServiceFromItsModuleWithTheKubernetesEnvironment() throws IOException {
        List<String> problems = new ArrayList<>();
        String dockerfile = read("deploy/docker/Dockerfile.jvm");
        for (String required : List.of("FROM eclipse-temurin:17-jre", "ARG MODULE",
                "${MODULE}/target/quarkus-app/", "/deployments/quarkus-run.jar")) {
            if (!dockerfile.contains(required)) {
                problems.add("deploy/docker/Dockerfile.jvm lacks " + required);
            }
        }
        for (String module : services) {
            Map<String, Object> service = composeService(module);
            if (service == null) {
                continue;
            }
            expect(problems, module + " (compose): build.args.MODULE", module, get(service, "build", "args", "MODULE"));
            expect(problems, module + " (compose): build.dockerfile", "deploy/docker/Dockerfile.jvm",
                    get(service, "build", "dockerfile"));
            Set<String> composed = new TreeSet<>(cast(service.getOrDefault("environment", Map.of())).keySet());
            find("Deployment", module).ifPresent(deployment -> expect(problems,
                    module + ": compose environment against the Deployment's", new TreeSet<>(envNames(container(deployment))), composed));
        }
        Map<String, Object> kafka = composeService("kafka");
        String advertised = kafka == null ? null : string(kafka, "environment", "KAFKA_ADVERTISED_LISTENERS");
        for (String module : services) {
            Map<String, Object> service = composeService(module);
            String bootstrap = service == null ? null : string(service, "environment", "KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null || advertised == null || !advertised.endsWith("://" + bootstrap)) {
                problems.add(module + " (compose): KAFKA_BOOTSTRAP_SERVERS " + bootstrap + " is not the broker's "
                        + "advertised listener " + advertised);
            }
        }
        assertEquals(List.of(), problems);
    }

    // --- the modules ---------------------------------------------------------------------------------------------

    static List<String> serviceModules() throws IOException {
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
        List<String> found = new ArrayList<>();
        while (modules.find()) {
            Path module = ROOT.resolve(modules.group(1));
            if (Files.exists(module.resolve("src/main/resources/application.properties"))
                    && Files.readString(module.resolve("pom.xml")).contains("<artifactId>quarkus-maven-plugin</artifactId>")) {
                found.add(modules.group(1));
            }
        }
        return found;
    }

    static Properties properties(String module) {
        return load(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** The group.id and topic of a stage's one incoming channel. */
    static Map<String, String> incomingChannel(String module) {
        Properties properties = properties(module);
        Set<String> channels = properties.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.incoming."))
                .map(k -> k.split("\\.")[3]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(1, channels.size(), module + " should read one channel: " + channels);
        String prefix = "mp.messaging.incoming." + channels.iterator().next() + ".";
        return Map.of("group.id", properties.getProperty(prefix + "group.id"), "topic", properties.getProperty(prefix + "topic"));
    }

    /** The Kurobe modules a module depends on at run time, transitively. */
    static Set<String> kurobeDependencies(String module) {
        Set<String> found = new LinkedHashSet<>();
        Matcher dependency = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(uncheckedRead(module + "/pom.xml"));
        while (dependency.find()) {
            String body = dependency.group(1);
            Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(body);
            if (body.contains("<groupId>io.kurobe</groupId>") && !body.contains("<scope>test</scope>")
                    && !body.contains("<type>test-jar</type>") && artifact.find() && found.add(artifact.group(1))) {
                found.addAll(kurobeDependencies(artifact.group(1)));
            }
        }
        return found;
    }

    static String modulePoms(String module) {
        StringBuilder poms = new StringBuilder(uncheckedRead(module + "/pom.xml"));
        kurobeDependencies(module).forEach(dependency -> poms.append(uncheckedRead(dependency + "/pom.xml")));
        return poms.toString();
    }

    /**
     * The environment variables a module reads: the Quarkus names of every key in its application.properties and its
     * Kurobe dependencies' defaults (profile prefixes dropped), of every key of their @ConfigMapping interfaces, and
     * every ${VAR} those properties expand.
     */
    static Set<String> readableVariables(String module) {
        Set<String> variables = new TreeSet<>();
        List<String> modules = new ArrayList<>(List.of(module));
        modules.addAll(kurobeDependencies(module));
        for (String each : modules) {
            Path base = ROOT.resolve(each).resolve("src/main/resources");
            for (Path file : List.of(base.resolve("application.properties"), base.resolve("META-INF/microprofile-config.properties"))) {
                if (!Files.exists(file)) {
                    continue;
                }
                load(file).stringPropertyNames().forEach(key -> variables.add(environmentName(key.replaceFirst("^%[\\w-]+\\.", ""))));
                EXPRESSION.matcher(uncheckedRead(ROOT.relativize(file).toString())).results().forEach(m -> variables.add(m.group(1)));
            }
            variables.addAll(mappingVariables(ROOT.resolve(each).resolve("src/main/java")));
        }
        return variables;
    }

    static Set<String> mappingVariables(Path sources) {
        Set<String> variables = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return variables;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher prefix = MAPPING_PREFIX.matcher(source);
                if (prefix.find()) {
                    MAPPING_METHOD.matcher(source).results().forEach(m -> variables.add(
                            environmentName(prefix.group(1) + "." + m.group(1).replaceAll("([a-z0-9])([A-Z])", "$1-$2"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    /** Quarkus' environment name of a key: every character but letters and digits becomes '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // --- the manifests -------------------------------------------------------------------------------------------

    static java.util.Optional<Manifest> find(String kind, String name) {
        return k8s.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())
                && m.file().startsWith(ROOT.resolve("k8s/base"))).findFirst();
    }

    static List<Manifest> kustomizations() {
        return k8s.stream().filter(m -> "Kustomization".equals(m.kind())).toList();
    }

    static Map<String, Map<String, Object>> kafkaTopics() {
        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        k8s.stream().filter(m -> "KafkaTopic".equals(m.kind()))
                .forEach(m -> topics.put(Objects.requireNonNullElse(string(m.body(), "spec", "topicName"), m.name()), m.body()));
        return topics;
    }

    static List<Path> mountedProperties() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Stream.concat(Files.walk(ROOT.resolve("k8s")), Files.walk(ROOT.resolve("deploy")))) {
            paths.filter(p -> p.getFileName().toString().equals("application.properties")).sorted().forEach(files::add);
        }
        return files;
    }

    static Map<String, Object> container(Manifest deployment) {
        return cast(list(deployment.body(), "spec", "template", "spec", "containers").get(0));
    }

    static Set<String> envNames(Map<String, Object> container) {
        return list(container, "env").stream().map(e -> (String) cast(e).get("name")).collect(Collectors.toCollection(TreeSet::new));
    }

    static Map<String, Object> composeService(String name) {
        Object service = get(compose, "services", name);
        return service == null ? null : cast(service);
    }

    static void replicasWithin(List<String> problems, String what, Object spec, String field, int partitions, String topic) {
        Object replicas = spec instanceof Map<?, ?> map ? map.get(field) : null;
        if (!(replicas instanceof Integer count) || count > partitions) {
            problems.add(what + " is " + replicas + ", more than the " + partitions + " partitions of " + topic);
        }
    }

    static void expect(List<String> problems, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(what + " is " + actual + ", expected " + expected);
        }
    }

    // --- reading -------------------------------------------------------------------------------------------------

    static List<Object> yamlDocuments(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml(new LoaderOptions()).loadAll(reader).forEach(documents::add);
        }
        return documents;
    }

    static Map<String, String> envFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        uncheckedRead(ROOT.relativize(file).toString()).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                .forEach(line -> values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return values;
    }

    static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    static String uncheckedRead(String path) {
        try {
            return read(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object value = get(node, path);
        return value == null ? null : String.valueOf(value);
    }

    static List<Object> list(Object node, String... path) {
        return get(node, path) instanceof List<?> list ? List.copyOf(list) : List.of();
    }

    static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }
}
