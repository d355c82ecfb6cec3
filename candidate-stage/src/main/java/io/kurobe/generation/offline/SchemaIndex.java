package io.kurobe.generation.offline;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.ForeignKey;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema as the engine reasons over it: each table's and column's words (identifier prefixes shared by all
 * names stripped, so {@code sbCustName} reads "name" in table "customer"), each column's kind, each table's key
 * and naming columns, and the join graph: declared foreign keys, plus columns that share a name with another
 * table's key, or are named after a table and its key ({@code car_id} → cars.id, {@code txCustId} → custId).
 */
final class SchemaIndex {
    enum Kind { NUMBER, TEXT, DATE, TIME, BOOLEAN, OTHER }

    record Column(Table table, ColumnInfo info, String name, List<String> words, String joined, Kind kind,
                  List<String> commentWords) {
        boolean numeric() {
            return kind == Kind.NUMBER;
        }

        boolean keyLike() {
            List<String> w = words;
            return this == table.key() || name.toLowerCase(Locale.ROOT).endsWith("id") && (w.size() <= 2)
                    || w.get(w.size() - 1).equals("id");
        }

        @Override
        public String toString() {
            return table.name() + "." + name;
        }
    }

    static final class Table {
        final TableInfo info;
        final String name;
        final List<String> words;
        final String joined;
        final List<Column> columns = new ArrayList<>();
        Column key;
        final List<Column> labels = new ArrayList<>();

        Table(TableInfo info, List<String> words) {
            this.info = info;
            this.name = info.name();
            this.words = words;
            this.joined = String.join("", words);
        }

        String name() {
            return name;
        }

        Column key() {
            return key;
        }

