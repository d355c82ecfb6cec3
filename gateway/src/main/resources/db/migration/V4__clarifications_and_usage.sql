-- A question that asked back is answered at most once: clarified_by is the new question that carries the answer
-- (POST /api/questions/{id}/clarification or the socket's clarification message).
ALTER TABLE questions ADD COLUMN clarified_by uuid REFERENCES questions (id);

-- Language-model usage: each stage's share on the progress event that reported it, and the question's totals
-- ({"calls", "tokensIn", "tokensOut", "byRole": {role: {"calls", "tokensIn", "tokensOut"}}}); NULL: no model call.
ALTER TABLE question_events ADD COLUMN usage jsonb;
ALTER TABLE questions ADD COLUMN usage jsonb;
