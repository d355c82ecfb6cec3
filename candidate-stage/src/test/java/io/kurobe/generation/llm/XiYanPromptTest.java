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

    @Test
    void anIclPromptShowsTheExamplesBeforeTheQuestion() {
        List<FewShot.Shot> shots = List.of(new FewShot.Shot("How many orders from Paris?",
                "SELECT COUNT(*) FROM orders WHERE city = 'Paris'"), new FewShot.Shot("List the orders", "SELECT * FROM orders"));
        String prompt = XiYanPrompt.generate(PromptStyle.ICL, request("How many orders from Berlin?"), shots).user();

        assertTrue(prompt.startsWith("你是一名PostgreSQL专家"), prompt);
        assertTrue(prompt.contains("(\"Berlin\")\n\n【参考示例】\n【用户问题】\nHow many orders from Paris?\n```sql\n"
                + "SELECT COUNT(*) FROM orders WHERE city = 'Paris'\n```\n\n【用户问题】\nList the orders\n```sql\n"
                + "SELECT * FROM orders\n```\n\n【用户问题】\nHow many orders from Berlin?\n\n```sql"), prompt);
        String english = XiYanPrompt.refine(PromptStyle.ICL_EN, request("How many orders from Berlin?"), "SELECT 1",
                "boom", shots).user();
        assertTrue(english.contains("boom\n\n[Examples]\n[User Question]\nHow many orders from Paris?"), english);
        assertTrue(english.endsWith("[User Question]\nHow many orders from Berlin?\n\n```sql"), english);
    }

    @Test
    void withoutExamplesTheXiYanPromptIsUnchanged() {
        String prompt = XiYanPrompt.generate(PromptStyle.XIYAN, request("How many orders?")).user();

        assertTrue(prompt.contains("(\"Berlin\")\n\n【用户问题】\nHow many orders?\n\n```sql"), prompt);
        assertEquals("icl", PromptStyle.defaultFor("icl"));
        assertEquals("xiyan", PromptStyle.defaultFor("xiyan2"));
    }

    private static GenerationRequest request(String question) {
        return new GenerationRequest(question, "postgres", MSCHEMA, null,
                List.of(new MatchedValue("customers", "city", "Berlin", "Berlin", 1.0)), 100);
    }
}
