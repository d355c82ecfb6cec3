package io.kurobe.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every JSON example of docs/events.md must read as the event of its topic. */
class EventsDocTest {
    private static final Map<String, Class<? extends Event>> BY_TOPIC = new LinkedHashMap<>();

    static {
        BY_TOPIC.put(Topics.QUESTION_RECEIVED, QuestionReceived.class);
        BY_TOPIC.put(Topics.INTENT_VALIDATED, IntentValidated.class);
        BY_TOPIC.put(Topics.SCHEMA_LINKED, SchemaLinked.class);
        BY_TOPIC.put(Topics.CANDIDATES_GENERATED, CandidatesGenerated.class);
        BY_TOPIC.put(Topics.CANDIDATE_SELECTED, CandidateSelected.class);
        BY_TOPIC.put(Topics.PANELS_READY, PanelsReady.class);
        BY_TOPIC.put(Topics.QUESTION_PROGRESS, QuestionProgress.class);
    }

    @Test
    void everyTopicHasAnExampleThatReadsAsItsEvent() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        Matcher sections = Pattern.compile("(?m)^## ([a-z.]+)").matcher(doc);
        List<int[]> bounds = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        while (sections.find()) {
            topics.add(sections.group(1));
            bounds.add(new int[]{sections.end(), doc.length()});
        }
        for (int i = 0; i + 1 < bounds.size(); i++) {
            bounds.get(i)[1] = bounds.get(i + 1)[0];
        }
        for (String topic : BY_TOPIC.keySet()) {
            int index = topics.indexOf(topic);
            assertFalse(index < 0, "docs/events.md has no section for " + topic);
            String section = doc.substring(bounds.get(index)[0], bounds.get(index)[1]);
            Matcher json = Pattern.compile("(?s)```json\\n(.*?)```").matcher(section);
            int examples = 0;
            while (json.find()) {
                Event event = EventJson.read(json.group(1), BY_TOPIC.get(topic));
                assertNotNull(event.questionId());
                examples++;
            }
            assertFalse(examples == 0, "no JSON example for " + topic);
        }
        assertEquals(7, BY_TOPIC.size());
    }

    @Test
    void theExamplesTopicHasAnExampleThatReadsAsAQueryExample() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "events.md"));
        int start = doc.indexOf("\n## " + Topics.EXAMPLES + "\n");
        assertFalse(start < 0, "docs/events.md has no section for " + Topics.EXAMPLES);
        Matcher json = Pattern.compile("(?s)```json\\n(.*?)```").matcher(doc.substring(start));
        assertTrue(json.find(), "no JSON example for " + Topics.EXAMPLES);
        QueryExample example = EventJson.read(json.group(1), QueryExample.class);
        assertEquals("demo/demo/" + example.exampleId(), example.key());
        assertEquals(QueryExample.FEEDBACK, example.source());
    }

    @Test
    void anExampleWithoutSqlIsRefusedNamingTheField() {
        InvalidEventException refused = assertThrows(InvalidEventException.class, () -> EventJson.read(
                "{\"exampleId\":\"e1\",\"tenantId\":\"t\",\"connectionId\":\"c\",\"question\":\"q\","
                        + "\"source\":\"bulk\",\"createdAt\":\"2026-11-25T12:00:01Z\"}", QueryExample.class));
        assertTrue(refused.getMessage().contains("sql"), refused.getMessage());
    }
}
