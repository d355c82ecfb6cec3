package io.kurobe.generation;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.TableInfo;
import io.kurobe.model.MatchedValue;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A deterministic generator that needs no model: it answers counting, aggregate and listing questions
 * over one table of whatever schema it is given. It picks the table whose name or columns the question
 * names, the aggregate its words ask for, a GROUP BY for "by/per X", a half-open range on the table's
 * date column for a year, and equality filters for values of the table's text columns. What it cannot
 * map it declines, saying why.
 */
@ApplicationScoped
public class SimpleGenerator implements SqlGenerator {
    public static final String NAME = "simple";

    private enum Aggregate {
        COUNT("count", "number_of_"), SUM("sum", "sum_"), AVG("avg", "avg_"), MAX("max", "max_"), MIN("min", "min_");

        final String function;
        final String aliasPrefix;

        Aggregate(String function, String aliasPrefix) {
            this.function = function;
            this.aliasPrefix = aliasPrefix;
        }
    }

    private static final List<String> COUNT_WORDS = List.of("how many", "number of", "count");
    private static final List<String> SUM_WORDS = List.of("total", "sum");
    private static final List<String> AVG_WORDS = List.of("average", "avg", "mean");
    private static final List<String> MAX_WORDS = List.of("maximum", "max", "highest", "largest", "biggest", "most expensive");
    private static final List<String> MIN_WORDS = List.of("minimum", "min", "lowest", "smallest", "cheapest");
    private static final List<String> LIST_WORDS = List.of("list", "show", "which", "what are", "give", "display",
            "find", "get", "all", "see", "view", "who");
    private static final Set<String> TIME_UNITS = Set.of("year", "quarter", "month", "week", "day");
    private static final Set<String> FILLERS = Set.of("the", "a", "an", "each", "every", "their", "its");
    private static final Set<String> NUMERIC_TYPES = Set.of("INTEGER", "INT", "BIGINT", "SMALLINT", "TINYINT",
            "HUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "INT2", "INT4", "INT8", "DECIMAL", "NUMERIC",
            "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8", "REAL");
    private static final Set<String> TEXT_TYPES = Set.of("VARCHAR", "TEXT", "CHAR", "STRING", "CHARACTER VARYING",
            "CHARACTER", "BPCHAR", "NVARCHAR");
    private static final Pattern SIMPLE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("order", "group", "select", "from", "where", "user", "table",
            "limit", "by", "desc", "asc", "end", "case", "when", "to", "default", "offset", "union", "all", "and", "or");
    private static final Pattern TOP_N = Pattern.compile("\\b(?:top|first|last)\\s+(\\d{1,6})\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Generated generate(GenerationRequest request) {
        QuestionWords question = new QuestionWords(request.question());
        Optional<TableInfo> found = bestTable(question, request.schema().tables());
        if (found.isEmpty()) {
            return Generated.none("no table of the schema matches the question's words (tables: "
                    + request.schema().tables().stream().map(TableInfo::name).collect(Collectors.joining(", ")) + ")");
        }
        TableInfo table = found.get();
        Optional<String> elsewhere = valueOfAnotherTable(table, request.values());
        if (elsewhere.isPresent()) {
            return Generated.none(elsewhere.get());
        }
        List<String> where = new ArrayList<>();
        Optional<YearRange> years = YearRange.of(request.question());
        if (years.isPresent()) {
            Optional<ColumnInfo> date = dateColumn(question, table);
            if (date.isEmpty()) {
                return Generated.none("the question names " + years.get().text() + " but table " + table.name()
                        + " has no date column to filter on");
            }
            where.addAll(years.get().conditions(identifier(date.get().name())));
        }
        where.addAll(valueFilters(question, table, request.values()));

        Optional<Aggregate> aggregate = aggregate(question);
        Optional<String> group = grouping(question, table);
        if (aggregate.isEmpty() && group.isEmpty()) {
            if (!question.hasAny(LIST_WORDS) && !question.contains(QuestionWords.of(table.name()))) {
                return Generated.none("the question asks neither to count, to aggregate nor to list " + table.name());
            }
            return Generated.sql(listing(request, table, where));
        }
        Aggregate function = aggregate.orElse(Aggregate.COUNT);
        String measure;
        if (function == Aggregate.COUNT) {
            measure = "count(*) AS " + identifier(function.aliasPrefix + table.name().replace('.', '_'));
        } else {
            Optional<ColumnInfo> column = numericColumn(question, table);
            if (column.isEmpty()) {
                return Generated.none("the question asks for " + function.function + " but names none of the numbers of "
                        + table.name() + ": " + numericNames(table));
            }
            measure = function.function + "(" + identifier(column.get().name()) + ") AS "
                    + identifier(function.aliasPrefix + column.get().name());
        }
        return Generated.sql(aggregateSql(table, measure, group, where));
    }