        Optional<Column> column(String name) {
            return columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One join: from.column = to.column. */
    record Edge(Column from, Column to) {
        Edge reversed() {
            return new Edge(to, from);
        }
    }

    private static final Set<String> LABEL_WORDS = Set.of("first", "last", "full", "display", "short", "long",
            "given", "family", "middle");

    final List<Table> tables = new ArrayList<>();
    private final Map<String, Table> byName = new HashMap<>();
    private final Map<Table, List<Edge>> edges = new LinkedHashMap<>();

    SchemaIndex(SchemaSnapshot snapshot) {
        String tablePrefix = commonPrefix(snapshot.tables().stream().map(t -> bare(t.name())).toList(), 2, 3);
        for (TableInfo info : snapshot.tables()) {
            String bare = bare(info.name());
            List<String> words = Lexicon.identifier(bare.substring(tablePrefix.length()));
            Table table = new Table(info, words.isEmpty() ? Lexicon.identifier(bare) : words);
            String columnPrefix = commonPrefix(info.columns().stream().map(ColumnInfo::name).toList(), 3, 3);
            for (ColumnInfo c : info.columns()) {
                List<String> cw = Lexicon.identifier(c.name().substring(columnPrefix.length()));
                if (cw.isEmpty()) {
                    cw = Lexicon.identifier(c.name());
                }
                if ((kind(c.type()) == Kind.BOOLEAN || c.name().matches("(?i)(is|has)_\\w+|(is|has)[A-Z]\\w*"))
                        && cw.size() > 1 && Set.of("has", "is", "ha", "was", "have")
                        .contains(cw.get(0))) {
                    cw = cw.subList(1, cw.size());
                }
                table.columns.add(new Column(table, c, c.name(), cw, String.join("", cw), kind(c.type()),
                        Lexicon.content(c.comment() == null ? "" : c.comment())));
            }
            table.key = findKey(table);

            for (Column c : table.columns) {
                if (c.kind == Kind.TEXT && (c.words.contains("name") || c.words.contains("title"))
                        && c.words.stream().allMatch(w -> w.equals("name") || w.equals("title")
                        || table.words.contains(w) || LABEL_WORDS.contains(w))) {
                    table.labels.add(c);
                }
            }
            tables.add(table);
            byName.put(info.name().toLowerCase(Locale.ROOT), table);
            edges.put(table, new ArrayList<>());
        }
        for (ForeignKey fk : snapshot.foreignKeys()) {
            Table from = byName.get(fk.table().toLowerCase(Locale.ROOT));
            Table to = byName.get(fk.referencedTable().toLowerCase(Locale.ROOT));
            if (from != null && to != null) {
                from.column(fk.column()).ifPresent(fc -> to.column(fk.referencedColumn())
                        .ifPresent(tc -> addEdge(new Edge(fc, tc))));
            }
        }
        for (Table t : tables) {
            if (t.key == null && !t.columns.isEmpty()) {
                Column head = t.columns.get(0);
                boolean shared = tables.stream().anyMatch(o -> o != t && o.column(head.name).isPresent());
                if (shared && head.kind != Kind.DATE && head.kind != Kind.BOOLEAN) {
                    t.key = head;
                }
            }
        }
        inferEdges();
    }

    private static String bare(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The prefix every name shares, when at least {@code minNames} names share one of {@code minLength} or more. */
    static String commonPrefix(List<String> names, int minLength, int minNames) {
        if (names.size() < minNames) {
            return "";
        }
        String prefix = names.get(0);
        for (String n : names) {
            int i = 0;
            while (i < prefix.length() && i < n.length()
                    && Character.toLowerCase(prefix.charAt(i)) == Character.toLowerCase(n.charAt(i))) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        for (String n : names) {
            if (n.length() <= prefix.length()) {
                // a name that is the whole prefix leaves nothing to read: keep the shortest full word boundary
                return "";
            }
        }
        return prefix.length() >= minLength ? prefix : "";
    }

    private static Kind kind(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.startsWith("BOOL")) {
            return Kind.BOOLEAN;
        }
        if (t.startsWith("TIMESTAMP") || t.equals("DATE") || t.startsWith("DATETIME")) {
            return Kind.DATE;
        }
        if (t.startsWith("TIME")) {
            return Kind.TIME;
        }
        if (t.matches("(BIG|SMALL|TINY|HUGE|U)?INT.*|INTEGER|DECIMAL.*|NUMERIC.*|DOUBLE.*|FLOAT.*|REAL|SERIAL.*|BIGSERIAL")) {
            return Kind.NUMBER;
        }
        if (t.contains("CHAR") || t.equals("TEXT") || t.equals("STRING") || t.startsWith("VARCHAR")) {
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }

    private static Column findKey(Table table) {
        for (Column c : table.columns) {
            if (c.info.primaryKey()) {
                return c;
            }
        }
        String single = Lexicon.singular(bare(table.name).toLowerCase(Locale.ROOT));
        for (Column c : table.columns) {
            String n = c.name.toLowerCase(Locale.ROOT);
            if (n.equals("id") || n.equals(single + "_id") || n.equals(single + "id")
                    || c.words.equals(List.of("id"))) {
                return c;
            }
        }
        char first = Character.toLowerCase(bare(table.name).charAt(0));
        for (Column c : table.columns) {
            if (c.name.equalsIgnoreCase(first + "id")) {
                return c;
            }
        }
        Column head = table.columns.isEmpty() ? null : table.columns.get(0);
        if (head != null) {
            String n = head.name.toLowerCase(Locale.ROOT);
            if ((n.endsWith("id") || n.endsWith("code")) && head.words.size() <= 3
                    && (n.startsWith(single) || n.startsWith(table.joined) || head.words.size() == 1)) {
                return head;
            }
        }
        return null;
    }

    private void inferEdges() {
        for (Table a : tables) {
            for (Column ca : a.columns) {
                String na = ca.name.toLowerCase(Locale.ROOT);
                if (!(na.endsWith("id") || na.endsWith("code") || na.endsWith("key") || na.endsWith("_no"))) {
                    continue;
                }
                for (Table b : tables) {
                    if (b == a) {
                        continue;
                    }
                    Optional<Column> cb = b.column(ca.name);
                    String single = Lexicon.singular(bare(b.name).toLowerCase(Locale.ROOT));
                    if (cb.isPresent() && cb.get() != b.key && na.startsWith(single) && !na.startsWith(Lexicon
                            .singular(bare(a.name).toLowerCase(Locale.ROOT)))) {
                        addEdge(new Edge(ca, cb.get()));
                    }
                }
            }
        }
        for (Table a : tables) {
            for (Column ca : a.columns) {
                for (Table b : tables) {
                    if (a == b || b.key == null) {
                        continue;
                    }
                    Column kb = b.key;
                    if (ca.kind != kb.kind && !(ca.kind == Kind.NUMBER && kb.kind == Kind.NUMBER)) {
                        continue;
                    }
                    String na = ca.name.toLowerCase(Locale.ROOT);
                    String nb = kb.name.toLowerCase(Locale.ROOT);
                    boolean same = na.equals(nb) && !nb.equals("id") && !nb.equals("code") && !nb.equals("name");
                    String singleB = Lexicon.singular(bare(b.name).toLowerCase(Locale.ROOT));
                    boolean named = !na.equals(nb) && nb.equals("id")
                            && (na.equals(singleB + "_id") || na.equals(singleB + "id"));
                    boolean suffix = false;
                    if (!na.equals(nb) && na.endsWith("id") && nb.endsWith("id")) {
                        String common = commonSuffix(na, nb);
                        String stem = common.substring(0, common.length() - 2).replace("_", "");
                        suffix = stem.length() >= 3 && b.joined.startsWith(Lexicon.stem(stem)) || stem.length() >= 3
                                && b.joined.startsWith(stem);
                    }
                    if (same || named || suffix) {
                        addEdge(new Edge(ca, kb));
                    }
                }
            }
        }
    }

    private static String commonSuffix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
            i++;
        }
        return a.substring(a.length() - i);
    }

    private void addEdge(Edge e) {
        for (Edge x : edges.get(e.from.table)) {
            if (x.from == e.from && x.to == e.to) {
                return;
            }
        }
        edges.get(e.from.table).add(e);
        edges.get(e.to.table).add(e.reversed());
    }

    List<Edge> edges(Table t) {
        return edges.get(t);
    }

    /** The shortest chain of joins from one table to another, if they connect. */
    Optional<List<Edge>> path(Table from, Table to) {
        if (from == to) {
            return Optional.of(List.of());
        }
        Map<Table, Edge> via = new HashMap<>();
        Deque<Table> queue = new ArrayDeque<>();
        queue.add(from);
        via.put(from, null);
        while (!queue.isEmpty()) {
            Table t = queue.poll();
            for (Edge e : edges.get(t)) {
                Table next = e.to.table;
                if (!via.containsKey(next)) {
                    via.put(next, e);
                    if (next == to) {
                        List<Edge> path = new ArrayList<>();
                        for (Table at = to; at != from; at = via.get(at).from.table) {
                            path.add(0, via.get(at));
                        }
                        return Optional.of(path);
                    }
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    Set<String> tableNames() {
        return byName.keySet();
    }
}
