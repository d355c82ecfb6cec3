package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;
import io.kurobe.data.mschema.MSchema;
import io.kurobe.data.mschema.SchemaSelection;
import io.kurobe.model.LinkedTable;
import io.kurobe.model.MatchedValue;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what of a schema a question gets. A small schema (at most {@code full-schema-max-tables} tables and
 * {@code full-schema-max-columns} columns) is given whole, exactly as introspected. A larger one keeps the tables
 * that score best against the question, a table's score being the best of its own and its columns' embedding
 * similarity ({@link ColumnRetriever}), raised when the question names the table or one of its columns, or says one
 * of its values (by the match's score); then the columns of each kept table that score best, every primary key,
 * and the tables on the shortest foreign-key paths between kept tables with their join columns. The subset is
 * rendered as M-Schema. A schema-filter model's choice among what was kept is completed the same way
 * ({@link #narrow}).
 */
public final class LinkingPolicy {
    private static final Logger LOG = Logger.getLogger(LinkingPolicy.class);
    static final double NAMED_TABLE = 0.3;
    static final double NAMED_COLUMN = 0.15;
    static final double MATCHED_VALUE = 0.25;

    /** The limits; {@link #DEFAULTS} are those of {@link LinkingConfig}. */
    public record Limits(int fullSchemaMaxTables, int fullSchemaMaxColumns, int maxTables, int maxColumnsPerTable,
                         int maxJoinHops) {
        public static final Limits DEFAULTS = new Limits(40, 600, 8, 12, 3);

        public static Limits of(LinkingConfig config) {
            return new Limits(config.fullSchemaMaxTables(), config.fullSchemaMaxColumns(), config.maxTables(),
                    config.maxColumnsPerTable(), config.maxJoinHops());
        }
    }

    /** What the question gets: the M-Schema, the linked tables with their columns and scores, and a summary. */
    public record Linking(String mschema, List<LinkedTable> tables, double keptShare, String summary) {
    }

    private final Limits limits;
    private final ColumnRetriever retriever;

    public LinkingPolicy(Limits limits, ColumnRetriever retriever) {
        this.limits = limits;
        this.retriever = retriever;
    }

    /** @param fullMSchema the whole schema's M-Schema, given as is to a small schema */
    public Linking link(SchemaSnapshot snapshot, String fullMSchema, String question, List<MatchedValue> values) {
        int columnCount = snapshot.tables().stream().mapToInt(t -> t.columns().size()).sum();
        if (snapshot.tables().size() <= limits.fullSchemaMaxTables() && columnCount <= limits.fullSchemaMaxColumns()) {
            List<LinkedTable> all = snapshot.tables().stream()
                    .map(t -> new LinkedTable(t.name(), t.columns().stream().map(ColumnInfo::name).toList(), 1.0))
                    .toList();
            return new Linking(fullMSchema, all, 1.0, snapshot.tables().size() + " tables linked");
        }
        long started = System.nanoTime();
        Linking linking = linkSubset(snapshot, columnCount, question, values);
        LOG.debugf("%s: %s in %d ms", snapshot.dbId(), linking.summary(),
                (System.nanoTime() - started) / 1_000_000);
        return linking;
    }

    /**
     * The tables and columns a schema-filter model chose among the retrieved ones, completed as retrieval completes
     * its own choice: every primary key, and the tables on the shortest foreign-key paths (at most
     * {@code max-join-hops} joins) between chosen tables, with their join columns. Matched values are shown in
     * the chosen columns that hold them. Tables keep the retrieval's scores (0 for a table only a path adds).
     *
     * @param chosen the chosen columns per table, named as the snapshot names them; a table with none keeps its keys
     */
    public Linking narrow(SchemaSnapshot snapshot, Linking retrieved, Map<String, Set<String>> chosen,
                          List<MatchedValue> values) {
        int columnCount = snapshot.tables().stream().mapToInt(t -> t.columns().size()).sum();
        Map<String, Integer> position = new HashMap<>();
        for (int t = 0; t < snapshot.tables().size(); t++) {
            position.put(snapshot.tables().get(t).name(), t);
        }
        double[] tableScores = new double[snapshot.tables().size()];
        for (LinkedTable table : retrieved.tables()) {
            Integer at = position.get(table.name());
            if (at != null) {
                tableScores[at] = table.score();
            }
        }
        List<Integer> order = new ArrayList<>();
        for (String table : chosen.keySet()) {
            Integer at = position.get(table);
            if (at != null) {
                order.add(at);
            }
        }
        order.sort(Comparator.comparingDouble((Integer t) -> -tableScores[t]).thenComparing(t -> t));
        Set<Integer> bridges = new LinkedHashSet<>();
        Set<Integer> kept = keep(order, joinGraph(snapshot, position), bridges);
        SchemaSelection.Builder selection = SchemaSelection.builder();
        for (int t : kept) {
            String table = snapshot.tables().get(t).name();
            selection.table(table);
            for (String column : bridges.contains(t) ? Set.<String>of() : chosen.getOrDefault(table, Set.of())) {
                selection.column(table, column);
            }
        }
        for (MatchedValue value : values) {
            if (chosen.getOrDefault(value.table(), Set.of()).contains(value.column())) {
                selection.matched(value.table(), value.column(), value.value());
            }
        }
        return describe(snapshot, selection.build(), kept, tableScores, columnCount);
    }

    private Linking linkSubset(SchemaSnapshot snapshot, int columnCount, String question, List<MatchedValue> values) {
        EmbeddingIndex index = retriever.index(snapshot);
        float[] q = retriever.embed(question);
        Map<String, Map<String, Double>> valueColumns = new HashMap<>();
        for (MatchedValue value : values) {
            valueColumns.computeIfAbsent(value.table(), t -> new HashMap<>()).merge(value.column(), value.score(), Math::max);
        }
        double[][] columnScores = index.columnScores(q);
        double[] tableScores = score(snapshot.tables(), index.tableScores(q), columnScores, questionWords(question),
                valueColumns);
        Map<String, Integer> position = new HashMap<>();
        for (int t = 0; t < snapshot.tables().size(); t++) {
            position.put(snapshot.tables().get(t).name(), t);
        }
        Set<Integer> bridges = new LinkedHashSet<>();
        Set<Integer> kept = keep(best(tableScores), joinGraph(snapshot, position), bridges);
        SchemaSelection selection = select(snapshot, kept, bridges, columnScores, valueColumns, values, position);
        return describe(snapshot, selection, kept, tableScores, columnCount);
    }

    /**
     * Each column's score raised where the question names it or says one of its values (in place), and each
     * table's: the best of its own similarity and its columns' scores, raised where the question names it.
     */
    private static double[] score(List<TableInfo> tables, double[] tableSimilarity, double[][] columnScores,
                                  Set<String> words, Map<String, Map<String, Double>> valueColumns) {
        double[] scores = new double[tables.size()];
        for (int t = 0; t < tables.size(); t++) {
            TableInfo table = tables.get(t);
            Map<String, Double> matched = valueColumns.getOrDefault(table.name(), Map.of());
            double best = tableSimilarity[t];
            for (int c = 0; c < table.columns().size(); c++) {
                String column = table.columns().get(c).name();
                columnScores[t][c] += (named(words, column, true) ? NAMED_COLUMN : 0)
                        + MATCHED_VALUE * matched.getOrDefault(column, 0.0);
                best = Math.max(best, columnScores[t][c]);
            }
            scores[t] = best + (named(words, SchemaWords.bareName(table.name()), false) ? NAMED_TABLE : 0);
        }
        return scores;
    }

    /** The positions of the best-scoring tables, best first, at most {@code max-tables}. */
    private List<Integer> best(double[] tableScores) {
        List<Integer> ranked = new ArrayList<>();
        for (int t = 0; t < tableScores.length; t++) {
            ranked.add(t);
        }
        ranked.sort(Comparator.comparingDouble((Integer t) -> -tableScores[t]).thenComparing(t -> t));
        return ranked.subList(0, Math.min(limits.maxTables(), ranked.size()));
    }

    /** The chosen tables plus those on the shortest join path from each to the ones before it, added to bridges. */
    private Set<Integer> keep(List<Integer> chosen, Map<Integer, List<Integer>> graph, Set<Integer> bridges) {
        Set<Integer> kept = new LinkedHashSet<>();
        for (int t : chosen) {
            if (!kept.isEmpty() && !kept.contains(t)) {
                for (int step : path(graph, t, kept)) {
                    if (!kept.contains(step) && step != t) {
                        bridges.add(step);
                    }
                }
            }
            kept.add(t);
        }
        bridges.removeAll(kept);
        kept.addAll(bridges);
        return kept;
    }

    /** The best columns of each kept table and those holding values of the question; bridges keep keys only. */
    private SchemaSelection select(SchemaSnapshot snapshot, Set<Integer> kept, Set<Integer> bridges,
                                   double[][] columnScores, Map<String, Map<String, Double>> valueColumns,
                                   List<MatchedValue> values, Map<String, Integer> position) {
        SchemaSelection.Builder selection = SchemaSelection.builder();
        for (int t : kept) {
            TableInfo table = snapshot.tables().get(t);
            selection.table(table.name());
            if (bridges.contains(t)) {
                continue;
            }
            double[] scores = columnScores[t];
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                order.add(c);
            }
            order.sort(Comparator.comparingDouble((Integer c) -> -scores[c]).thenComparing(c -> c));
            Map<String, Double> matched = valueColumns.getOrDefault(table.name(), Map.of());
            for (int i = 0; i < order.size(); i++) {
                ColumnInfo column = table.columns().get(order.get(i));
                if (i < limits.maxColumnsPerTable() || matched.containsKey(column.name())) {
                    selection.column(table.name(), column.name());
                }
            }
        }
        for (MatchedValue value : values) {
            if (kept.contains(position.getOrDefault(value.table(), -1))) {
                selection.matched(value.table(), value.column(), value.value());
            }
        }
        return selection.build();
    }

    /** The M-Schema of the selection, its tables best first with the columns it shows, and the share kept. */
    private static Linking describe(SchemaSnapshot snapshot, SchemaSelection selection, Set<Integer> kept,
                                    double[] tableScores, int columnCount) {
        List<Integer> byScore = new ArrayList<>(kept);
        byScore.sort(Comparator.comparingDouble((Integer t) -> -tableScores[t]).thenComparing(t -> t));
        List<LinkedTable> linked = new ArrayList<>();
        int keptColumns = 0;
        for (int t : byScore) {
            TableInfo table = snapshot.tables().get(t);
            List<String> columns = new ArrayList<>();
            for (ColumnInfo column : table.columns()) {
                if (column.primaryKey() || selection.keepsColumn(table.name(), column.name())
                        || joins(snapshot, selection, table.name(), column.name())) {
                    columns.add(column.name());
                }
            }
            keptColumns += columns.size();
            linked.add(new LinkedTable(table.name(), columns, Math.round(tableScores[t] * 1000) / 1000.0));
        }
        double share = columnCount == 0 ? 0 : (double) keptColumns / columnCount;
        String summary = linked.size() + " of " + snapshot.tables().size() + " tables linked (" + keptColumns + " of "
                + columnCount + " columns, " + String.format(Locale.ROOT, "%.1f", 100 * share) + "%)";
        return new Linking(MSchema.render(snapshot, selection), List.copyOf(linked), share, summary);
    }

    /** Undirected: table position to the positions it shares a foreign key with. */
    private static Map<Integer, List<Integer>> joinGraph(SchemaSnapshot snapshot, Map<String, Integer> position) {
        Map<Integer, List<Integer>> graph = new HashMap<>();
        for (ForeignKey fk : snapshot.foreignKeys()) {
            Integer from = position.get(fk.table());
            Integer to = position.get(fk.referencedTable());
            if (from != null && to != null && !from.equals(to)) {
                graph.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
                graph.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
            }
        }
        return graph;
    }

    /**
     * The shortest path over foreign keys from a table to any of the kept ones, both ends included, or none when
     * no kept table is within the hop limit.
     */
    private List<Integer> path(Map<Integer, List<Integer>> graph, int from, Set<Integer> targets) {
        Map<Integer, Integer> previous = new HashMap<>();
        Map<Integer, Integer> depth = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        depth.put(from, 0);
        while (!queue.isEmpty()) {
            int at = queue.poll();
            if (targets.contains(at)) {
                List<Integer> path = new ArrayList<>();
                for (Integer step = at; step != null; step = previous.get(step)) {
                    path.add(step);
                }
                return path;
            }
            if (depth.get(at) >= limits.maxJoinHops()) {
                continue;
            }
            for (int next : graph.getOrDefault(at, List.of())) {
                if (!depth.containsKey(next)) {
                    depth.put(next, depth.get(at) + 1);
                    previous.put(next, at);
                    queue.add(next);
                }
            }
        }
        return List.of();
    }

    private static boolean joins(SchemaSnapshot snapshot, SchemaSelection selection, String table, String column) {
        for (ForeignKey fk : snapshot.foreignKeys()) {
            if (selection.keepsTable(fk.table()) && selection.keepsTable(fk.referencedTable())
                    && (fk.table().equals(table) && fk.column().equals(column)
                    || fk.referencedTable().equals(table) && fk.referencedColumn().equals(column))) {
                return true;
            }
        }
        return false;
    }

    /** The question's words, lower-cased, each also without a plural ending. */
    static Set<String> questionWords(String question) {
        Set<String> words = new HashSet<>();
        for (String word : question.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
                words.add(singular(word));
            }
        }
        return words;
    }

    /**
     * Whether the question says the name: every word of it of three letters or more (singular or plural),
     * at least one; a column's {@code id} words alone never count.
     */
    static boolean named(Set<String> questionWords, String identifier, boolean column) {
        int said = 0;
        for (String word : SchemaWords.words(identifier)) {
            if (word.length() < 3 || column && word.equals("id")) {
                continue;
            }
            if (!questionWords.contains(word) && !questionWords.contains(singular(word))) {
                return false;
            }
            said++;
        }
        return said > 0;
    }

    static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("ses") || word.endsWith("xes") || word.endsWith("ches")
                || word.endsWith("shes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
