package io.kurobe.generation.offline;

import io.kurobe.generation.Generated;
import io.kurobe.generation.offline.QuestionText.Span;
import io.kurobe.generation.offline.SchemaIndex.Column;
import io.kurobe.generation.offline.SchemaIndex.Edge;
import io.kurobe.generation.offline.SchemaIndex.Kind;
import io.kurobe.generation.offline.SchemaIndex.Table;
import io.kurobe.model.MatchedValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one question into one query: finds the tables and columns it names, the measures it asks for
 * (count, total, average, maximum, minimum), what it groups by, the filters it states (values of the data,
 * comparisons, dates, yes/no columns, absence of related rows), the order and the number of rows it wants, and
 * joins the tables it needs along the join graph. It declines, saying why, when the question names no table or
 * column of the schema or names tables that do not connect.
 */
final class Planner {
    enum Fn { COUNT, SUM, AVG, MAX, MIN }

    /** A table or column named at a place in the question. */
    record Mention(Table table, Column column, Span span, double score) {
        boolean isTable() {
            return column == null;
        }

        Table owner() {
            return column == null ? table : column.table();
        }
    }

    /** count(*) of a table, or fn(column). */
    record Measure(Fn fn, Table table, Column column, boolean distinct, int at) {
    }

    /** Words after "order" that make it the verb: "order by", "order them". */
    private static final Set<String> ORDER_OBJECTS = Set.of("by", "them", "it", "these", "those", "the", "results",
            "rows", "alphabetically", "ascending", "descending");
    /** Words before "order" that make it a sorting: "in order", "descending order". */
    private static final Set<String> ORDER_QUALIFIERS = Set.of("in", "descending", "ascending", "alphabetical",
            "reverse", "chronological", "increasing", "decreasing", "sorted", "sort");
    private static final Set<String> DESC_WORDS = Set.of("highest", "most", "largest", "biggest", "greatest", "top",
            "best", "longest", "latest", "maximum", "max", "oldest", "costliest", "priciest", "expensive", "popular",
            "frequently");
    private static final Set<String> ASC_WORDS = Set.of("lowest", "least", "fewest", "smallest", "shortest", "earliest",
            "minimum", "min", "worst", "cheapest", "newest");
    private static final Set<String> GENERIC_COLUMNS = Set.of("name", "id", "code", "type", "date", "title",
            "description", "status", "number", "value", "note", "comment", "time");
    private static final Set<String> MONEY = Set.of("revenue", "income", "earning", "spending", "spend", "spent",
            "money", "sale");
    /** Money words that mean a sum of money even without "total": revenue, income, what was spent. */
    private static final Set<String> SUMMED_MONEY = Set.of("revenue", "income", "earning", "spending", "spent", "spend");
    private static final Set<String> TIME_UNITS = Set.of("year", "quarter", "month", "week", "day");
    private static final Pattern TOP_N = Pattern.compile("\\b(?:top|first|best|highest|lowest|bottom)\\s+(\\d{1,4}|"
            + "one|two|three|four|five|six|seven|eight|nine|ten)\\b|\\b(\\d{1,4})\\s+(?:most|highest|lowest|least|best|"
            + "largest|biggest|top|distinct|different|cheapest|costliest|priciest|latest|earliest|newest|oldest|"
            + "longest|shortest|smallest|greatest)\\b|\\b(?:which|what|the)\\s+(\\d{1,4}|two|three|four|five|six|seven"
            + "|eight|nine|ten)\\s+(?=[a-z]+\\b.*\\b(?:most|highest|largest|biggest|greatest|least|lowest|fewest|smallest"
            + "|best|worst)\\b)");
    private static final Pattern COMPARISON = Pattern.compile("(?:\\b|(?=[<>]))(more than|greater than|over|above|exceeding|"
            + "at least|less than|fewer than|under|below|at most|lower than|higher than|>=|<=|>|<)\\s*\\$?"
            + "(\\d[\\d,]*(?:\\.\\d+)?)(k)?\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(?:in|during|for|of|year)\\s+(?:the\\s+)?(?:year\\s+)?"
            + "((?:19|20)\\d{2})\\b(?!-)");
    private static final Pattern RELATIVE = Pattern.compile("\\b(?:past|last|previous|recent)\\s+(\\d+|one|two|three|"
            + "four|five|six|seven|eight|nine|ten)?\\s*(day|week|month|year)s?\\b");
    private static final Pattern QUOTED = Pattern.compile("[\"'`“‘]([^\"'`”’]{1,80})[\"'`”’]");
    private static final Pattern STARTS = Pattern.compile("\\b(start|starts|starting|begin|begins|beginning|end|ends"
            + "|ending|contain|contains|containing)\\s+with\\s+(?:the\\s+)?(?:letter\\s+|string\\s+|word\\s+)?[\"'`]?"
            + "([A-Za-z0-9 .]{1,30}?)[\"'`]?(?=[\\s,?.]|$)");
    private static final Pattern MONTH_DATE = Pattern.compile("\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
            + "[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b(january|february|march|april|may|june|july|august|"
            + "september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?,?\\s+(?:of\\s+)?"
            + "((?:19|20)\\d{2})\\b");
    private static final Pattern CURRENT_PERIOD = Pattern.compile("(?<!excluding |exclusive of |not including |except "
            + "|before |excluding the |exclusive of the |not including the |except the |before the )\\b(?:this|the current)"
            + "\\s+(year|quarter|month|week)\\b");
    private static final Pattern TODAY = Pattern.compile("(?<!of |including |and |than |since |to |until )\\b(today|yesterday)"
            + "\\b(?!'s|’s)");
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");

    private final SchemaIndex schema;
    private final QuestionText q;
    private final List<MatchedValue> values;
    private final List<Mention> mentions = new ArrayList<>();
    private final Set<Column> filterColumns = new LinkedHashSet<>();
    /** Tables whose rows must be absent (NOT EXISTS), which a listing must not join. */
    private final Set<Table> absent = new LinkedHashSet<>();
    /** Quoted texts a pattern filter already used, which value matching must not use again. */
    private final Set<String> quotedUsed = new LinkedHashSet<>();
    /** Tables whose related rows a HAVING condition counts. */
    private final Set<Table> havingTables = new LinkedHashSet<>();
    /** Where in the question each condition is said, as tokens [from, to), for joining conditions said with "or". */
    private final Map<String, int[]> said = new LinkedHashMap<>();
    /** A column whose several values the question wants all of ("both X and Y"), and how many. */
    private Column both;
    private int bothCount;
    /** The time bucket the rows are grouped by ("each year"), which orders a time series; or null. */
    private String timeBucket;
    /** Whether a superlative was read as MAX or MIN of a measure ("the largest total for each status"). */
    private boolean extremeMeasured;
    /** Whether what is measured is a column of the measured table's own rows (AVG/SUM/MAX/MIN, not a count). */
    private Table ownRowsMeasured;
    /** Where comparisons said about a measure start (conditions on groups, not on rows). */
    private final Set<Integer> thresholdsSaid = new LinkedHashSet<>();

    /** A term the guidance defines by a formula, whose quantities the question has been spelled with; or null. */
    private final Formula formula;
    private boolean formulaUsed;

    /** What NULL means in columns, as the guidance says. */
    private final List<Glossary.NullMeaning> nulls;

    Planner(SchemaIndex schema, QuestionText q, List<MatchedValue> values, Formula formula,
            List<Glossary.NullMeaning> nulls) {
        this.nulls = nulls;
        this.schema = schema;
        this.q = q;
        this.values = values;
        this.formula = formula;
    }

    /** Whether the query computes the formula it was given (false when it fell back on something else). */
    boolean formulaUsed() {
        return formulaUsed;
    }

