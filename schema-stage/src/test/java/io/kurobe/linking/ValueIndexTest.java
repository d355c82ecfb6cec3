package io.kurobe.linking;

import io.kurobe.model.MatchedValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueIndexTest {
    private static final List<ValueIndex.Value> VALUES = List.of(
            new ValueIndex.Value("customers", "full_name", "John Smith"),
            new ValueIndex.Value("customers", "full_name", "Jane Smythe"),
            new ValueIndex.Value("customers", "full_name", "Vera Rubin"),
            new ValueIndex.Value("customers", "state", "California"),
            new ValueIndex.Value("customers", "state", "Colorado"),
            new ValueIndex.Value("customers", "city", "Zürich"),
            new ValueIndex.Value("orders", "status", "shipped"),
            new ValueIndex.Value("orders", "status", "cancelled"),
            new ValueIndex.Value("telescopes", "telescope_name", "Keck II"),
            new ValueIndex.Value("telescopes", "telescope_name", "Keck I"),
            new ValueIndex.Value("courses", "code", "EECS 281"),
            // near misses of common English words and of the schema's own names
            new ValueIndex.Value("places", "label", "Thera"),
            new ValueIndex.Value("places", "label", "Wheres"),
            new ValueIndex.Value("places", "label", "Shower"),
            new ValueIndex.Value("places", "label", "Totals"),
            new ValueIndex.Value("places", "label", "Customs"),
            new ValueIndex.Value("places", "label", "Orderly"));
    private static final ValueIndex INDEX = new ValueIndex(VALUES, Set.of("customer", "customers", "order", "orders",
            "status", "state", "city", "full", "name"));

    @Test
    void aTwoWordNameWithATypoFindsTheName() {
        List<MatchedValue> matched = INDEX.match("How many orders did Jon Smith place?");
        assertEquals(1, matched.size(), matched::toString);
        MatchedValue john = matched.get(0);
        assertEquals("John Smith", john.value());
        assertEquals("Jon Smith", john.matchedText());
        assertEquals("customers", john.table());
        assertEquals("full_name", john.column());
        assertEquals(0.9, john.score(), 1e-9);
    }

    @Test
    void aMisspelledStateFindsTheState() {
        List<MatchedValue> matched = INDEX.match("Which customers live in calfornia?");
        assertEquals(List.of(new MatchedValue("customers", "state", "California", "calfornia", 0.9)), matched);
    }

    @Test
    void caseAndAccentsDoNotMatterAndSuchAMatchIsExact() {
        List<MatchedValue> matched = INDEX.match("Orders from ZURICH that were SHIPPED");
        assertTrue(matched.contains(new MatchedValue("customers", "city", "Zürich", "ZURICH", 1.0)), matched::toString);
        assertTrue(matched.contains(new MatchedValue("orders", "status", "shipped", "SHIPPED", 1.0)), matched::toString);
        assertEquals(2, matched.size(), matched::toString);
    }

    @Test
    void anExactPhraseRanksFirstAndItsWordsFindNoFuzzyNeighbour() {
        List<MatchedValue> matched = INDEX.match("Observations with Keck II, and customers who cancelld");
        assertEquals(new MatchedValue("telescopes", "telescope_name", "Keck II", "Keck II", 1.0), matched.get(0));
        assertTrue(matched.stream().noneMatch(v -> v.value().equals("Keck I")), "the exact phrase is not read again: " + matched);
        MatchedValue cancelled = matched.get(1);
        assertEquals("cancelled", cancelled.value());
        assertTrue(cancelled.score() < 1.0 && cancelled.score() >= ValueIndex.FUZZY_THRESHOLD, cancelled::toString);
        assertEquals(2, matched.size(), matched::toString);
    }

    @Test
    void commonEnglishWordsAndSchemaWordsDoNotMatchRandomValues() {
        List<MatchedValue> matched = INDEX.match("Show there the total of customers where the orders were shipped,"
                + " and whereas the customs are orderly");
        assertEquals(List.of("shipped", "Customs", "Orderly"), matched.stream().map(MatchedValue::value).toList(),
                "only the values said as they are: " + matched);
        assertTrue(INDEX.match("Show me the total of each order over there, where it was placed").isEmpty());
        assertTrue(INDEX.match("Which showers were canceled?").isEmpty(), "English words are meant as they are");
        assertTrue(EnglishWords.size() > 20_000, "the embedding model's vocabulary is read: " + EnglishWords.size());
    }

    @Test
    void aNumberIsNeverATypo() {
        assertTrue(INDEX.match("Who teaches EECS 282?").isEmpty());
        assertEquals("EECS 281", INDEX.match("Who teaches eecs-281?").get(0).value());
    }

    @Test
    void aWordCloseToManyValuesMatchesNoneAndAColumnTakesFewFuzzyMatches() {
        List<ValueIndex.Value> values = new ArrayList<>();
        for (char c = 'a'; c <= 'j'; c++) {
            values.add(new ValueIndex.Value("parts", "code", "widget" + c));
        }
        values.add(new ValueIndex.Value("cities", "name", "Springfield"));
        values.add(new ValueIndex.Value("cities", "name", "Springdale"));
        values.add(new ValueIndex.Value("cities", "name", "Springvale"));
        values.add(new ValueIndex.Value("cities", "name", "Springhill"));
        ValueIndex index = new ValueIndex(values, Set.of());
        assertTrue(index.match("How many widgetx are there?").isEmpty(), "ten values one typo away: ambiguous");
        List<MatchedValue> matched = index.match("Shipments to Springfeld, Sprngdale, Springvael and Springhil");
        assertEquals(ValueIndex.MAX_FUZZY_PER_COLUMN, matched.size(), matched::toString);
    }

    @Test
    void editDistanceCountsSwapsAsOneAndStopsPastItsBound() {
        assertEquals(1, ValueText.distance("calfornia", "california", 2));
        assertEquals(1, ValueText.distance("recieve", "receive", 2));
        assertEquals(3, ValueText.distance("kitten", "sitting", 2), "past the bound it says bound + 1");
        assertEquals("keck ii zurich", ValueText.normalize("Keck-II, Zürich"));
    }
}
