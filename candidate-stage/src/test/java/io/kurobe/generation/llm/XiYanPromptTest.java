package io.kurobe.generation.llm;

import io.kurobe.generation.GenerationRequest;
import io.kurobe.model.MatchedValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XiYanPromptTest {
    private static final String MSCHEMA = "【DB_ID】 demo\n【Schema】\n# Table: orders\n[\n(order_id:INTEGER, Primary Key)\n]";

    @Test
    void fillsXiYansTemplateWithInstructionsAndValuesAsEvidence() {
        String prompt = XiYanPrompt.generate(PromptStyle.XIYAN, request("How many orders from Berlin?\n\nCount cancelled ones too."))
                .user();

        assertTrue(prompt.startsWith("你是一名PostgreSQL专家"), prompt);
        assertTrue(prompt.contains("【用户问题】\nHow many orders from Berlin?\n\n【数据库schema】\n" + MSCHEMA), prompt);
        assertTrue(prompt.contains("【参考信息】\nCount cancelled ones too.\ncustomers.city = 'Berlin' (\"Berlin\")"), prompt);
        assertTrue(prompt.endsWith("```sql"), prompt);
    }

    @Test
    void theQuestionCannotFillAnotherPlaceholder() {
        String prompt = XiYanPrompt.refine(PromptStyle.XIYAN_EN, request("Show {db_schema} and {sql}"), "SELECT 1",
                "The query failed: boom").user();

        assertEquals(2, prompt.split("Show \\{db_schema} and \\{sql}", -1).length - 1, prompt);
        assertTrue(prompt.contains("[SQL To Fix]\nSELECT 1\n\n[Execution Result]\nThe query failed: boom"), prompt);
    }

    private static GenerationRequest request(String question) {
        return new GenerationRequest(question, "postgres", MSCHEMA, null,
                List.of(new MatchedValue("customers", "city", "Berlin", "Berlin", 1.0)), 100);
    }
}
