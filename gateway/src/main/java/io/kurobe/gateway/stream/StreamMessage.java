package io.kurobe.gateway.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kurobe.model.Event;
import io.kurobe.model.EventJson;
import io.kurobe.model.PanelsReady;
import io.kurobe.model.QuestionProgress;

/** One message on a question's socket: {@code {"type":"progress"|"answer","event":{...}}}. */
public record StreamMessage(String type, Event event) {
    public static final String PROGRESS = "progress";
    public static final String ANSWER = "answer";

    public static StreamMessage progress(QuestionProgress event) {
        return new StreamMessage(PROGRESS, event);
    }

    public static StreamMessage answer(PanelsReady event) {
        return new StreamMessage(ANSWER, event);
    }

    public boolean isAnswer() {
        return ANSWER.equals(type);
    }

    public String questionId() {
        return event.questionId();
    }

    public String toJson() {
        ObjectNode message = EventJson.mapper().createObjectNode();
        message.put("type", type);
        message.set("event", EventJson.mapper().valueToTree(event));
        return message.toString();
    }
}
