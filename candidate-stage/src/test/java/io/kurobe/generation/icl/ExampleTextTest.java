package io.kurobe.generation.icl;

import io.kurobe.model.MatchedValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleTextTest {
    @Test
    void questionsDifferingOnlyInValuesAndNumbersMaskAlike() {
        String berlin = ExampleText.maskQuestion("How many orders from Berlin were placed in 2023?", List.of());
        String paris = ExampleText.maskQuestion("How many orders from Paris were placed in 2024?", List.of());

        assertEquals("how many orders from <value> were placed in <number>?", berlin);
        assertEquals(berlin, paris);
    }

    @Test
    void quotedTextMatchedValuesAndDatesAreMaskedAndInstructionsDropped() {
        String masked = ExampleText.maskQuestion("Tickets of the 'billing' team on 2024-03-01 for acme corp\n\nCount open ones only.",
                List.of(new MatchedValue("customers", "name", "ACME Corp", "acme corp", 0.9)));

        assertEquals("tickets of the <value> team on <number> for <value>", masked);
    }

    @Test
    void skeletonKeepsKeywordsAndOperatorsAndMasksNamesAndLiterals() {
        List<String> skeleton = ExampleText.skeleton("SELECT c.name, COUNT(*) FROM customers c JOIN orders o "
                + "ON o.customer_id = c.id WHERE o.status = 'paid' AND o.total > 10.5 GROUP BY c.name;");

        assertEquals("SELECT _ , COUNT ( * ) FROM _ _ JOIN _ _ ON _ = _ WHERE _ = _ AND _ > _ GROUP BY _",
                String.join(" ", skeleton));
    }

    @Test
    void skeletonSimilarityIsOneForTheSameShapeAndLowerForAnother() {
        List<String> a = ExampleText.skeleton("SELECT COUNT(*) FROM orders WHERE status = 'paid'");
        List<String> b = ExampleText.skeleton("SELECT COUNT(*) FROM tickets WHERE team = 'Billing'");
        List<String> c = ExampleText.skeleton("SELECT name, SUM(total) FROM orders GROUP BY name ORDER BY 2 DESC LIMIT 5");

        assertEquals(1.0, ExampleText.skeletonSimilarity(a, b));
        double other = ExampleText.skeletonSimilarity(a, c);
        assertTrue(other > 0 && other < 0.7, "similarity " + other);
    }
}