    /**
     * The SQL of each of the formula's quantities, read within its own words: "number of sales" counts the sales,
     * "total revenue" sums the money column, "average price" averages, a bare "Tax" sums the tax column; null when
     * one does not map or two map to the same thing.
     */
    private Map<String, String> formulaQuantities(QueryPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String quantity : formula.quantities()) {
            int from = q.indexOf(quantity, 0);
            if (from < 0) {
                return null;
            }
            int to = from + Lexicon.words(quantity).size();
            String sql = quantity(plan, from, to);
            if (sql == null || out.containsValue(sql)) {
                return null;
            }
            out.put(quantity, sql);
        }
        return out;
    }

    private String quantity(QueryPlan plan, int from, int to) {
        Fn fn = Fn.SUM;
        for (int k = from; k < to; k++) {
            String w = q.raw.get(k);
            if (w.equals("number") || w.equals("count") || w.equals("many")) {
                fn = Fn.COUNT;
            } else if (w.equals("average") || w.equals("avg") || w.equals("mean")) {
                fn = Fn.AVG;
            } else if (w.equals("maximum") || w.equals("max") || w.equals("highest")) {
                fn = Fn.MAX;
            } else if (w.equals("minimum") || w.equals("min") || w.equals("lowest")) {
                fn = Fn.MIN;
            }
        }
        Mention best = null;
        for (Mention m : mentions) {
            if (m.span().start() < from || m.span().end() > to || m.score() < 1.5) {
                continue;
            }
            boolean fits = fn == Fn.COUNT ? m.isTable()
                    : m.column() != null && m.column().numeric() && !m.column().keyLike();
            if (fits && (best == null || m.score() > best.score())) {
                best = m;
            }
        }
        if (best == null && fn != Fn.COUNT) {
            Optional<Mention> paid = money(from).filter(m -> m.span().start() < to);
            if (paid.isPresent()) {
                best = paid.get();
            }
        }
        if (best == null || !plan.join(best.owner())) {
            return null;
        }
        Measure m = new Measure(fn, best.owner(), best.column(), false, from);
        return expression(m, plan);
    }

    Generated plan() {
        findMentions();
        for (int k = 0; k < q.size() && mentions.isEmpty(); k++) {
            // "What is the total revenue per quarter?": a money word is the only thing the question names
            if (MONEY.contains(q.stem(k))) {
                money(k).ifPresent(mentions::add);
            }
        }
        if (mentions.isEmpty()) {
            return Generated.none("no table or column of the schema is named in the question");
        }
        List<Measure> measures = measures();
        int topN = topN();
        String direction = extremeMeasured ? null : direction();
        boolean superlative = direction != null;
        Mention subject = subject(measures);
        Table provisional = !measures.isEmpty() ? measures.get(0).table()
                : subject != null ? subject.owner() : mentions.get(0).owner();
        Optional<Mention> group = group(measures, provisional);
        Optional<Generated> ratio = ratio(group);
        if (ratio.isPresent()) {
            return ratio.get();
        }
        Optional<Generated> duration = duration(group, topN, direction);
        if (duration.isPresent()) {
            return duration.get();
        }
        Table entity = group.map(Mention::owner).orElse(subject != null && subject.isTable() ? subject.table() : provisional);
        List<Column> returned = returnedColumns(measures, entity);

        // a superlative over a column with nothing to group is an ordering, not an aggregate
        Column orderColumn = null;
        Column rowsBy = group.isEmpty() && returned.isEmpty() && topN > 0 && measures.size() == 1
                ? largestRowsBy(measures.get(0)) : null;
        if (rowsBy != null) {
            // "the 5 largest invoices by gross amount": the rows themselves, ordered by the column
            orderColumn = rowsBy;
            measures = List.of();
        }
        if (group.isEmpty() && returned.isEmpty() && superlative && !measures.isEmpty()
                && measures.get(0).column() != null && measures.stream().allMatch(m -> m.column() != null)
                && !q.has("average") && !q.has("total") && !q.has("sum")
                && q.stems.stream().noneMatch(SUMMED_MONEY::contains)) {
            orderColumn = measures.get(0).column();
            measures = List.of();
        }
        // "which X has the most Y": group by the subject when it is another table than what is counted
        if (group.isEmpty() && returned.isEmpty() && !measures.isEmpty() && superlative && subject != null
                && (subject.isTable() && subject.owner() != measures.get(0).table()
                || subject.column() != null && !subject.column().numeric())
                && subject.span().start() < measures.get(0).at()) {
            group = Optional.of(subject);
        }
        // "brands with a total revenue over 100": a threshold right after a measure holds for the groups (HAVING)
        List<String[]> thresholds = new ArrayList<>();
        Measure thresholded = null;
        Matcher cm = COMPARISON.matcher(q.lower);
        while (cm.find()) {
            int token = tokenAt(cm.start());
            for (Measure m : measures) {
                if (m.fn() != Fn.COUNT && m.column() != null && m.at() < token && token - m.at() <= 4
                        && measures.stream().noneMatch(x -> x != m && x.at() > m.at() && x.at() < token)) {
                    String number = cm.group(2).replace(",", "");
                    if (cm.group(3) != null) {
                        number = String.valueOf((long) (Double.parseDouble(number) * 1000));
                    }
                    thresholds.add(new String[] {String.valueOf(measures.indexOf(m)), operator(cm.group(1)), number});
                    thresholdsSaid.add(cm.start());
                    thresholded = m;
                    break;
                }
            }
        }
        if (thresholded != null && group.isEmpty() && returned.isEmpty() && subject != null
                && subject.span().start() < thresholded.at()
                && (subject.isTable() && subject.table() != thresholded.table()
                || subject.column() != null && !subject.column().numeric() && !subject.column().keyLike())) {
            group = Optional.of(subject);
        }

        Table main = !measures.isEmpty() ? measures.get(0).table()
                : orderColumn != null ? orderColumn.table() : subject != null ? subject.owner() : mentions.get(0).owner();
        Table everyOne = allOf(measures, returned, group);
        if (everyOne != null) {
            main = everyOne;
        }
        QueryPlan plan = new QueryPlan(schema, main);
        // "for all customers": every customer, those without any measured row too
        plan.left = everyOne != null;
        List<String> problems = new ArrayList<>();
        filters(plan, problems);
        if (!problems.isEmpty()) {
            return Generated.none(String.join("; ", problems));
        }

        boolean singular = superlative && topN < 0 && !q.has("each") && !q.has("all") && !q.has("every")
                && !q.lower.contains("sorted") && !q.lower.contains("ordered") && !q.has("per");
        int limit = topN > 0 ? topN : singular ? 1 : -1;
        boolean desc = !"ASC".equals(direction);

        if (!measures.isEmpty() || group.isPresent()) {
            if (measures.isEmpty()) {
                measures = List.of(new Measure(Fn.COUNT, main, null, false, -1));
            }
            boolean grouped = false;
            if (!returned.isEmpty()) {
                for (Column c : returned) {
                    if (plan.join(c.table())) {
                        plan.select.add(QueryPlan.col(c));
                        plan.groupBy.add(QueryPlan.col(c));
                        grouped = true;
                    }
                }
            } else if (group.isPresent()) {
                if (!groupBy(plan, group.get())) {
                    return Generated.none("the question groups by " + describe(group.get())
                            + ", which no join path connects to " + main.name());
                }
                grouped = true;
            }
            for (Table t : havingTables) {
                plan.join(t);
            }
            if (!grouped && !plan.having.isEmpty()) {
                Measure only = measures.get(0);
                if (measures.size() == 1 && only.column() == null && only.table() == main && main.key() != null) {
                    // how many entities qualify: count the groups that pass
                    plan.select.add(QueryPlan.col(main.key()));
                    plan.groupBy.add(QueryPlan.col(main.key()));
                    String inner = plan.sql();
                    plan.whole = "SELECT COUNT(*) AS " + alias(only) + " FROM (" + inner + ") AS qualified";
                    return Generated.sql(plan.sql());
                }
                plan.having.clear();
            }
            List<String> aliases = new ArrayList<>();
            for (Measure m : measures) {
                if (m.table() != main && !plan.join(m.table())) {
                    return Generated.none("no join path connects " + m.table().name() + " to " + main.name());
                }
            }
            if (formula != null) {
                Map<String, String> quantities = formulaQuantities(plan);
                if (quantities == null) {
                    return Generated.none("the guidance defines " + formula.term + " by quantities the schema does not"
                            + " all hold");
                }
                String expr = formula.render(quantities::get);
                plan.select.add(expr + " AS " + formula.alias());
                formulaUsed = true;
                if (grouped && (superlative || topN > 0 || q.lower.contains("descending") || asksOrder()
                        || q.lower.contains("sort") || q.has("rank"))) {
                    plan.orderBy.add(formula.alias() + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST"));
                    plan.limit = limit;
                }
                return Generated.sql(plan.sql());
            }
            for (Measure m : measures) {
                String alias = alias(m);
                plan.select.add(expression(m, plan) + " AS " + alias);
                aliases.add(alias);
            }
            Measure only = measures.get(0);
            boolean meanOfCounts = only.at() >= 0 && Set.of("average", "avg", "mean").contains(q.raw.get(only.at()))
                    && q.has("per") && !q.has("each") || q.lower.contains("on average");
            if (grouped && measures.size() == 1 && only.fn() == Fn.COUNT && meanOfCounts && thresholds.isEmpty()
                    && plan.having.isEmpty() && topN < 0 && !superlative) {
                // "the average number of orders per customer": the mean of the per-group counts
                String inner = plan.sql();
                plan.whole = "SELECT AVG(" + aliases.get(0) + ") AS " + QueryPlan.ident("average_"
                        + aliases.get(0).replace("\"", "")) + " FROM (" + inner + ") AS per_group";
                return Generated.sql(plan.sql());
            }
            if (grouped) {
                for (String[] t : thresholds) {
                    plan.having.add(expression(measures.get(Integer.parseInt(t[0])), plan) + " " + t[1] + " " + t[2]);
                }
            }
            if (grouped && ranked()) {
                // "the sales rank of each salesperson by total sales amount": a rank over the groups, 1 the highest
                boolean ascending = q.has("ascending") || q.has("lowest") && !q.has("highest");
                plan.select.add("RANK() OVER (ORDER BY " + expression(measures.get(orderingMeasure(measures)), plan)
                        + (ascending ? " ASC" : " DESC") + ") AS " + QueryPlan.ident("rank"));
            }
            if (grouped && (superlative || topN > 0 || q.lower.contains("descending") || asksOrder()
                    || q.lower.contains("sort") || q.has("rank"))) {
                plan.orderBy.add(aliases.get(orderingMeasure(measures)) + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST"));
                plan.limit = limit;
            }
            if (grouped && plan.orderBy.isEmpty() && timeBucket != null) {
                // a time series reads in time order
                plan.orderBy.add(timeBucket);
            }
        } else {
            if (!plan.having.isEmpty()) {
                // entities with at least N related rows: group the listed table, count, keep those that qualify
                for (Table t : havingTables) {
                    plan.join(t);
                }
                List<Column> cols = new ArrayList<>();
                if (main.key() != null) {
                    cols.add(main.key());
                }
                cols.addAll(main.labels);
                if (cols.isEmpty()) {
                    return Generated.none("the question counts rows per " + main.name() + ", which has no key or name");
                }
                for (Column c : cols) {
                    plan.select.add(QueryPlan.col(c));
                    plan.groupBy.add(QueryPlan.col(c));
                }
            } else {
                listing(plan, orderColumn, direction, limit);
            }
        }
        return Generated.sql(plan.sql());
    }

    /** "the ratio of A to B [for each G]": per row when A and B are numbers of one row, else of aggregates. */
    private Optional<Generated> ratio(Optional<Mention> group) {
        int r = -1;
        boolean percent = false;
        for (int i = 0; i + 1 < q.size(); i++) {
            String w = q.raw.get(i);
            if (Set.of("ratio", "proportion", "percentage", "percent", "share", "fraction").contains(w)
                    && q.raw.get(i + 1).equals("of")) {
                r = i + 2;
                percent = w.startsWith("percent");
                break;
            }
        }
        if (r < 0) {
            // "their transaction success rate": the share of rows holding the value said before "rate", as a percentage
            for (int i = 1; i < q.size(); i++) {
                if (!q.raw.get(i).equals("rate") && !q.raw.get(i).equals("rates")) {
                    continue;
                }
                String before = q.raw.get(i - 1);
                boolean valued = values.stream().anyMatch(v -> Lexicon.words(v.matchedText()).contains(before)
                        || Lexicon.words(v.value()).stream().anyMatch(w -> Lexicon.stem(w).equals(Lexicon.stem(before))));
                if (valued) {
                    int at = i - 1;
                    Optional<Generated> rate = share(group, Math.max(0, at - 2), true);
                    if (rate.isPresent()) {
                        return rate;
                    }
                }
            }
            return Optional.empty();
        }
        int split = -1;
        for (int i = r; i < q.size(); i++) {
            if (Ratio.SPLIT.contains(q.raw.get(i)) || q.raw.get(i).equals("out") && q.stem(i + 1).equals("of")) {
                split = i;
                break;
            }
        }
        if (split < 0) {
            return share(group, r, percent);
        }
        int bFrom = q.raw.get(split).equals("out") ? split + 2 : split + 1;
        int end = q.size();
        for (int i = bFrom + 1; i < q.size(); i++) {
            if (Ratio.END.contains(q.raw.get(i))) {
                end = i;
                break;
            }
        }
        Ratio a = valueSide(Ratio.of(mentions, q, r, split), r, split);
        Ratio b = valueSide(Ratio.of(mentions, q, bFrom, end), bFrom, end);
        if (a == null || b == null) {
            return Optional.of(Generated.none("the question asks for a ratio, but its two sides do not both name"
                    + " a table or a number column"));
        }
        if (b.table() == null && b.number() == null && b.condition() == null) {
            return Optional.empty();
        }
        int sidesFrom = r;
        int sidesEnd = end;
        Optional<Mention> by = group.filter(g -> g.span().start() >= sidesEnd || g.span().start() < sidesFrom - 2);
        boolean average = q.has("average") || q.has("mean");
        if (a.rowLevel() && b.rowLevel() && a.number().table() == b.number().table()) {
            Table t = a.number().table();
            QueryPlan plan = new QueryPlan(schema, t);
            filterColumns.add(a.number());
            filterColumns.add(b.number());
            filters(plan, new ArrayList<>());
            String expr = Ratio.divide(a.row(), b.row());
            boolean perRow = by.isEmpty() || by.get().owner() == t && (by.get().isTable()
                    || by.get().column() == t.key() || by.get().column().keyLike());
            if (perRow && !average) {
                if (t.key() != null) {
                    plan.select.add(QueryPlan.col(t.key()));
                }
                t.labels.forEach(c -> plan.select.add(QueryPlan.col(c)));
                by.filter(g -> g.column() != null).ifPresent(g -> plan.select.add(QueryPlan.col(g.column())));
                plan.select.add(expr + " AS ratio");
            } else {
                if (by.isPresent() && !groupBy(plan, by.get())) {
                    return Optional.empty();
                }
                plan.select.add("AVG(" + expr + ") AS ratio");
            }
            return Optional.of(Generated.sql(plan.sql()));
        }
        Table main = by.map(Mention::owner).orElse(a.owner());
        if (by.isEmpty() && a.condition() == null && b.condition() == null && a.number() == null && b.number() == null
                && a.table() != b.table()) {
            QueryPlan plan = new QueryPlan(schema, main);
            plan.whole = "SELECT " + Ratio.divide("(SELECT COUNT(*) FROM " + QueryPlan.ident(a.table().name()) + ")",
                    "(SELECT COUNT(*) FROM " + QueryPlan.ident(b.table().name()) + ")") + " AS ratio";
            return Optional.of(Generated.sql(plan.sql()));
        }
        QueryPlan plan = new QueryPlan(schema, main);
        plan.left = by.isPresent();
        if (a.conditionColumn() != null) {
            filterColumns.add(a.conditionColumn());
        }
        if (b.conditionColumn() != null) {
            filterColumns.add(b.conditionColumn());
        }
        if (!plan.join(a.owner()) || !plan.join(b.owner())) {
            return Optional.of(Generated.none("no join path connects " + a.owner().name() + " and " + b.owner().name()));
        }
        if (by.isPresent() && !groupBy(plan, by.get())) {
            return Optional.empty();
        }
        filters(plan, new ArrayList<>());
        plan.select.add(a.aggregate() + " AS numerator");
        plan.select.add(b.aggregate() + " AS denominator");
        plan.select.add(Ratio.divide(a.aggregate(), b.aggregate()) + " AS ratio");
        return Optional.of(Generated.sql(plan.sql()));
    }

    private static final Set<String> DURATION_WORDS = Set.of("duration", "time", "days", "day", "long", "difference",
            "elapsed", "hours", "minutes", "gap", "span");

    /**
     * "the duration between departure and arrival", "days from hire to termination": the later column minus the
     * earlier one, in the unit the question asks for, averaged, ranked or listed per row.
     */
    private Optional<Generated> duration(Optional<Mention> group, int topN, String direction) {
        if (q.raw.stream().noneMatch(DURATION_WORDS::contains)) {
            return Optional.empty();
        }
        for (int i = 0; i + 3 < q.size(); i++) {
            String w = q.raw.get(i);
            if (!w.equals("between") && !w.equals("from")) {
                continue;
            }
            int a = q.raw.get(i + 1).equals("the") ? i + 2 : i + 1;
            int join = -1;
            for (int k = a + 1; k < Math.min(q.size(), a + 4); k++) {
                if (q.raw.get(k).equals("and") || q.raw.get(k).equals("to")) {
                    join = k;
                    break;
                }
            }
            if (join < 0 || join + 1 >= q.size()) {
                continue;
            }
            int b = q.raw.get(join + 1).equals("the") ? join + 2 : join + 1;
            Column from = temporal(a, join);
            Column to = b < q.size() ? temporal(b, Math.min(q.size(), b + 3)) : null;
            if (from == null || to == null || from == to) {
                continue;
            }
            QueryPlan plan = new QueryPlan(schema, from.table());
            if (!plan.join(to.table())) {
                continue;
            }
            filterColumns.add(from);
            filterColumns.add(to);
            filters(plan, new ArrayList<>());
            String expr = "(" + QueryPlan.col(to) + " - " + QueryPlan.col(from) + ")";
            boolean numbers = from.numeric() && to.numeric();
            if (numbers && q.has("minutes")) {
                expr = expr + " / 60";
            } else if (numbers && q.has("hours")) {
                expr = expr + " / 3600";
            } else if (!numbers && (q.has("days") || q.has("day")) && from.info().type().toUpperCase().startsWith("TIMESTAMP")) {
                expr = "EXTRACT(EPOCH FROM " + expr + ") / 86400";
            }
            String fn = q.has("average") || q.has("mean") ? "AVG" : q.has("total") ? "SUM" : null;
            if (fn != null) {
                if (group.isPresent() && !groupBy(plan, group.get())) {
                    return Optional.empty();
                }
                plan.select.add(fn + "(" + expr + ") AS duration");
                return Optional.of(Generated.sql(plan.sql()));
            }
            Table t = plan.main;
            if (t.key() != null) {
                plan.select.add(QueryPlan.col(t.key()));
            }
            t.labels.forEach(c -> plan.select.add(QueryPlan.col(c)));
            plan.select.add(expr + " AS duration");
            if (direction != null) {
                plan.orderBy.add("duration " + direction + " NULLS LAST");
                boolean singular = topN < 0 && !q.lower.contains("sorted") && !q.lower.contains("ordered")
                        && !q.has("each") && !q.has("all");
                plan.limit = topN > 0 ? topN : singular ? 1 : -1;
            }
            return Optional.of(Generated.sql(plan.sql()));
        }
        return Optional.empty();
    }

    /** A date, time or time-number column one of the words [from, to) names ("departure" → departure_time). */
    private Column temporal(int from, int to) {
        Column best = null;
        double bestScore = 0;
        for (Table t : schema.tables) {
            double relevance = relevance(t);
            for (Column c : t.columns) {
                boolean timeLike = c.kind() == Kind.DATE || c.kind() == Kind.TIME
                        || c.numeric() && (c.words().contains("time") || c.words().contains("date"));
                if (!timeLike) {
                    continue;
                }
                for (int k = from; k < to && k < q.size(); k++) {
                    String w = q.stem(k);
                    if (w.length() > 2 && !w.equals("date") && !w.equals("time") && (c.words().contains(w)
                            || c.joined().startsWith(w))) {
                        double score = 1 + relevance + (k == from ? 0.5 : 0);
                        if (score > bestScore) {
                            best = c;
                            bestScore = score;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** "the percentage of customers who are active": rows meeting a condition out of all rows, per group. */
    private Optional<Generated> share(Optional<Mention> group, int r, boolean percent) {
        Ratio part = valueSide(Ratio.of(mentions, q, r, q.size()), r, q.size());
        if (part == null || part.condition() == null || part.owner() == null) {
            return Optional.empty();
        }
        Optional<Mention> by = group.filter(g -> g.owner() != null && g.column() != part.conditionColumn());
        QueryPlan plan = new QueryPlan(schema, part.table() != null ? part.table() : part.owner());
        if (!plan.join(part.owner())) {
            return Optional.empty();
        }
        filterColumns.add(part.conditionColumn());
        for (MatchedValue v : values) {
            if (part.condition().endsWith(QueryPlan.literal(v.value()))) {
                quotedUsed.add(v.matchedText().toLowerCase());
            }
        }
        if (by.isPresent() && !groupBy(plan, by.get())) {
            return Optional.empty();
        }
        if (by.isEmpty()) {
            // "Return the customer name and success rate": per the columns the closing request names
            Measure counted = new Measure(Fn.COUNT, plan.main, null, false, -1);
            for (Column c : returnedColumns(List.of(counted), plan.main)) {
                if (plan.join(c.table())) {
                    plan.select.add(QueryPlan.col(c));
                    plan.groupBy.add(QueryPlan.col(c));
                }
            }
        }
        filters(plan, new ArrayList<>());
        String hits = "SUM(CASE WHEN " + part.condition() + " THEN 1 ELSE 0 END)";
        String alias = percent ? "percentage" : "ratio";
        plan.select.add((percent ? "100.0 * " : "") + Ratio.divide(hits, "COUNT(*)") + " AS " + alias);
        String direction = direction();
        if (!plan.groupBy.isEmpty() && (direction != null || asksOrder())) {
            // "ordered from lowest to highest success rate"
            plan.orderBy.add(alias + ("DESC".equals(direction) ? " DESC NULLS LAST" : " ASC NULLS LAST"));
            plan.limit = topN();
        }
        return Optional.of(Generated.sql(plan.sql()));
    }

    /** "chinese restaurants": a side that counts rows gets the condition of a value said within its words. */
    private Ratio valueSide(Ratio side, int from, int to) {
        Column compared = side == null ? null : side.conditionColumn() != null ? side.conditionColumn() : side.number();
        if (compared != null && compared.numeric()) {
            // "restaurants with a rating above 4.5": the side counts the rows meeting the comparison said in it
            Matcher cm = COMPARISON.matcher(q.lower);
            while (cm.find()) {
                int token = tokenAt(cm.start());
                if (token >= from && token < to && !thresholdsSaid.contains(cm.start())) {
                    thresholdsSaid.add(cm.start());
                    String number = cm.group(2).replace(",", "");
                    if (cm.group(3) != null) {
                        number = String.valueOf((long) (Double.parseDouble(number) * 1000));
                    }
                    return new Ratio(null, side.table() != null ? side.table() : compared.table(),
                            QueryPlan.col(compared) + " " + operator(cm.group(1)) + " " + number, compared, side.all());
                }
            }
        }
        if (side == null || side.condition() != null || side.number() != null) {
            return side;
        }
        for (MatchedValue v : values) {
            int at = q.lower.indexOf(v.matchedText().toLowerCase());
            int token = at < 0 ? -1 : tokenAt(at);
            Optional<Column> c = column(v.table(), v.column());
            if (token >= from && token < to && c.isPresent()
                    && (side.table() == null || schema.path(side.table(), c.get().table()).isPresent())) {
                return new Ratio(null, side.table() != null ? side.table() : c.get().table(),
                        QueryPlan.col(c.get()) + " = " + QueryPlan.literal(v.value()), c.get(), side.all());
            }
        }
        return side;
    }

    /** The measure the ranking is by: the one right after "by", else the first after the superlative, else the first. */
    private int orderingMeasure(List<Measure> measures) {
        for (int i = 0; i < q.size(); i++) {
            if (q.raw.get(i).equals("by")) {
                for (int k = 0; k < measures.size(); k++) {
                    if (measures.get(k).at() >= i && measures.get(k).at() <= i + 2) {
                        return k;
                    }
                }
                // a measure said again after "by" ("... total amount, and the rank by total amount")
                for (int k = 0; k < measures.size(); k++) {
                    if (saidAfter(measures.get(k), i + 1)) {
                        return k;
                    }
                }
            }
        }
        for (int i = 0; i < q.size(); i++) {
            if (DESC_WORDS.contains(q.raw.get(i)) || ASC_WORDS.contains(q.raw.get(i))) {
                for (int k = 0; k < measures.size(); k++) {
                    if (measures.get(k).at() >= i && measures.get(k).at() <= i + 3) {
                        return k;
                    }
                }
            }
        }
        return 0;
    }

    /**
     * "Return the make, model and number of sales": the non-numeric columns a closing request names, which a
     * question with measures groups by.
     */
    private List<Column> returnedColumns(List<Measure> measures, Table entity) {
        List<Column> out = new ArrayList<>();
        if (measures.isEmpty()) {
            return out;
        }
        int from = -1;
        for (int i = 1; i < q.size(); i++) {
            String w = q.raw.get(i);
            if (w.equals("return") || w.equals("show") || w.equals("showing") || w.equals("display")
                    || w.equals("give") || w.equals("list")) {
                from = i;
                break;
            }
        }
        if (from < 0) {
            return out;
        }
        Table main = measures.get(0).table();
        Map<Integer, Mention> bySpan = new LinkedHashMap<>();
        for (Mention m : mentions) {
            if (m.span().start() > from && m.column() != null && (!m.column().numeric() || m.column().keyLike()) && m.score() >= 1.5
                    && m.column().kind() != Kind.DATE && measures.stream().noneMatch(x -> x.at() <= m.span().start()
                    && m.span().start() <= x.at() + 2) && !measured(m.span().start())) {
                Mention prior = bySpan.get(m.span().start());
                if (prior == null || rank(m, entity) > rank(prior, entity)) {
                    bySpan.put(m.span().start(), m);
                }
            }
        }
        Mention previous = null;
        for (Mention m : bySpan.values()) {
            boolean generic = m.column().words().size() == 1 && Set.of("name", "id", "code", "title")
                    .contains(m.column().words().get(0));
            // "customer name" names one column; "the id, name and ..." names two generic ones
            boolean glued = previous != null && previous.span().end() == m.span().start()
                    && !(previous.column().words().size() == 1 && Set.of("name", "id", "code", "title")
                    .contains(previous.column().words().get(0)));
            if (!(generic && glued) && !out.contains(m.column()) && schema.path(main, m.owner()).isPresent()) {
                out.add(m.column());
            }
            previous = m;
        }
        return out;
    }

    /** Whether a measure's aggregate word and its column's (or table's) words are said from a token on. */
    private boolean saidAfter(Measure m, int from) {
        String fn = q.stem(from).equals("the") ? q.stem(from + 1) : q.stem(from);
        int start = q.stem(from).equals("the") ? from + 2 : from + 1;
        boolean sameFn = switch (m.fn()) {
            case COUNT -> fn.equals("number") || fn.equals("count");
            case SUM -> fn.equals("total") || fn.equals("sum");
            case AVG -> fn.equals("average") || fn.equals("mean");
            case MAX -> fn.equals("maximum") || fn.equals("highest");
            case MIN -> fn.equals("minimum") || fn.equals("lowest");
        };
        if (!sameFn) {
            return false;
        }
        List<String> named = m.column() != null ? m.column().words() : m.table().words;
        Set<String> following = new java.util.HashSet<>();
        for (int k = start; k < Math.min(q.size(), start + 4); k++) {
            following.add(q.stem(k));
        }
        boolean money = m.fn() == Fn.SUM && m.column() != null && (named.contains("price") || named.contains("amount"))
                && following.stream().anyMatch(MONEY::contains);
        return money || named.stream().filter(w -> !Lexicon.STOP.contains(w)).anyMatch(following::contains);
    }

    /**
     * "... for all customers": the grouped entity, when the question says "all" or "every" just before it and it is
     * another table than what is measured, so that entities without measured rows are kept; null otherwise.
     */
    private Table allOf(List<Measure> measures, List<Column> returned, Optional<Mention> group) {
        if (measures.isEmpty()) {
            return null;
        }
        Table entity = null;
        if (!returned.isEmpty()) {
            entity = returned.get(0).table();
            for (Column c : returned) {
                if (c.table() != entity) {
                    return null;
                }
            }
        } else if (group.isPresent() && group.get().isTable()) {
            entity = group.get().table();
        }
        Table measured = measures.get(0).table();
        Table e = entity;
        if (entity == null || entity == measured || measures.stream().anyMatch(m -> m.table() == e)
                || schema.path(entity, measured).map(p -> p.size() != 1).orElse(true)) {
            return null;
        }
        for (Mention m : mentions) {
            int s = m.span().start();
            if (m.isTable() && m.table() == entity && s >= 1
                    && (q.raw.get(s - 1).equals("all") || q.raw.get(s - 1).equals("every"))) {
                return entity;
            }
        }
        return includingNone() ? entity : null;
    }

    /** "including customers with no orders", "even those without any": entities without rows are wanted too. */
    private boolean includingNone() {
        return q.lower.matches("(?s).*\\b(including|include|includes|even)\\b[^.?;]*\\b(no|without|zero|none)\\b.*");
    }

    /** Whether the question asks for a rank as a value ("rank", "ranking"), not only for an order. */
    private boolean ranked() {
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            if (w.equals("rank") || w.equals("ranking") || w.equals("ranks")) {
                return true;
            }
        }
        return false;
    }

    /** Whether an aggregate word stands just before this token ("the total number of credits"). */
    private boolean measured(int token) {
        String before = token >= 1 ? q.raw.get(token - 1) : "";
        if (Set.of("total", "average", "sum", "count", "avg", "mean", "maximum", "minimum", "max", "min").contains(before)) {
            return true;
        }
        return token >= 2 && q.raw.get(token - 2).equals("number") && before.equals("of")
                || token >= 3 && q.raw.get(token - 3).equals("number") && q.raw.get(token - 2).equals("of")
                && before.equals("the");
    }

    private double rank(Mention m, Table main) {
        return m.score() + (m.owner() == main ? 1 : 0) - schema.path(main, m.owner()).map(List::size).orElse(9) * 0.2;
    }

    // ---- mentions ---------------------------------------------------------------------------------------

    private void findMentions() {
        Set<Table> named = new LinkedHashSet<>();
        for (Table t : schema.tables) {
            for (Span s : q.find(t.words, t.joined)) {
                mentions.add(new Mention(t, null, s, 2 * s.strength() + 0.1 * t.words.size()));
                named.add(t);
            }
        }
        for (Table t : schema.tables) {
            if (t.words.size() > 1) {
                for (String w : t.words) {
                    if (w.length() > 3 && !Set.of("name", "type", "date", "count", "number", "record").contains(w)) {
                        for (Span s : q.find(List.of(w), w)) {
                            if (covered(s) == null || covered(s).score() < 1.5) {
                                mentions.add(new Mention(t, null, s, 0.9 * (0.5 + relevance(t))));
                            }
                        }
                    }
                }
            }
        }
        for (Table t : schema.tables) {
            double relevance = relevance(t);
            for (Column c : t.columns) {
                boolean generic = c.words().size() == 1 && GENERIC_COLUMNS.contains(c.words().get(0));
                if (generic && relevance < 0.5) {
                    continue;
                }
                for (Span s : q.find(c.words(), c.joined())) {
                    double score = 2 * s.strength() + 0.1 * c.words().size() + 0.6 * relevance
                            + (c.words().size() == 1 && c.words().get(0).equals("id") ? -1 : 0);
                    mentions.add(new Mention(t, c, s, score));
                }
            }
        }
        // "the order total", "the invoice amount": a table's name then "total"/"amount" names its one number column
        // whose name holds that word (total_amount of orders)
        for (Table t : named) {
            for (Span s : q.find(t.words, t.joined)) {
                String next = q.stem(s.end());
                if (!next.equals("total") && !next.equals("amount")) {
                    continue;
                }
                List<Column> fits = t.columns.stream().filter(c -> c.numeric() && !c.keyLike()
                        && c.words().contains(next)).toList();
                if (fits.size() == 1) {
                    mentions.add(new Mention(t, fits.get(0), new Span(s.start(), s.end() + 1, 1.0), 2.6 + 0.6));
                }
            }
        }
        mentions.sort(Comparator.comparingInt((Mention m) -> m.span().start())
                .thenComparing(Comparator.comparingDouble(Mention::score).reversed()));
    }

    /** How much of a table's name the question says: 1 when all its words, less for some. */
    private double relevance(Table t) {
        if (!q.find(t.words, t.joined).isEmpty()) {
            return 1.0;
        }
        long said = t.words.stream().filter(w -> w.length() > 3 && q.stems.contains(w)).count();
        return t.words.isEmpty() ? 0 : 0.7 * said / t.words.size();
    }

    private Mention covered(Span s) {
        for (Mention m : mentions) {
            if (m.span().start() <= s.start() && m.span().end() >= s.end()) {
                return m;
            }
        }
        return null;
    }

    /** The best mention starting within [from, from + window). */
    private Optional<Mention> at(int from, int window) {
        return at(from, window, from, null, false);
    }

    private Optional<Mention> at(int from, int window, int minEnd, Table prefer) {
        return at(from, window, minEnd, prefer, false);
    }

    /** "total revenue": a money column (price, amount) of the tables the question names, for a word meaning money. */
    private Optional<Mention> money(int from) {
        for (int k = from; k < Math.min(q.size(), from + 3); k++) {
            if (!MONEY.contains(q.stem(k))) {
                continue;
            }
            Column best = null;
            double bestScore = 0;
            for (Table t : schema.tables) {
                double relevance = relevance(t);
                for (Column c : t.columns) {
                    if (!c.numeric() || c.keyLike()) {
                        continue;
                    }
                    double base = (c.words().contains("price") ? 2 : c.words().contains("amount") ? 1.5
                            : c.words().contains("revenue") ? 2.5 : 0) + relevance
                            + (c.words().contains(q.stem(k)) ? 1 : 0);
                    // money spent or earned is what was paid in all (a total amount) rather than a unit's price
                    double score = base + (SUMMED_MONEY.contains(q.stem(k)) && base > 0
                            ? (c.words().contains("total") ? 0.7 : 0) - (c.words().contains("unit") ? 0.6 : 0) : 0);
                    if (score > bestScore + 1e-9 && (base >= 2 || score >= 2)) {
                        best = c;
                        bestScore = score;
                    }
                }
            }
            if (best != null) {
                return Optional.of(new Mention(best.table(), best, new Span(k, k + 1, 0.8), 1.6));
            }
        }
        return Optional.empty();
    }

    /**
     * The best mention starting within [from, from + window) and ending after minEnd; mentions of the preferred
     * table, and of tables joined to it, rank first.
     */
    private Optional<Mention> at(int from, int window, int minEnd, Table prefer, boolean numeric) {
        return at(from, window, minEnd, prefer, numeric, m -> true);
    }

    private Optional<Mention> at(int from, int window, int minEnd, Table prefer, boolean numeric,
                                 java.util.function.Predicate<Mention> allowed) {
        Mention best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Mention m : mentions) {
            int start = m.span().start();
            if (start >= from && start < from + window && m.span().end() > minEnd && allowed.test(m)) {
                double score = m.score() + (m.span().end() - start) * 0.3 - (start - from) * 0.2;
                if (numeric && m.column() != null && m.column().numeric() && !m.column().keyLike()) {
                    score += 1.5;
                }
                if (prefer != null) {
                    Optional<List<Edge>> path = schema.path(prefer, m.owner());
                    score += m.owner() == prefer ? 1.0 : path.isEmpty() ? -3.0 : -0.2 * path.get().size();
                }
                if (score > bestScore) {
                    best = m;
                    bestScore = score;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The table a listing question is about: after "which/what/list/return", else the first named table. */
    private Mention subject(List<Measure> measures) {
        Mention firstTable = null;
        for (Mention m : mentions) {
            if (m.isTable()) {
                firstTable = m;
                break;
            }
        }
        // "Which city has the most restaurants": the column said right after "which" (city for city_name)
        if (!q.raw.isEmpty() && q.raw.get(0).equals("which") && (firstTable == null || firstTable.span().start() > 1)) {
            for (Mention m : mentions) {
                if (m.span().start() == 1 && m.column() != null && !m.column().keyLike() && !m.column().numeric()
                        && measures.stream().noneMatch(x -> x.column() == m.column())) {
                    return m;
                }
            }
        }
        // "What are the street names of …", "Which county has …": a column named before any table
        for (Mention m : mentions) {
            if (firstTable != null && m.span().start() >= firstTable.span().start()) {
                break;
            }
            if (m.column() != null && m.score() >= 2 && !m.column().keyLike()
                    && measures.stream().noneMatch(x -> x.column() == m.column())) {
                boolean generic = m.column().words().size() == 1 && GENERIC_COLUMNS.contains(m.column().words().get(0));
                if (!generic) {
                    return m;
                }
                if (firstTable != null && firstTable.table().column(m.column().name()).isPresent()) {
                    Column own = firstTable.table().column(m.column().name()).get();
                    return new Mention(own.table(), own, m.span(), m.score());
                }
            }
        }
        return firstTable != null ? firstTable : mentions.isEmpty() ? null : mentions.get(0);
    }

    // ---- measures ---------------------------------------------------------------------------------------

    /**
     * "the N largest <rows> by <column>": a number, a superlative, a name of the table the column belongs to, then
     * "by" and the column; the column, or null when the question is not said so.
     */
    private Column largestRowsBy(Measure m) {
        if (m.column() == null || !m.column().numeric()) {
            return null;
        }
        for (int k = 0; k + 3 < q.size(); k++) {
            String n = q.raw.get(k);
            if (!n.matches("\\d{1,4}") && !QuestionText.NUMBER_WORDS.containsKey(n)) {
                continue;
            }
            String sup = q.raw.get(k + 1);
            if (!DESC_WORDS.contains(sup) && !ASC_WORDS.contains(sup)) {
                continue;
            }
            for (Mention t : mentions) {
                if (t.isTable() && t.table() == m.table() && t.span().start() == k + 2 && t.span().strength() >= 1.0
                        && q.raw.get(Math.min(t.span().end(), q.size() - 1)).equals("by") && m.at() == t.span().end() + 1) {
                    return m.column();
                }
            }
        }
        return null;
    }

    private List<Measure> measures() {
        Map<String, Measure> out = new LinkedHashMap<>();
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            Fn fn = null;
            int from = i + 1;
            boolean explicitCount = false;
            if (w.equals("how") && q.raw.size() > i + 1 && q.raw.get(i + 1).equals("many")) {
                fn = Fn.COUNT;
                from = i + 2;
                explicitCount = true;
            } else if (w.equals("number") && i + 1 < q.size() && q.raw.get(i + 1).equals("of")) {
                fn = Fn.COUNT;
                from = i;
                explicitCount = true;
            } else if ((w.equals("most") || w.equals("fewest") || w.equals("least")) && at(i + 1, 1)
                    .filter(Mention::isTable).isPresent()) {
                fn = Fn.COUNT;
                explicitCount = true;
            } else if (w.equals("count") || w.equals("counts")) {
                fn = Fn.COUNT;
                explicitCount = true;
            } else if ((w.equals("total") || w.equals("sum")) && !(i + 1 < q.size() && q.raw.get(i + 1).equals("number"))) {
                fn = Fn.SUM;
            } else if (w.equals("average") || w.equals("avg") || w.equals("mean")) {
                fn = Fn.AVG;
            } else if (SUMMED_MONEY.contains(q.stem(i))
                    && !Set.of("total", "sum", "average", "avg", "mean", "maximum", "max", "minimum", "min", "of", "by")
                    .contains(i > 0 ? q.raw.get(i - 1) : "") && money(i).isPresent()) {
                // "the monthly revenue": revenue is a sum of money even when "total" is not said
                fn = Fn.SUM;
                from = i;
            } else if (w.equals("maximum") || w.equals("max")) {
                fn = Fn.MAX;
            } else if (w.equals("minimum") || w.equals("min")) {
                fn = Fn.MIN;
            } else if (EXTREME_MAX.contains(w) && extremePerGroup(i)) {
                // "the largest order total for each status": the maximum of a number per group
                fn = Fn.MAX;
                extremeMeasured = true;
            } else if (EXTREME_MIN.contains(w) && extremePerGroup(i)) {
                fn = Fn.MIN;
                extremeMeasured = true;
            }
            if (fn == Fn.COUNT && explicitCount && from == i + 2) {
                // "how many units were sold": the units are a quantity column summed, not rows counted
                Optional<Column> units = unitsSold(from);
                if (units.isPresent()) {
                    Column c = units.get();
                    Measure m = new Measure(Fn.SUM, c.table(), c, false, i);
                    out.putIfAbsent(m.fn() + ":" + m.table().name() + ":" + c.name(), m);
                    i = from;
                    continue;
                }
            }
            if (fn == null) {
                continue;
            }
            boolean distinct = q.stem(from).equals("distinct") || q.stem(from).equals("unique")
                    || q.stem(from + 1).equals("distinct") || q.stem(from + 1).equals("unique");
            boolean totalBefore = i > 0 && (q.raw.get(i - 1).equals("total") || q.raw.get(i - 1).equals("sum"));
            int counted = from;
            boolean counting = fn == Fn.COUNT;
            Optional<Mention> target = from == i ? at(totalBefore ? i - 1 : i, 6, i + 2, null, fn != Fn.COUNT || totalBefore,
                    x -> !counting || !aggregateWordBetween(counted, x.span().start()))
                    : fn == Fn.COUNT ? at(from, 5, from, null, false, x -> !aggregateWordBetween(counted, x.span().start()))
                    : at(i, 5, from, null, true);
            if (fn != Fn.COUNT) {
                // "total revenue? Return the make": a money word said first is the measure, not a later column
                Optional<Mention> paid = money(from).filter(p -> !Set.of("count", "counts", "number")
                        .contains(q.stem(p.span().end())));
                if (paid.isPresent() && (target.isEmpty() || target.get().span().start() > paid.get().span().start()
                        && !(target.get().column() != null && target.get().column().numeric())
                        || target.get().isTable() && paid.get().span().start() < target.get().span().end() + 1
                        && !Set.of("count", "counts", "number").contains(q.raw.size() > target.get().span().end()
                        ? q.raw.get(target.get().span().end()) : ""))) {
                    // "total sales amount", "total sales": money summed, not rows counted
                    target = paid;
                }
            }
            if (target.isEmpty()) {
                continue;
            }
            Mention t = target.get();
            Measure m;
            if (t.isTable()) {
                m = new Measure(Fn.COUNT, t.table(), null, distinct, i);
            } else if (t.column().numeric() && !t.column().keyLike()) {
                Fn f = fn;
                if (fn == Fn.COUNT) {
                    f = totalBefore && (t.column().words().contains("number") || t.column().words().contains("count")
                            || t.column().words().contains("total")) ? Fn.SUM : Fn.COUNT;
                }
                m = new Measure(f, t.column().table(), t.column(), distinct, i);
            } else if (explicitCount && t.span().strength() >= 0.8) {
                m = new Measure(Fn.COUNT, t.column().table(), t.column(), true, i);
            } else {
                continue;
            }
            out.putIfAbsent(m.fn() + ":" + m.table().name() + ":" + (m.column() == null ? "*" : m.column().name()), m);
            i = Math.max(i, t.span().end() - 1);
        }
        return new ArrayList<>(out.values());
    }

    private static final Set<String> AGGREGATE_WORDS = Set.of("total", "sum", "average", "avg", "mean", "maximum",
            "minimum", "max", "min");

    /** "number of transactions and total transaction amount": what is counted is not said after another aggregate. */
    private boolean aggregateWordBetween(int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (AGGREGATE_WORDS.contains(q.raw.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> EXTREME_MAX = Set.of("largest", "highest", "biggest", "greatest");
    private static final Set<String> EXTREME_MIN = Set.of("smallest", "lowest");
    /** Words for the units of something sold, and the verbs of selling that follow them. */
    private static final Set<String> UNIT_WORDS = Set.of("unit", "item", "piece", "copy");
    private static final Set<String> SOLD_VERBS = Set.of("sale", "buy", "order", "ordered", "purchase", "purchased",
            "ship", "shipped", "deliver", "delivered");

    /**
     * "What is the largest X for each G": a superlative right before a number column, in a question that asks
     * for a value per group (not "which ... has the largest"), and names no top N.
     */
    private boolean extremePerGroup(int i) {
        if (i == 0 || !q.raw.get(i - 1).equals("the") || Set.of("which", "who").contains(q.raw.get(0))
                || !(q.has("each") || q.has("per") || q.has("every")) || topN() > 0) {
            return false;
        }
        return mentions.stream().anyMatch(m -> m.span().start() == i + 1 && m.column() != null
                && m.column().numeric() && !m.column().keyLike() && m.score() >= 2);
    }

    /**
     * "How many units were sold": when the word after "how many" is a unit word that names no table or column and
     * a verb of selling follows, the one quantity column of the schema (quantity, qty, units) tied to the tables
     * named; empty otherwise.
     */
    private Optional<Column> unitsSold(int from) {
        if (!UNIT_WORDS.contains(q.stem(from)) || mentions.stream().anyMatch(m -> m.span().start() <= from
                && m.span().end() > from && (m.isTable() || m.span().strength() >= 1.0))) {
            return Optional.empty();
        }
        boolean sold = false;
        for (int k = from + 1; k < Math.min(q.size(), from + 4); k++) {
            sold |= SOLD_VERBS.contains(q.stem(k)) || SOLD_VERBS.contains(q.raw.get(k));
        }
        if (!sold) {
            return Optional.empty();
        }
        List<Column> found = new ArrayList<>();
        for (Table t : schema.tables) {
            for (Column c : t.columns) {
                if (c.numeric() && !c.keyLike() && (c.words().contains("quantity") || c.words().equals(List.of("unit"))
                        || c.words().equals(List.of("unit", "sale")))) {
                    found.add(c);
                }
            }
        }
        if (found.size() > 1) {
            // several: those reachable from every table the question names
            List<Column> reachable = found.stream().filter(c -> mentions.stream().allMatch(m -> schema.path(c.table(),
                    m.owner()).isPresent())).toList();
            found = reachable;
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private String expression(Measure m, QueryPlan plan) {
        if (m.column() == null) {
            if (m.table().key() != null && (plan.multiplies() || m.distinct())) {
                return "COUNT(DISTINCT " + QueryPlan.col(m.table().key()) + ")";
            }
            return "COUNT(*)";
        }
        String fn = m.fn().name();
        String sql = fn + "(" + (m.distinct() && m.fn() == Fn.COUNT ? "DISTINCT " : "") + QueryPlan.col(m.column()) + ")";
        // an entity without rows has a total of 0, not NULL
        return plan.left && m.fn() == Fn.SUM && m.table() != plan.main ? "COALESCE(" + sql + ", 0)" : sql;
    }

    private static String alias(Measure m) {
        String base = m.column() == null ? String.join("_", m.table().words) : String.join("_", m.column().words());
        String prefix = switch (m.fn()) {
            case COUNT -> "number_of_";
            case SUM -> "total_";
            case AVG -> "average_";
            case MAX -> "max_";
            case MIN -> "min_";
        };
        String word = prefix.substring(0, prefix.length() - 1);
        if (m.column() != null && (base.equals(word) || base.startsWith(word + "_")
                || m.fn() == Fn.SUM && (base.equals("sum") || base.startsWith("sum_")))) {
            // SUM(total_amount) is sum_total_amount, not total_total_amount
            prefix = m.fn().name().toLowerCase(java.util.Locale.ROOT) + "_";
        }
        return QueryPlan.ident((prefix + base).replaceAll("[^a-z0-9_]", "_"));
    }

    // ---- grouping ---------------------------------------------------------------------------------------

    private static final Map<String, String> TIME_ADJECTIVES = Map.of("monthly", "month", "weekly", "week",
            "daily", "day", "yearly", "year", "annual", "year", "annually", "year", "quarterly", "quarter");

    private Optional<Mention> group(List<Measure> measures, Table main) {
        ownRowsMeasured = measures.size() == 1 && measures.get(0).column() != null && measures.get(0).fn() != Fn.COUNT
                ? measures.get(0).table() : null;
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            boolean asked = (w.equals("what") || w.equals("which")) && TIME_UNITS.contains(q.raw.get(Math.min(i + 1,
                    q.size() - 1))) && !columnNamed(q.raw.get(i + 1));
            if ((TIME_ADJECTIVES.containsKey(w) || asked) && covered(new Span(i, i + 1, 1)) == null) {
                return Optional.of(new Mention(null, null, new Span(asked ? i + 1 : i, asked ? i + 2 : i + 1, 1), -1));
            }
        }
        // "how many have a final exam and how many do not": the yes/no column is the grouping
        if (q.lower.matches(".*\\band how many (do|does|did|are|is|were|have|has) not\\b.*")) {
            for (Mention m : mentions) {
                if (m.column() != null && m.column().kind() == Kind.BOOLEAN && m.score() >= 1.5) {
                    return Optional.of(m);
                }
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            Optional<Mention> found = group(pass, main);
            if (found.isPresent()) {
                return found;
            }
        }
        return topGroup(measures, main);
    }

    private boolean byIsGrouping(int i) {
        if (i == 0) {
            return false;
        }
        String before = q.raw.get(i - 1);
        if (before.endsWith("ed") || before.endsWith("en") || before.equals("made") || before.equals("sold")) {
            return before.equals("grouped") || before.equals("split") || before.equals("broken");
        }
        for (int k = Math.max(0, i - 4); k < i; k++) {
            String w = q.raw.get(k);
            if (orderWord(k) || w.startsWith("sort") || w.startsWith("rank")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the question asks for an order, not merely names an {@code orders} table or an order. */
    private boolean asksOrder() {
        for (int k = 0; k < q.size(); k++) {
            if (orderWord(k)) {
                return true;
            }
        }
        return false;
    }

    /** "ordered", "ordering", or "order" as in "order by", "order them", "in descending order". */
    private boolean orderWord(int k) {
        String w = q.raw.get(k);
        if (w.equals("ordered") || w.equals("ordering")) {
            return true;
        }
        if (!w.equals("order")) {
            return false;
        }
        String next = k + 1 < q.size() ? q.raw.get(k + 1) : "";
        String before = k > 0 ? q.raw.get(k - 1) : "";
        return ORDER_OBJECTS.contains(next) || ORDER_QUALIFIERS.contains(before);
    }

    private Optional<Mention> group(int pass, Table main) {
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            boolean marker = pass == 0 ? w.equals("each") || w.equals("per") || w.equals("every") || w.equals("across")
                    : w.equals("by") && byIsGrouping(i);
            if (!marker) {
                continue;
            }
            int from = i + 1;
            if (w.equals("per") && ownRowsMeasured != null && mentions.stream().anyMatch(x -> x.isTable()
                    && x.table() == ownRowsMeasured && x.span().start() == from && x.span().strength() >= 1.0
                    && x.span().end() - x.span().start() >= ownRowsMeasured.words.size())) {
                // "the average quantity per order line" of an order_lines table: one value per row, no grouping
                continue;
            }
            if (w.equals("by") && (q.stem(from).equals("number") || q.stem(from).equals("total")
                    || q.stem(from + 1).equals("number") || q.stem(from).equals("average"))) {
                continue;
            }
            if (TIME_UNITS.contains(q.stem(from)) && !columnNamed(q.stem(from))) {
                return Optional.of(new Mention(null, null, new Span(from, from + 1, 1), -1));
            }
            // a group is a category: a number column only when named in full ("each year")
            Optional<Mention> m = at(from, 3, from, main, false, x -> x.column() == null || !x.column().numeric()
                    || x.span().strength() >= 1.0);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** "top 5 countries by ...": the ranked thing right after the number, when it is not what is measured. */
    private Optional<Mention> topGroup(List<Measure> measures, Table main) {
        Matcher top = TOP_N.matcher(q.lower);
        if (top.find() && !measures.isEmpty()) {
            int token = tokenAt(top.end());
            Mention best = null;
            for (Mention m : mentions) {
                int start = m.span().start();
                if (start < token || start >= token + 4) {
                    continue;
                }
                if (m.isTable() && m.table() == measures.get(0).table() || m.column() != null && m.column().numeric()
                        || schema.path(main, m.owner()).isEmpty()) {
                    continue;
                }
                if (best == null || m.column() != null && best.isTable() || m.score() > best.score()
                        && (m.column() != null) == (best.column() != null)) {
                    best = m;
                }
            }
            return Optional.ofNullable(best);
        }
        return Optional.empty();
    }

    private boolean columnNamed(String word) {
        return mentions.stream().anyMatch(m -> m.column() != null && m.column().words().equals(List.of(word)));
    }

    private int tokenAt(int charIndex) {
        return Lexicon.words(q.lower.substring(0, Math.min(charIndex, q.lower.length()))).size();
    }

    private boolean groupBy(QueryPlan plan, Mention g) {
        if (g.table() == null && g.column() == null) {
            String said = q.raw.get(g.span().start());
            String unit = TIME_ADJECTIVES.getOrDefault(said, q.stem(g.span().start()));
            // a column named for the unit ("year") is the grouping itself
            for (Table t : plan.joined) {
                for (Column c : t.columns) {
                    if (c.words().equals(List.of(unit)) && c.kind() != Kind.DATE) {
                        plan.select.add(QueryPlan.col(c));
                        plan.groupBy.add(QueryPlan.col(c));
                        timeBucket = QueryPlan.col(c);
                        return true;
                    }
                }
            }
            Column date = dateColumn(plan.main, plan);
            if (date == null) {
                return false;
            }
            String expr = "DATE_TRUNC('" + unit + "', " + QueryPlan.col(date) + ")";
            plan.select.add(expr + " AS " + unit);
            plan.groupBy.add(expr);
            timeBucket = expr;
            return true;
        }
        if (g.column() != null && g.column().words().size() == 1 && TIME_UNITS.contains(g.column().words().get(0))
                && g.column().kind() != Kind.DATE && schema.path(plan.main, g.owner()).isEmpty()) {
            // "orders by year" where the year column is another, unconnected table's: the unit of the measured date
            return groupBy(plan, new Mention(null, null, g.span(), g.score()));
        }
        if (!plan.join(g.owner())) {
            return false;
        }
        if (g.column() != null) {
            plan.select.add(QueryPlan.col(g.column()));
            plan.groupBy.add(QueryPlan.col(g.column()));
            return true;
        }
        Table t = g.table();
        List<Column> cols = new ArrayList<>();
        if (t.key() != null) {
            cols.add(t.key());
        }
        cols.addAll(t.labels);
        if (cols.isEmpty()) {
            return false;
        }
        for (Column c : cols) {
            plan.select.add(QueryPlan.col(c));
            plan.groupBy.add(QueryPlan.col(c));
        }
        return true;
    }

    private static String describe(Mention m) {
        return m.column() != null ? m.column().toString() : m.table() != null ? m.table().name() : "a time unit";
    }

    // ---- listing ----------------------------------------------------------------------------------------

    private void listing(QueryPlan plan, Column orderColumn, String direction, int limit) {
        Table main = plan.main;
        // tables the question names outright join in, so their rows restrict the listing
        for (Mention m : mentions) {
            if (m.isTable() && m.table() != main && m.score() >= 2 && !absent.contains(m.table())
                    && !(m.span().end() - m.span().start() == 1 && orderWord(m.span().start()))
                    && mentions.stream().noneMatch(c -> c.column() != null && c.span().strength() >= 0.8
                    && c.span().start() <= m.span().start() && c.span().end() >= m.span().end()
                    && c.span().end() - c.span().start() > m.span().end() - m.span().start())
                    && schema.path(main, m.table()).map(p -> p.size() <= 2).orElse(false)) {
                plan.join(m.table());
            }
        }
        List<String> cols = new ArrayList<>();
        if (main.key() != null) {
            cols.add(QueryPlan.col(main.key()));
        }
        main.labels.forEach(c -> cols.add(QueryPlan.col(c)));
        Map<Integer, Mention> bySpan = new LinkedHashMap<>();
        for (Mention m : mentions) {
            Column c = m.column();
            if (c == null || filterColumns.contains(c) || m.score() < 1.5 || !plan.joined.contains(c.table())) {
                continue;
            }
            Mention prior = bySpan.get(m.span().start());
            if (prior == null || rank(m, main) > rank(prior, main)) {
                bySpan.put(m.span().start(), m);
            }
        }
        for (Mention m : bySpan.values()) {
            cols.add(QueryPlan.col(m.column()));
        }
        if (orderColumn != null) {
            cols.add(QueryPlan.col(orderColumn));
        }
        if (cols.isEmpty()) {
            main.columns.forEach(c -> cols.add(QueryPlan.col(c)));
        }
        plan.select.addAll(cols);
        plan.distinct = plan.multiplies() || q.has("distinct") || q.has("unique") || q.has("different");
        if (both != null && both.table() != main && plan.joined.contains(both.table())
                && !cols.contains(QueryPlan.col(both))) {
            // the entity's own columns: grouping by another table's would split it
            String own = QueryPlan.ident(main.name()) + ".";
            plan.select.removeIf(c -> !c.startsWith(own));
            plan.groupBy.addAll(new LinkedHashSet<>(plan.select));
            plan.having.add("COUNT(DISTINCT " + QueryPlan.col(both) + ") = " + bothCount);
            plan.distinct = false;
        }
        boolean desc = !"ASC".equals(direction);
        Column explicit = explicitOrder(plan);
        if (orderColumn != null) {
            plan.orderBy.add(QueryPlan.col(orderColumn) + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST"));
            plan.limit = limit;
        } else if (explicit != null) {
            boolean down = q.lower.contains("descending") || q.lower.contains("highest to lowest")
                    || q.lower.contains("most recent") || q.lower.contains("latest");
            plan.select.add(QueryPlan.col(explicit));
            plan.orderBy.add(QueryPlan.col(explicit) + (down ? " DESC NULLS LAST" : " ASC NULLS LAST"));
            plan.limit = limit;
        } else if (q.lower.contains("alphabetical") && !main.labels.isEmpty()) {
            plan.orderBy.add(QueryPlan.col(main.labels.get(0)) + " ASC");
        } else if (direction != null) {
            Optional<Column> numeric = mentions.stream().map(Mention::column)
                    .filter(c -> c != null && c.numeric() && !c.keyLike() && plan.joined.contains(c.table()))
                    .findFirst();
            numeric.ifPresent(c -> {
                plan.select.add(QueryPlan.col(c));
                plan.orderBy.add(QueryPlan.col(c) + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST"));
                plan.limit = limit;
            });
            if (numeric.isEmpty()) {
                impliedOrder(plan, desc, limit);
            }
        }
    }

    private static final Set<String> PRICE_WORDS = Set.of("expensive", "cheapest", "cheap", "costliest", "priciest",
            "pricey", "inexpensive");
    private static final Set<String> LATER_WORDS = Set.of("recent", "latest", "last", "newest");
    private static final Set<String> EARLIER_WORDS = Set.of("earliest", "first", "oldest");

    /**
     * "the most expensive product": the price of the listed table; "the most recent order", "the earliest order
     * date": its date (later first for recent, latest, last, newest; earlier first for earliest, first, oldest).
     */
    private void impliedOrder(QueryPlan plan, boolean desc, int limit) {
        Column by = null;
        boolean down = desc;
        if (q.raw.stream().anyMatch(PRICE_WORDS::contains)) {
            for (String word : List.of("price", "cost", "fee", "amount")) {
                for (Column c : plan.main.columns) {
                    if (by == null && c.numeric() && !c.keyLike() && c.words().contains(word)) {
                        by = c;
                    }
                }
            }
        } else if (q.raw.stream().anyMatch(w -> LATER_WORDS.contains(w) || EARLIER_WORDS.contains(w))) {
            by = dateColumn(plan.main, plan);
            down = q.raw.stream().anyMatch(LATER_WORDS::contains);
        }
        if (by == null) {
            return;
        }
        plan.select.add(QueryPlan.col(by));
        plan.orderBy.add(QueryPlan.col(by) + (down ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        plan.limit = limit;
    }

    /** "sort the aircraft codes", "ordered by last name": the column named after the ordering word. */
    private Column explicitOrder(QueryPlan plan) {
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            if (w.equals("sort") || w.equals("sorted") || w.equals("order") || w.equals("ordered")) {
                for (Mention m : mentions) {
                    int start = m.span().start();
                    if (start > i && start <= i + 5 && plan.joined.contains(m.owner())) {
                        if (m.column() != null && m.score() >= 1.5) {
                            return m.column();
                        }
                        if (m.isTable() && !m.table().labels.isEmpty()) {
                            return m.table().labels.get(0);
                        }
                    }
                }
            }
        }
        return null;
    }

    // ---- filters ----------------------------------------------------------------------------------------

    private void filters(QueryPlan plan, List<String> problems) {
        containsFilters(plan);
        valueFilters(plan);
        patternFilters(plan);
        quotedFilters(plan);
        comparisons(plan);
        dates(plan);
        booleans(plan);
        absence(plan);
        nullChecks(plan);
        disjunctions(plan);
    }

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "t", "nt");

    /**
     * "student.minor is null for students who have not declared a minor program" (guidance) and "Which students have
     * declared a minor program?": the question says the meaning (or its opposite) when it holds most of its words;
     * IS NULL when both are negated or neither, IS NOT NULL otherwise.
     */
    private void nullChecks(QueryPlan plan) {
        // "customers who do not have a nickname", "products without a description": no value in that column
        for (int i = 0; i + 1 < q.size(); i++) {
            String w = q.raw.get(i);
            boolean lacks = w.equals("without") || (w.equals("no") && i > 0 && Set.of("have", "has", "with")
                    .contains(q.raw.get(i - 1))) || w.equals("not") && Set.of("have", "has").contains(q.raw.get(i + 1));
            if (!lacks) {
                continue;
            }
            int from = w.equals("not") ? i + 2 : i + 1;
            if (from < q.size() && Set.of("a", "an", "any").contains(q.raw.get(from))) {
                from++;
            }
            Optional<Mention> named = at(from, 1, from, plan.main);
            if (named.isEmpty() || named.get().isTable() || named.get().score() < 1.5) {
                continue;
            }
            Column c = named.get().column();
            if (c.keyLike() || c.kind() == Kind.BOOLEAN || filterColumns.contains(c) || c.table() != plan.main
                    || absent.contains(c.table())) {
                continue;
            }
            filterColumns.add(c);
            plan.where.add(QueryPlan.col(c) + " IS NULL");
        }
        for (Glossary.NullMeaning n : nulls) {
            Optional<Column> column = column(n.table(), n.column());
            if (column.isEmpty() || filterColumns.contains(column.get())) {
                continue;
            }
            List<String> raw = Lexicon.words(n.meaning());
            boolean meaningNegated = raw.stream().anyMatch(NEGATIONS::contains);
            List<String> words = Lexicon.content(n.meaning()).stream().filter(w -> !NEGATIONS.contains(w)).toList();
            if (words.isEmpty()) {
                continue;
            }
            int first = -1;
            int last = -1;
            int found = 0;
            for (String w : words) {
                for (int k = 0; k < q.size(); k++) {
                    if (q.stem(k).equals(w)) {
                        found++;
                        first = first < 0 ? k : Math.min(first, k);
                        last = Math.max(last, k);
                        break;
                    }
                }
            }
            if (found * 4 < words.size() * 3 || found < 2) {
                continue;
            }
            boolean questionNegated = false;
            for (int k = Math.max(0, first - 3); k <= last; k++) {
                questionNegated |= NEGATIONS.contains(q.raw.get(k));
            }
            if (!plan.join(column.get().table())) {
                continue;
            }
            filterColumns.add(column.get());
            plan.where.add(QueryPlan.col(column.get()) + (meaningNegated == questionNegated ? " IS NULL" : " IS NOT NULL"));
        }
    }

    /** Adds a condition said at tokens [from, to) of the question. */
    private void where(QueryPlan plan, String condition, int from, int to) {
        plan.where.add(condition);
        said.putIfAbsent(condition, new int[] {from, Math.max(from + 1, to)});
    }

    /**
     * "whose name starts with J or ends with 'ez'", "'Ford' in the make or 'Mustang' in the model": conditions said
     * next to each other with "or" between them, and no "and", hold together as one disjunction.
     */
    private void disjunctions(QueryPlan plan) {
        List<String> located = new ArrayList<>(new LinkedHashSet<>(plan.where).stream().filter(said::containsKey).toList());
        if (located.size() < 2) {
            return;
        }
        located.sort(java.util.Comparator.comparingInt(c -> said.get(c)[0]));
        List<List<String>> chains = new ArrayList<>();
        List<String> chain = new ArrayList<>(List.of(located.get(0)));
        for (int i = 1; i < located.size(); i++) {
            int[] previous = said.get(located.get(i - 1));
            int[] next = said.get(located.get(i));
            if (orBetween(previous[1], next[0])) {
                chain.add(located.get(i));
            } else {
                chains.add(chain);
                chain = new ArrayList<>(List.of(located.get(i)));
            }
        }
        chains.add(chain);
        for (List<String> c : chains) {
            if (c.size() < 2) {
                continue;
            }
            int at = plan.where.indexOf(c.get(0));
            plan.where.removeAll(c);
            plan.where.add(Math.min(at, plan.where.size()), "(" + String.join(" OR ", c) + ")");
        }
    }

    /** Whether the words in [from, to) join two conditions with "or": an "or", no "and", a few words at most. */
    private boolean orBetween(int from, int to) {
        if (to <= from || to - from > 7) {
            return false;
        }
        boolean or = false;
        for (int k = from; k < to; k++) {
            String w = q.raw.get(k);
            if (w.equals("and") || w.equals("but") || w.equals("also")) {
                return false;
            }
            or |= w.equals("or");
        }
        return or;
    }

    private void valueFilters(QueryPlan plan) {
        Map<String, List<MatchedValue>> byText = new LinkedHashMap<>();
        for (MatchedValue v : values) {
            byText.computeIfAbsent(v.matchedText().toLowerCase(), k -> new ArrayList<>()).add(v);
        }
        // "Science" inside "Data Science": a value said only within a longer value is not said on its own
        byText.keySet().removeIf(text -> !saidOutside(text, byText.keySet()));
        Map<Column, Set<String>> chosen = new LinkedHashMap<>();
        Map<Column, List<String>> saidAs = new LinkedHashMap<>();
        for (List<MatchedValue> candidates : byText.values()) {
            MatchedValue best = null;
            double bestScore = -1;
            Column bestColumn = null;
            for (MatchedValue v : candidates) {
                Optional<Column> c = column(v.table(), v.column());
                if (c.isEmpty()) {
                    continue;
                }
                double score = near(v.matchedText(), c.get()) + (c.get().table() == plan.main ? 2 : 0)
                        + (plan.joined.contains(c.get().table()) ? 1 : 0)
                        + (mentions.stream().anyMatch(m -> m.column() == c.get()) ? 1.5 : 0)
                        + (mentions.stream().anyMatch(m -> m.isTable() && m.table() == c.get().table()) ? 0.5 : 0)
                        + (schema.path(plan.main, c.get().table()).map(p -> -0.2 * p.size()).orElse(-10.0));
                if (score > bestScore) {
                    best = v;
                    bestScore = score;
                    bestColumn = c.get();
                }
            }
            if (best != null && bestScore > -5 && !isTableWord(best.matchedText())
                    && !quotedUsed.contains(best.matchedText().toLowerCase())) {
                chosen.computeIfAbsent(bestColumn, k -> new LinkedHashSet<>()).add(best.value());
                saidAs.computeIfAbsent(bestColumn, k -> new ArrayList<>()).add(best.matchedText());
            }
        }
        for (Map.Entry<Column, Set<String>> e : chosen.entrySet()) {
            if (!plan.join(e.getKey().table())) {
                continue;
            }
            filterColumns.add(e.getKey());
            Set<String> vs = e.getValue();
            String condition = vs.size() == 1 ? QueryPlan.col(e.getKey()) + " = " + QueryPlan.literal(vs.iterator().next())
                    : QueryPlan.col(e.getKey()) + " IN (" + String.join(", ", vs.stream().map(QueryPlan::literal).toList())
                    + ")";
            int[] span = valueSpan(saidAs.get(e.getKey()));
            if (span != null && vs.size() >= 2 && span[0] >= 1 && q.raw.subList(Math.max(0, span[0] - 4), span[0])
                    .contains("both")) {
                // "in both the domain X and the domain Y": rows for each, the entity having all of them
                both = e.getKey();
                bothCount = vs.size();
            }
            if (span != null) {
                where(plan, condition, span[0], span[1]);
            } else {
                plan.where.add(condition);
            }
        }
    }

    /** Whether a text occurs in the question somewhere not inside an occurrence of a longer text of the others. */
    private boolean saidOutside(String text, Set<String> others) {
        int at = q.lower.indexOf(text);
        if (at < 0) {
            return true;
        }
        for (; at >= 0; at = q.lower.indexOf(text, at + 1)) {
            boolean inside = false;
            for (String other : others) {
                if (other.length() <= text.length() || !other.contains(text)) {
                    continue;
                }
                for (int o = q.lower.indexOf(other); o >= 0 && !inside; o = q.lower.indexOf(other, o + 1)) {
                    inside = o <= at && at + text.length() <= o + other.length();
                }
            }
            if (!inside) {
                return true;
            }
        }
        return false;
    }

    /** The tokens the texts of a column's values are said at, from the first to the last; null when not found. */
    private int[] valueSpan(List<String> texts) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (String text : texts) {
            int at = q.lower.indexOf(text.toLowerCase());
            if (at < 0) {
                return null;
            }
            int start = tokenAt(at);
            from = Math.min(from, start);
            to = Math.max(to, start + Math.max(1, Lexicon.words(text).size()));
        }
        return to < 0 ? null : new int[] {from, to};
    }

    /** How strongly the words around a value name its column ("from LAX", "the Computer Science program"). */
    private double near(String matched, Column c) {
        int at = q.lower.indexOf(matched.toLowerCase());
        if (at < 0) {
            return 0;
        }
        int start = tokenAt(at);
        int end = start + Lexicon.words(matched).size();
        double score = 0;
        int closest = -1;
        for (int k = Math.max(0, start - 3); k < start; k++) {
            if (q.raw.get(k).equals("from") || q.raw.get(k).equals("to")) {
                closest = k;
            }
        }
        for (int k = Math.max(0, start - 3); k < Math.min(q.size(), end + 2); k++) {
            if (k >= start && k < end) {
                continue;
            }
            String w = q.stem(k);
            String r = q.raw.get(k);
            if (c.words().contains(w) || c.words().contains(r)) {
                score += k < start && (r.equals("from") || r.equals("to")) ? (k == closest ? 3 : 0) : 1.5;
            } else if (c.table().words.contains(w)) {
                score += 1.5;
            }
        }
        return score;
    }

    private boolean isTableWord(String text) {
        List<String> words = Lexicon.content(text);
        return schema.tables.stream().anyMatch(t -> t.words.equals(words));
    }

    private Optional<Column> column(String table, String column) {
        return schema.tables.stream().filter(t -> t.name().equalsIgnoreCase(table)).findFirst()
                .flatMap(t -> t.column(column));
    }

    /**
     * A quoted text no value of the data matched (names of large tables are not indexed): a case-insensitive match
     * on the text column named just before it, or on the naming column of the table named just before.
     */
    private void quotedFilters(QueryPlan plan) {
        Matcher m = QUOTED.matcher(q.text);
        while (m.find()) {
            String text = m.group(1).strip();
            String lower = text.toLowerCase();
            if (text.isEmpty() || quotedUsed.contains(lower) || text.length() < 2
                    || values.stream().anyMatch(v -> v.matchedText().equalsIgnoreCase(text))
                    || q.lower.substring(Math.max(0, m.start() - 40), m.start()).matches(".*\\b(start|starts|starting|begin"
                    + "|begins|end|ends|ending|contain|contains|containing)\\s+with\\s+(the\\s+)?(letter\\s+|string\\s+|word\\s+)?$")) {
                continue;
            }
            int token = tokenAt(m.start());
            Column target = null;
            for (Mention x : mentions) {
                if (x.span().end() <= token && x.span().end() >= token - 4) {
                    Column c = x.column() != null ? x.column() : x.table().labels.isEmpty() ? null : x.table().labels.get(0);
                    if (c != null && c.kind() == Kind.TEXT && !filterColumns.contains(c)) {
                        target = c;
                    }
                }
            }
            if (target == null || !plan.join(target.table())) {
                continue;
            }
            quotedUsed.add(lower);
            filterColumns.add(target);
            where(plan, QueryPlan.col(target) + " ILIKE " + QueryPlan.literal("%" + text + "%"), token, tokenAt(m.end()));
        }
    }

    /** "names start with J", "contains 'M5'": a LIKE on the text column named just before. */
    private void patternFilters(QueryPlan plan) {
        Matcher m = STARTS.matcher(q.text);
        Column previous = null;
        int previousEnd = -1;
        while (m.find()) {
            String kind = m.group(1).toLowerCase();
            String text = m.group(2).strip();
            int token = tokenAt(m.start());
            Column target = null;
            for (Mention x : mentions) {
                if (x.span().start() < token && x.span().end() >= token - 6) {
                    Column c = x.column() != null ? x.column() : x.table().labels.isEmpty() ? null : x.table().labels.get(0);
                    if (c != null && c.kind() == Kind.TEXT) {
                        target = c;
                    }
                }
            }
            if (target == null && previous != null && token - previousEnd <= 2 && token > previousEnd
                    && Set.of("or", "and").contains(q.raw.get(token - 1))) {
                // "name starts with J or ends with 'ez'": the same column, not named again
                target = previous;
            }
            if (target == null || !plan.join(target.table())) {
                continue;
            }
            previous = target;
            previousEnd = tokenAt(m.end());
            String pattern = kind.startsWith("st") || kind.startsWith("beg") ? text + "%"
                    : kind.startsWith("end") ? "%" + text : "%" + text + "%";
            where(plan, QueryPlan.col(target) + " ILIKE " + QueryPlan.literal(pattern), token, tokenAt(m.end()));
            filterColumns.add(target);
        }
    }

    private static final Pattern QUOTED_IN = Pattern.compile("[\"'`]([^\"'`]{1,40})[\"'`]\\s+in\\s+(?:its|their|the|his|her)\\s+");

    /** "has 'M5' in its VIN number": a case-insensitive substring match on the column named after. */
    private void containsFilters(QueryPlan plan) {
        Matcher m = QUOTED_IN.matcher(q.text);
        while (m.find()) {
            int token = tokenAt(m.end());
            Optional<Mention> target = at(token, 3, token, plan.main);
            if (target.isEmpty()) {
                continue;
            }
            Column c = target.get().column() != null ? target.get().column()
                    : target.get().table().labels.isEmpty() ? null : target.get().table().labels.get(0);
            if (c == null || c.kind() != Kind.TEXT || !plan.join(c.table())) {
                continue;
            }
            where(plan, QueryPlan.col(c) + " ILIKE " + QueryPlan.literal("%" + m.group(1) + "%"), tokenAt(m.start()),
                    Math.max(token, target.get().span().end()));
            filterColumns.add(c);
            quotedUsed.add(m.group(1).toLowerCase());
        }
    }

    private static String operator(String words) {
        return switch (words) {
            case "at least", ">=" -> ">=";
            case "at most", "<=" -> "<=";
            case "less than", "fewer than", "under", "below", "lower than", "<" -> "<";
            default -> ">";
        };
    }

    private void comparisons(QueryPlan plan) {
        Matcher m = COMPARISON.matcher(q.lower);
        while (m.find()) {
            if (thresholdsSaid.contains(m.start())) {
                continue;
            }
            int token = tokenAt(m.start());
            // "with at least 5 transactions": a count of related rows, a condition on the group
            int after = tokenAt(m.end());
            Optional<Mention> counted = at(after, 2, after, plan.main).filter(Mention::isTable);
            if (counted.isPresent() && m.group(3) == null && schema.path(plan.main, counted.get().table()).isPresent()) {
                Table t = counted.get().table();
                String op = operator(m.group(1));
                havingTables.add(t);
                plan.having.add((t.key() != null ? "COUNT(DISTINCT " + QueryPlan.col(t.key()) + ")" : "COUNT(*)") + " "
                        + op + " " + m.group(2).replace(",", ""));
                continue;
            }
            Column target = null;
            int bestDistance = Integer.MAX_VALUE;
            for (Mention x : mentions) {
                if (x.column() != null && x.column().numeric()) {
                    int d = x.span().end() <= token ? token - x.span().end() : x.span().start() - token + 1;
                    if (d < bestDistance && d <= 6) {
                        bestDistance = d;
                        target = x.column();
                    }
                }
            }
            if (target == null || !plan.join(target.table())) {
                continue;
            }
            String op = operator(m.group(1));
            String number = m.group(2).replace(",", "");
            if (m.group(3) != null) {
                number = String.valueOf((long) (Double.parseDouble(number) * 1000));
            }
            where(plan, QueryPlan.col(target) + " " + op + " " + number, token, tokenAt(m.end()));
            filterColumns.add(target);
        }
    }

    private static final Pattern QUARTER = Pattern.compile("\\b(1st|first|2nd|second|3rd|third|4th|fourth|q1|q2|q3|q4)"
            + "\\s*(?:quarter\\s+)?(?:of|in)?\\s*((?:19|20)\\d{2})\\b");

    private void dates(QueryPlan plan) {
        Matcher quarter = QUARTER.matcher(q.lower);
        boolean quarterDone = false;
        if (quarter.find() && (q.lower.contains("quarter") || quarter.group(1).startsWith("q"))) {
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                String which = quarter.group(1);
                int n = which.startsWith("1") || which.equals("first") || which.equals("q1") ? 1
                        : which.startsWith("2") || which.equals("second") || which.equals("q2") ? 2
                        : which.startsWith("3") || which.equals("third") || which.equals("q3") ? 3 : 4;
                int y = Integer.parseInt(quarter.group(2));
                String from = String.format("%d-%02d-01", y, 3 * (n - 1) + 1);
                String until = n == 4 ? (y + 1) + "-01-01" : String.format("%d-%02d-01", y, 3 * n + 1);
                plan.where.add(QueryPlan.col(date) + " >= DATE '" + from + "'");
                plan.where.add(QueryPlan.col(date) + " < DATE '" + until + "'");
                filterColumns.add(date);
                quarterDone = true;
            }
        }
        if (q.lower.contains("weekend") || q.lower.contains("weekday")) {
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                plan.where.add("EXTRACT(DOW FROM " + QueryPlan.col(date) + ")" + (q.lower.contains("weekend") ? "" : " NOT")
                        + " IN (0, 6)");
            }
        }
        Matcher monthYear = MONTH_YEAR.matcher(q.lower);
        if (!quarterDone && monthYear.find()) {
            // "in March 2023": that calendar month
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                int month = MONTHS.indexOf(monthYear.group(1).substring(0, 3)) + 1;
                int y = Integer.parseInt(monthYear.group(2));
                plan.where.add(QueryPlan.col(date) + " >= DATE '" + String.format("%d-%02d-01", y, month) + "'");
                plan.where.add(QueryPlan.col(date) + " < DATE '" + (month == 12 ? (y + 1) + "-01-01"
                        : String.format("%d-%02d-01", y, month + 1)) + "'");
                filterColumns.add(date);
                quarterDone = true;
            }
        }
        Matcher current = CURRENT_PERIOD.matcher(q.lower);
        if (!quarterDone && current.find()) {
            // "this month", "the current year": from the start of the period, up to its end
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                String unit = current.group(1);
                plan.where.add(QueryPlan.col(date) + " >= DATE_TRUNC('" + unit + "', CURRENT_DATE)");
                plan.where.add(QueryPlan.col(date) + " < DATE_TRUNC('" + unit + "', CURRENT_DATE) + INTERVAL '1 " + unit + "'");
                filterColumns.add(date);
                quarterDone = true;
            }
        }
        Matcher today = TODAY.matcher(q.lower);
        if (!quarterDone && today.find() && !RELATIVE.matcher(q.lower).find() && explicitDates().isEmpty()) {
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                String c = QueryPlan.col(date);
                String d = date.info().type().toUpperCase().startsWith("TIMESTAMP") ? "CAST(" + c + " AS DATE)" : c;
                plan.where.add(d + " = " + (today.group(1).equals("today") ? "CURRENT_DATE" : "CURRENT_DATE - 1"));
                filterColumns.add(date);
                quarterDone = true;
            }
        }
        Matcher year = YEAR.matcher(q.lower);
        if (!quarterDone && year.find()) {
            String y = year.group(1);
            Column yearColumn = mentions.stream().map(Mention::column)
                    .filter(c -> c != null && c.words().equals(List.of("year")) && c.numeric()).findFirst().orElse(null);
            if (yearColumn == null) {
                for (Table t : plan.joined) {
                    for (Column c : t.columns) {
                        if (c.words().equals(List.of("year")) && c.numeric() && yearColumn == null) {
                            yearColumn = c;
                        }
                    }
                }
            }
            Column date = dateColumn(plan.main, plan);
            if (date != null && (yearColumn == null || yearColumn.table() != plan.main)) {
                plan.where.add(QueryPlan.col(date) + " >= DATE '" + y + "-01-01'");
                plan.where.add(QueryPlan.col(date) + " < DATE '" + (Integer.parseInt(y) + 1) + "-01-01'");
                filterColumns.add(date);
            } else if (yearColumn != null && plan.join(yearColumn.table())) {
                plan.where.add(QueryPlan.col(yearColumn) + " = " + y);
                filterColumns.add(yearColumn);
            }
        }
        Matcher rel = RELATIVE.matcher(q.lower);
        if (rel.find()) {
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                String n = rel.group(1) == null ? "1" : QuestionText.NUMBER_WORDS.containsKey(rel.group(1))
                        ? String.valueOf(QuestionText.NUMBER_WORDS.get(rel.group(1))) : rel.group(1);
                String unit = rel.group(2);
                boolean calendar = q.lower.matches(".*\\b(excluding|exclusive of|not including|except|before) (the )?"
                        + "(current|this)\\b.*") || q.lower.contains("calendar " + unit) || q.lower.contains("previous");
                if (calendar) {
                    plan.where.add(QueryPlan.col(date) + " >= DATE_TRUNC('" + unit + "', CURRENT_DATE) - INTERVAL '" + n
                            + " " + unit + "'");
                    plan.where.add(QueryPlan.col(date) + " < DATE_TRUNC('" + unit + "', CURRENT_DATE)");
                } else {
                    plan.where.add(QueryPlan.col(date) + " >= CURRENT_DATE - INTERVAL '" + n + " " + unit + "'");
                }
                filterColumns.add(date);
            }
        }
        List<String> explicit = explicitDates();
        if (!explicit.isEmpty()) {
            Column date = dateColumn(plan.main, plan);
            if (date != null) {
                String c = QueryPlan.col(date);
                String day = date.info().type().toUpperCase().startsWith("TIMESTAMP") ? "CAST(" + c + " AS DATE)" : c;
                if (explicit.size() >= 2 && (q.has("between") || q.has("from"))) {
                    plan.where.add(day + " BETWEEN DATE '" + explicit.get(0) + "' AND DATE '" + explicit.get(1) + "'");
                } else if (q.lower.contains("on or after") || q.lower.contains("since") || q.lower.contains("after")) {
                    plan.where.add(day + (q.lower.contains("on or after") || q.lower.contains("since") ? " >= " : " > ")
                            + "DATE '" + explicit.get(0) + "'");
                } else if (q.lower.contains("before")) {
                    plan.where.add(day + (q.lower.contains("on or before") ? " <= " : " < ") + "DATE '"
                            + explicit.get(0) + "'");
                } else {
                    plan.where.add(day + " = DATE '" + explicit.get(0) + "'");
                }
                filterColumns.add(date);
            }
        }
    }

    private List<String> explicitDates() {
        List<String> out = new ArrayList<>();
        Matcher iso = ISO_DATE.matcher(q.lower);
        while (iso.find()) {
            out.add(iso.group());
        }
        Matcher md = MONTH_DATE.matcher(q.lower);
        List<String> months = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
        while (md.find()) {
            String mon = md.group(1).substring(0, 3);
            out.add(String.format("%s-%02d-%02d", md.group(3), months.indexOf(mon) + 1, Integer.parseInt(md.group(2))));
        }
        return out.stream().distinct().toList();
    }

    /**
     * The date column the question means: one it names, else the one whose other words the question says
     * ("sold" → sale_date), of the joined tables or their neighbours, row-keeping stamps (created, crtd) last.
     */
    private Column dateColumn(Table main, QueryPlan plan) {
        for (Mention m : mentions) {
            if (m.column() != null && m.column().kind() == Kind.DATE && m.score() >= 1.5
                    && (plan.joined.contains(m.column().table()) || plan.join(m.column().table()))) {
                return m.column();
            }
        }
        Column best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Table t : schema.tables) {
            Optional<List<Edge>> path = schema.path(main, t);
            if (path.isEmpty() || path.get().size() > 1) {
                continue;
            }
            for (Column c : t.columns) {
                if (c.kind() != Kind.DATE) {
                    continue;
                }
                boolean stamp = c.words().contains("crtd") || c.words().contains("created") || c.words().contains("timestamp")
                        || c.words().contains("updated") || c.words().contains("modified");
                double score = (stamp ? -3 : 0) + (plan.joined.contains(t) ? 1 : 0) - t.columns.indexOf(c) * 0.01;
                for (String w : c.words()) {
                    if (!w.equals("date") && !w.equals("time") && q.stems.contains(w)) {
                        score += 1.5;
                    }
                }
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
        }
        if (best != null && !plan.joined.contains(best.table()) && (bestScore < 1 || !plan.join(best.table()))) {
            // a neighbour's date only when the question names it; else the joined tables' first date
            best = null;
            for (Table t : plan.joined) {
                for (Column c : t.columns) {
                    if (c.kind() == Kind.DATE && best == null) {
                        best = c;
                    }
                }
            }
        }
        return best;
    }

    private void booleans(QueryPlan plan) {
        if (q.lower.matches(".*\\band how many (do|does|did|are|is|were|have|has) not\\b.*")) {
            return;
        }
        for (Mention m : mentions) {
            Column c = m.column();
            if (c == null || !(c.kind() == Kind.BOOLEAN || flag(c)) || filterColumns.contains(c) || m.score() < 1.5) {
                continue;
            }
            int s = m.span().start();
            boolean negated = false;
            for (int k = Math.max(0, s - 4); k < s; k++) {
                String w = q.raw.get(k);
                if (w.equals("not") || w.equals("no") || w.equals("without") || w.equals("non") || w.equals("never")) {
                    negated = true;
                }
            }
            if (plan.join(c.table())) {
                where(plan, QueryPlan.col(c) + (c.kind() == Kind.BOOLEAN ? negated ? " = FALSE" : " = TRUE"
                        : negated ? " = 0" : " = 1"), s, m.span().end());
                filterColumns.add(c);
            }
        }
    }

    private static final Pattern FLAG_NAME = Pattern.compile("(?:is|has)(?:_|[A-Z])\\w*|(?:is|has)[a-z]{3,}");
    private static final Pattern INTEGER_TYPE = Pattern.compile("(?i)(tiny|small|big)?int(eger)?\\d?|number\\(1(,\\s*0)?\\)|bit");

    /** A yes/no kept as a 0/1 number: an integer column named is_… or has_… ("is_open", "hasParking"). */
    static boolean flag(Column c) {
        return c.kind() == Kind.NUMBER && FLAG_NAME.matcher(c.name()).matches()
                && INTEGER_TYPE.matcher(c.info().type().strip()).matches();
    }

    /** "customers who have not made any transactions": no related row in the named table. */
    private void absence(QueryPlan plan) {
        if (includingNone()) {
            return;
        }
        Matcher m = Pattern.compile("\\b(?:not|no|never|without)\\b(?:\\s+\\w+){0,4}?\\s+(?:any|no)?\\s*").matcher(q.lower);
        if (!(q.lower.contains(" not ") || q.lower.contains(" no ") || q.lower.contains("without") || q.lower.contains(" never ")
                || q.lower.contains("n't "))) {
            return;
        }
        int negation = -1;
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            if (w.equals("not") || w.equals("no") || w.equals("without") || w.equals("never") || w.equals("t")) {
                negation = i;
                break;
            }
        }
        if (negation < 0) {
            return;
        }
        for (Mention x : mentions) {
            if (x.isTable() && x.span().start() > negation && x.span().start() <= negation + 6 && x.table() != plan.main) {
                for (Edge e : schema.edges(plan.main)) {
                    if (e.to().table() == x.table()) {
                        absent.add(x.table());
                        plan.where.add("NOT EXISTS (SELECT 1 FROM " + QueryPlan.ident(x.table().name()) + " WHERE "
                                + QueryPlan.col(e.to()) + " = " + QueryPlan.col(e.from()) + ")");
                        return;
                    }
                }
            }
        }
        // "products that have never been ordered", "books not reviewed": a verb naming a related table
        for (int k = negation + 1; k < Math.min(q.size(), negation + 4); k++) {
            String w = q.raw.get(k);
            if (!w.endsWith("ed") || w.length() < 5) {
                continue;
            }
            Set<String> forms = Set.of(w.substring(0, w.length() - 2), w.substring(0, w.length() - 1));
            for (Edge e : schema.edges(plan.main)) {
                Table t = e.to().table();
                if (t != plan.main && !t.words.isEmpty() && forms.contains(t.words.get(t.words.size() - 1))) {
                    absent.add(t);
                    plan.where.add("NOT EXISTS (SELECT 1 FROM " + QueryPlan.ident(t.name()) + " WHERE "
                            + QueryPlan.col(e.to()) + " = " + QueryPlan.col(e.from()) + ")");
                    return;
                }
            }
        }
        m.reset();
    }

    // ---- order and size ---------------------------------------------------------------------------------

    private int topN() {
        Matcher m = TOP_N.matcher(q.lower);
        if (m.find()) {
            String n = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            return QuestionText.NUMBER_WORDS.containsKey(n) ? QuestionText.NUMBER_WORDS.get(n) : Integer.parseInt(n);
        }
        return -1;
    }

    /** DESC or ASC when the question asks for an extreme or an order; null when it does not. */
    private String direction() {
        if (q.lower.contains("descending") || q.lower.contains("highest to lowest") || q.lower.contains("most to least")) {
            return "DESC";
        }
        if (q.lower.contains("ascending") || q.lower.contains("lowest to highest") || q.lower.contains("least to most")) {
            return "ASC";
        }
        for (int i = 0; i < q.size(); i++) {
            String w = q.raw.get(i);
            if (w.equals("most") && i + 1 < q.size() && q.raw.get(i + 1).equals("recent")) {
                return "DESC";
            }
            if ((w.equals("least") || w.equals("most")) && i > 0 && q.raw.get(i - 1).equals("at")) {
                // "at least 4", "at most 3": a bound, not a superlative
                continue;
            }
            if (DESC_WORDS.contains(w)) {
                return "DESC";
            }
            if (ASC_WORDS.contains(w)) {
                return "ASC";
            }
        }
        return null;
    }
}
