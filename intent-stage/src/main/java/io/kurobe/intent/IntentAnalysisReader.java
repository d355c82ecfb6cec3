package io.kurobe.intent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kurobe.model.Clarification;
import io.kurobe.model.IntentClass;
import io.kurobe.model.TimeRange;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the intent model's answer into an {@link IntentAnalysis}, or says why it cannot: one JSON
 * object with exactly the agreed fields, each of its type and within its limits. Anything else
 * (prose, extra fields, a missing class, SQL where a question belongs) is refused, so whatever a
 * question tells the model, only this shape can come out of it.
 */
final class IntentAnalysisReader {
    static final int MAX_ENTITIES = 20;
    static final int MAX_ENTITY_LENGTH = 200;
    static final int MAX_CLARIFICATION_LENGTH = 300;
    static final int MAX_OPTIONS = 6;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    private static final Pattern FENCED = Pattern.compile("^```(?:json)?\\s*(.*?)\\s*```$", Pattern.DOTALL);
    private static final Set<String> FIELDS = Set.of("intent", "standalone_question", "entities", "time_range", "clarification");
    private static final Set<String> TIME_FIELDS = Set.of("from", "until", "text");
    private static final Set<String> CLARIFICATION_FIELDS = Set.of("question", "options");

    /** The answer did not have the agreed shape; the message says where. */
    static final class InvalidAnalysis extends Exception {
        InvalidAnalysis(String message) {
            super(message);
        }
    }

    private final int maxQuestionLength;

    IntentAnalysisReader(int maxQuestionLength) {
        this.maxQuestionLength = maxQuestionLength;
    }

    IntentAnalysis read(String answer) throws InvalidAnalysis {
        JsonNode root = parse(unfenced(answer.strip()));
        if (!root.isObject()) {
            throw new InvalidAnalysis("the answer is not a JSON object");
        }
        onlyFields(root, FIELDS, "the answer");
        IntentClass intent = intent(root.get("intent"));
        String standalone = text(root.get("standalone_question"), "standalone_question", maxQuestionLength);
        List<String> entities = strings(root.get("entities"), "entities", MAX_ENTITIES, MAX_ENTITY_LENGTH, 0);
        TimeRange range = timeRange(root.get("time_range"));
        Clarification clarification = clarification(root.get("clarification"), intent);
        return new IntentAnalysis(intent, standalone, entities, range, clarification);
    }

    private static String unfenced(String answer) {
        Matcher fenced = FENCED.matcher(answer);
        return fenced.matches() ? fenced.group(1) : answer;
    }

    private static JsonNode parse(String json) throws InvalidAnalysis {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidAnalysis("the answer is not one JSON object: " + e.getOriginalMessage());
        }
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) throws InvalidAnalysis {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidAnalysis(where + " has a field the schema does not: " + name);
            }
        }
    }

    private static IntentClass intent(JsonNode node) throws InvalidAnalysis {
        if (node == null || !node.isTextual()) {
            throw new InvalidAnalysis("intent is missing or not a string");
        }
        try {
            return IntentClass.valueOf(node.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidAnalysis("intent is not one of ANSWERABLE, NEEDS_CLARIFICATION, OUT_OF_SCOPE, DATA_CHANGE");
        }
    }

    private static String text(JsonNode node, String field, int maxLength) throws InvalidAnalysis {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new InvalidAnalysis(field + " is missing, empty or not a string");
        }
        String text = node.asText().strip();
        if (text.length() > maxLength) {
            throw new InvalidAnalysis(field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static List<String> strings(JsonNode node, String field, int maxItems, int maxLength, int minItems)
            throws InvalidAnalysis {
        if (node == null || node.isNull()) {
            if (minItems > 0) {
                throw new InvalidAnalysis(field + " is missing");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidAnalysis(field + " is not an array");
        }
        if (node.size() > maxItems || node.size() < minItems) {
            throw new InvalidAnalysis(field + " must hold " + minItems + " to " + maxItems + " items, not " + node.size());
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : node) {
            items.add(text(item, field + " item", maxLength));
        }
        return items;
    }

    private static TimeRange timeRange(JsonNode node) throws InvalidAnalysis {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidAnalysis("time_range is not an object");
        }
        onlyFields(node, TIME_FIELDS, "time_range");
        LocalDate from = date(node.get("from"), "time_range.from");
        LocalDate until = date(node.get("until"), "time_range.until");
        if (from == null && until == null) {
            throw new InvalidAnalysis("time_range has neither from nor until");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidAnalysis("time_range.from is not before time_range.until");
        }
        JsonNode text = node.get("text");
        return new TimeRange(from, until, text == null || text.isNull() ? null
                : IntentAnalysisReader.text(text, "time_range.text", MAX_ENTITY_LENGTH));
    }

    private static LocalDate date(JsonNode node, String field) throws InvalidAnalysis {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidAnalysis(field + " is not a date string");
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidAnalysis(field + " is not an ISO date (YYYY-MM-DD)");
        }
    }

    private static Clarification clarification(JsonNode node, IntentClass intent) throws InvalidAnalysis {
        boolean absent = node == null || node.isNull();
        if (intent != IntentClass.NEEDS_CLARIFICATION) {
            if (!absent) {
                throw new InvalidAnalysis("clarification is only for NEEDS_CLARIFICATION");
            }
            return null;
        }
        if (absent || !node.isObject()) {
            throw new InvalidAnalysis("NEEDS_CLARIFICATION without a clarification object");
        }
        onlyFields(node, CLARIFICATION_FIELDS, "clarification");
        return new Clarification(text(node.get("question"), "clarification.question", MAX_CLARIFICATION_LENGTH),
                strings(node.get("options"), "clarification.options", MAX_OPTIONS, MAX_ENTITY_LENGTH, 2));
    }
}