    /** The table whose name the question says (longest name first), else the one with most columns named. */
    private static Optional<TableInfo> bestTable(QuestionWords question, List<TableInfo> tables) {
        TableInfo best = null;
        int bestScore = 0;
        for (TableInfo table : tables) {
            List<String> name = QuestionWords.of(table.name());
            int score = question.contains(name) ? 10 * name.size() : 0;
            for (ColumnInfo column : table.columns()) {
                score += question.contains(meaningful(column.name())) ? 1 : 0;
            }
            if (score > bestScore) {
                best = table;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A value of the question found in another table needs a join, which this generator does not write. */
    private static Optional<String> valueOfAnotherTable(TableInfo table, List<MatchedValue> values) {
        return values.stream()
                .filter(v -> !v.table().equals(table.name()))
                .findFirst()
                .map(v -> "the question's '" + v.matchedText() + "' is a value of " + v.table() + "." + v.column()
                        + ", which needs a join; the simple generator answers over one table (" + table.name() + ")");
    }

    private static Optional<Aggregate> aggregate(QuestionWords question) {
        if (question.hasAny(AVG_WORDS)) {
            return Optional.of(Aggregate.AVG);
        }
        if (question.hasAny(MAX_WORDS)) {
            return Optional.of(Aggregate.MAX);
        }
        if (question.hasAny(MIN_WORDS)) {
            return Optional.of(Aggregate.MIN);
        }
        if (question.hasAny(COUNT_WORDS)) {
            return Optional.of(Aggregate.COUNT);
        }
        return question.hasAny(SUM_WORDS) ? Optional.of(Aggregate.SUM) : Optional.empty();
    }

    /** "by status", "per month": a column of the table, or a time unit of its date column. */
    private static Optional<String> grouping(QuestionWords question, TableInfo table) {
        for (String marker : List.of("by", "per", "each", "across")) {
            for (List<String> following : question.after(marker, 4)) {
                List<String> words = following.stream().dropWhile(FILLERS::contains).toList();
                if (words.isEmpty()) {
                    continue;
                }
                if (TIME_UNITS.contains(words.get(0))) {
                    Optional<ColumnInfo> date = dateColumn(question, table);
                    if (date.isPresent()) {
                        String truncated = "date_trunc('" + words.get(0) + "', " + identifier(date.get().name()) + ")";
                        // date_trunc may widen a DATE to a TIMESTAMP; a day stays a day
                        if (baseType(date.get().type()).equals("DATE")) {
                            truncated = "CAST(" + truncated + " AS DATE)";
                        }
                        return Optional.of(truncated + " AS " + identifier(words.get(0)));
                    }
                }
                for (int n = Math.min(3, words.size()); n >= 1; n--) {
                    List<String> phrase = words.subList(0, n);
                    for (ColumnInfo column : table.columns()) {
                        if (meaningful(column.name()).equals(phrase) || QuestionWords.of(column.name()).equals(phrase)) {
                            return Optional.of(identifier(column.name()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The numeric column whose name the question says most of; keys only when named in full. */
    private static Optional<ColumnInfo> numericColumn(QuestionWords question, TableInfo table) {
        List<ColumnInfo> numbers = table.columns().stream().filter(c -> isType(c, NUMERIC_TYPES)).toList();
        Optional<ColumnInfo> named = numbers.stream()
                .filter(c -> !isKey(c) || question.contains(QuestionWords.of(c.name())))
                .filter(c -> question.count(QuestionWords.of(c.name())) > 0)
                .max(Comparator.comparingInt(c -> question.count(QuestionWords.of(c.name()))));
        if (named.isPresent()) {
            return named;
        }
        List<ColumnInfo> measures = numbers.stream().filter(c -> !isKey(c)).toList();
        return measures.size() == 1 ? Optional.of(measures.get(0)) : Optional.empty();
    }

    /** The date column whose name, then comment, shares most words with the question; else the first. */
    private static Optional<ColumnInfo> dateColumn(QuestionWords question, TableInfo table) {
        List<String> tableWords = QuestionWords.of(table.name());
        return table.columns().stream()
                .filter(SimpleGenerator::isDate)
                .max(Comparator.comparingInt(c -> 2 * question.count(QuestionWords.of(c.name()))
                        + question.count(QuestionWords.of(c.comment()).stream()
                                .filter(w -> w.length() > 3 && !tableWords.contains(w)).toList())));
    }

    /** column = 'value' (or IN) for each text column of the table with values the question names. */
    private static List<String> valueFilters(QuestionWords question, TableInfo table, List<MatchedValue> matched) {
        List<String> filters = new ArrayList<>();
        for (ColumnInfo column : table.columns()) {
            if (column.primaryKey() || !isType(column, TEXT_TYPES)) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            matched.stream().filter(v -> v.table().equals(table.name()) && v.column().equals(column.name()))
                    .forEach(v -> values.add(v.value()));
            column.examples().stream().filter(question::mentionsValue).forEach(values::add);
            if (values.size() == 1) {
                filters.add(identifier(column.name()) + " = " + literal(values.iterator().next()));
            } else if (values.size() > 1) {
                filters.add(identifier(column.name()) + " IN ("
                        + values.stream().map(SimpleGenerator::literal).collect(Collectors.joining(", ")) + ")");
            }
        }
        return filters;
    }

    private static String listing(GenerationRequest request, TableInfo table, List<String> where) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(table.columns().stream().map(c -> identifier(c.name())).collect(Collectors.joining(", ")))
                .append(" FROM ").append(identifier(table.name()));
        appendWhere(sql, where);
        List<String> keys = table.columns().stream().filter(ColumnInfo::primaryKey).map(c -> identifier(c.name())).toList();
        if (!keys.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", keys));
        }
        Matcher top = TOP_N.matcher(request.question());
        int limit = top.find() ? Math.min(Integer.parseInt(top.group(1)), request.rowLimit()) : request.rowLimit();
        return sql.append(" LIMIT ").append(Math.max(1, limit)).toString();
    }

    private static String aggregateSql(TableInfo table, String measure, Optional<String> group, List<String> where) {
        StringBuilder sql = new StringBuilder("SELECT ");
        group.ifPresent(g -> sql.append(g).append(", "));
        sql.append(measure).append(" FROM ").append(identifier(table.name()));
        appendWhere(sql, where);
        group.ifPresent(g -> sql.append(" GROUP BY 1 ORDER BY 1"));
        return sql.toString();
    }

    private static void appendWhere(StringBuilder sql, List<String> where) {
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
    }

    /** A column's words without a trailing "id" (region_id → [region]); "id" alone stays. */
    private static List<String> meaningful(String column) {
        List<String> words = QuestionWords.of(column);
        return words.size() > 1 && words.get(words.size() - 1).equals("id") ? words.subList(0, words.size() - 1) : words;
    }

    private static boolean isKey(ColumnInfo column) {
        String name = column.name().toLowerCase(Locale.ROOT);
        return column.primaryKey() || name.equals("id") || name.endsWith("_id");
    }

    private static boolean isDate(ColumnInfo column) {
        String type = baseType(column.type());
        return type.equals("DATE") || type.equals("DATETIME") || type.startsWith("TIMESTAMP");
    }

    private static boolean isType(ColumnInfo column, Set<String> types) {
        return types.contains(baseType(column.type()));
    }

    private static String baseType(String type) {
        String upper = type.toUpperCase(Locale.ROOT).strip();
        int paren = upper.indexOf('(');
        return paren < 0 ? upper : upper.substring(0, paren).strip();
    }

    private static String numericNames(TableInfo table) {
        return table.columns().stream().filter(c -> isType(c, NUMERIC_TYPES) && !isKey(c)).map(ColumnInfo::name)
                .collect(Collectors.joining(", "));
    }

    /** Quotes an identifier only where it must be; a qualified name (schema.table) is quoted part by part. */
    static String identifier(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            parts.add(SIMPLE_IDENTIFIER.matcher(part).matches() && !RESERVED.contains(part)
                    ? part : '"' + part.replace("\"", "\"\"") + '"');
        }
        return String.join(".", parts);
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A year range named in the question, as SQL conditions on a date column. */
    record YearRange(LocalDate from, LocalDate until, String text) {
        private static final String YEAR = "((?:19|20)\\d{2})\\b";
        private static final Pattern BETWEEN = Pattern.compile(
                "\\b(?:between|from)\\s+" + YEAR + "\\s+(?:and|to|until|through)\\s+" + YEAR, Pattern.CASE_INSENSITIVE);
        private static final Pattern IN = Pattern.compile(
                "\\b(?:in|during|for|of|throughout|within)\\s+(?:the\\s+)?(?:year\\s+)?" + YEAR, Pattern.CASE_INSENSITIVE);
        private static final Pattern SINCE = Pattern.compile("\\bsince\\s+" + YEAR, Pattern.CASE_INSENSITIVE);
        private static final Pattern AFTER = Pattern.compile("\\bafter\\s+" + YEAR, Pattern.CASE_INSENSITIVE);
        private static final Pattern BEFORE = Pattern.compile("\\bbefore\\s+" + YEAR, Pattern.CASE_INSENSITIVE);

        static Optional<YearRange> of(String question) {
            Matcher m = BETWEEN.matcher(question);
            if (m.find()) {
                return Optional.of(new YearRange(start(m.group(1)), start(m.group(2)).plusYears(1), m.group()));
            }
            m = IN.matcher(question);
            if (m.find()) {
                return Optional.of(new YearRange(start(m.group(1)), start(m.group(1)).plusYears(1), m.group()));
            }
            m = SINCE.matcher(question);
            if (m.find()) {
                return Optional.of(new YearRange(start(m.group(1)), null, m.group()));
            }
            m = AFTER.matcher(question);
            if (m.find()) {
                return Optional.of(new YearRange(start(m.group(1)).plusYears(1), null, m.group()));
            }
            m = BEFORE.matcher(question);
            return m.find() ? Optional.of(new YearRange(null, start(m.group(1)), m.group())) : Optional.empty();
        }

        List<String> conditions(String column) {
            List<String> conditions = new ArrayList<>();
            if (from != null) {
                conditions.add(column + " >= DATE '" + from + "'");
            }
            if (until != null) {
                conditions.add(column + " < DATE '" + until + "'");
            }
            return conditions;
        }

        private static LocalDate start(String year) {
            return LocalDate.of(Integer.parseInt(year), 1, 1);
        }
    }
}
