package io.kurobe.data.guard;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.FilterOverImpl;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.IntervalQualifier;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonFunctionExpression;
import net.sf.jsqlparser.expression.JsonKeyValuePair;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.MapExpression;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.NumericBind;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.OrderByClause;
import net.sf.jsqlparser.expression.OverlapsCondition;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.PartitionByClause;
import net.sf.jsqlparser.expression.PostgresNamedFunctionParameter;
import net.sf.jsqlparser.expression.RangeExpression;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.UserVariable;
import net.sf.jsqlparser.expression.VariableAssignment;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Database;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FunctionAllColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.MinusOp;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SampleClause;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.UnPivot;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithCycleClause;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.select.WithSearchClause;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every node of a parsed query. The walk goes through each field of each parser object by reflection, so a
 * function call or table cannot hide in a corner of the tree that a hand-written visitor forgets; node classes
 * outside an allowlist of read-only query constructs are refused.
 */
final class QueryWalker {
    private static final String PARSER_PACKAGE = "net.sf.jsqlparser.";
    private static final String PARSER_INTERNALS = "net.sf.jsqlparser.parser.";
    private static final String OPERATORS = "net.sf.jsqlparser.expression.operators.";
    private static final int SHOWN_CHARS = 80;
    private static final List<String> RAW_CODE = List.of("(", ")", ";", "'", "\"", "--", "/*", "*/");
    /** A type name with numeric modifiers, as the parser keeps it: numeric (10, 2), timestamp(3) with time zone. */
    private static final Pattern TYPE_NAME =
            Pattern.compile("[\\w\\s.]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)*\\))?[\\w\\s]*(\\[\\s*\\d*\\s*])*");
    /** Literals print the one lexer token they were read from; their content is data, not code. */
    private static final Set<Class<?>> LITERALS = Set.of(StringValue.class, HexValue.class, LongValue.class,
            DoubleValue.class, DateValue.class, TimeValue.class, TimestampValue.class);

    private static final Set<Class<?>> ALLOWED_NODES = Set.of(
            // query structure
            PlainSelect.class, SetOperationList.class, ParenthesedSelect.class, LateralSubSelect.class,
            Values.class, TableStatement.class, WithItem.class, WithSearchClause.class, WithCycleClause.class,
            SelectItem.class, AllColumns.class, AllTableColumns.class, FunctionAllColumns.class, Distinct.class,
            Join.class, ParenthesedFromItem.class, TableFunction.class, SampleClause.class, Pivot.class,
            UnPivot.class, GroupByElement.class, OrderByElement.class, Limit.class, Offset.class, Fetch.class,
            UnionOp.class, IntersectOp.class, ExceptOp.class, MinusOp.class, Alias.class,
            Table.class, Database.class, Column.class,
            // expressions
            Function.class, AnalyticExpression.class, FilterOverImpl.class, WindowDefinition.class,
            WindowElement.class, WindowOffset.class, WindowRange.class, PartitionByClause.class, OrderByClause.class,
            CaseExpression.class, WhenClause.class, CastExpression.class, ColDataType.class, ColumnDefinition.class,
            CollateExpression.class, ExtractExpression.class, TrimFunction.class, IntervalExpression.class,
            IntervalQualifier.class,
            DateUnitExpression.class, DateTimeLiteralExpression.class, TimeKeyExpression.class,
            TimezoneExpression.class, OverlapsCondition.class, SignedExpression.class, NotExpression.class,
            Parenthesis.class, ArrayConstructor.class, ArrayExpression.class, RangeExpression.class,
            RowConstructor.class, RowGetExpression.class, AnyComparisonExpression.class, LambdaExpression.class,
            StructType.class, MapExpression.class, JsonExpression.class, JsonFunction.class,
            JsonFunctionExpression.class, JsonKeyValuePair.class, JsonAggregateFunction.class,
            PostgresNamedFunctionParameter.class, OracleNamedFunctionParameter.class,
            // literals
            StringValue.class, LongValue.class, DoubleValue.class, HexValue.class, BooleanValue.class,
            NullValue.class, AllValue.class, DateValue.class, TimeValue.class, TimestampValue.class);

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private final GuardPolicy policy;
    /** The nodes from the root to here: a node met again on its own path would be a cycle, not a subtree. */
    private final Set<Object> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

    private QueryWalker(GuardPolicy policy) {
        this.policy = policy;
    }

    /** Throws {@link Rejection} at the first node the policy does not allow. */
    static void check(Select query, GuardPolicy policy) {
        new QueryWalker(policy).walk(query, Set.of(), null);
    }

    /** The owner is the parser node whose field holds this value, to judge the raw text it may carry. */
    private void walk(Object node, Set<String> ctes, Object owner) {
        if (node == null || node instanceof Number || node instanceof Boolean || node instanceof Character
                || node instanceof Enum || node.getClass().isArray()
                && node.getClass().getComponentType().isPrimitive()) {
            return;
        }
        if (node instanceof CharSequence) {
            requirePlainText(node.toString(), owner);
        } else if (node instanceof Collection) {
            for (Object element : (Collection<?>) node) {
                walk(element, ctes, owner);
            }
        } else if (node instanceof Map) {
            walk(((Map<?, ?>) node).entrySet(), ctes, owner);
        } else if (node instanceof Map.Entry) {
            walk(((Map.Entry<?, ?>) node).getKey(), ctes, owner);
            walk(((Map.Entry<?, ?>) node).getValue(), ctes, owner);
        } else if (node instanceof Object[]) {
            walk(Arrays.asList((Object[]) node), ctes, owner);
        } else if (node instanceof Optional) {
            walk(((Optional<?>) node).orElse(null), ctes, owner);
        } else if (!node.getClass().getName().startsWith(PARSER_PACKAGE)) {
            throw new Rejection(shown(owner) + " is not allowed: the guard cannot check a "
                    + node.getClass().getSimpleName() + " in it");
        } else if (!node.getClass().getName().startsWith(PARSER_INTERNALS) && onPath.add(node)) {
            walkNode(node, ctes);
            onPath.remove(node);
        }
    }

    private void walkNode(Object node, Set<String> ctes) {
        requireAllowed(node);
        if (node instanceof Select) {
            walkSelect((Select) node, ctes);
        } else {
            // children first, so the innermost offender names the reason: system.query, not the TABLE(…) around it
            walkFields(node, ctes, Set.of());
            inspect(node, ctes);
        }
    }

    /**
     * Names, keywords and type names the parser keeps as text are printed back verbatim, so they must be one plain
     * token: a parenthesis, quote or semicolon in them is code the walk would not have seen.
     */
    private static void requirePlainText(String text, Object owner) {
        if (owner == null || LITERALS.contains(owner.getClass()) || isQuotedToken(text)
                || owner instanceof ColDataType && TYPE_NAME.matcher(text).matches()) {
            return;
        }
        for (String code : RAW_CODE) {
            if (text.contains(code)) {
                throw new Rejection(shown(owner) + " is not allowed: the guard reads \"" + text + "\" in it as raw"
                        + " text, not as checked SQL; write it more plainly");
            }
        }
    }

    private static boolean isQuotedToken(String text) {
        if (text.length() < 2) {
            return false;
        }
        char quote = text.charAt(0);
        if ((quote != '"' && quote != '\'') || text.charAt(text.length() - 1) != quote) {
            return false;
        }
        String inside = text.substring(1, text.length() - 1);
        return inside.replace(String.valueOf(quote).repeat(2), "").indexOf(quote) < 0
                && !(quote == '\'' && (inside.endsWith("\\") || inside.contains("\\'")));
    }

    private void requireAllowed(Object node) {
        Class<?> type = node.getClass();
        while (type.getEnclosingClass() != null) {
            type = type.getEnclosingClass();
        }
        if (ALLOWED_NODES.contains(type) || type.getName().startsWith(OPERATORS)) {
            return;
        }
        if (node instanceof JdbcParameter || node instanceof JdbcNamedParameter || node instanceof NumericBind
                || node instanceof UserVariable || node instanceof VariableAssignment) {
            throw new Rejection("parameters and variables are not allowed (" + shown(node)
                    + "): write the values into the query");
        }
        if (node instanceof NextValExpression) {
            throw new Rejection(shown(node) + " is not allowed: it advances a sequence");
        }
        throw new Rejection(shown(node) + " is not allowed: the guard accepts only read-only queries in "
                + policy.engine().dialect() + " syntax (" + type.getSimpleName() + ")");
    }

    private void walkSelect(Select select, Set<String> outer) {
        SelectClauses.check(select);
        List<WithItem<?>> withItems = select.getWithItemsList();
        Set<String> ctes = outer;
        if (withItems != null && !withItems.isEmpty()) {
            ctes = walkWithItems(withItems, outer);
        }
        walkFields(select, ctes, Set.of("withItemsList"));
    }

    /** CTE names are visible to the later items (to all of them under RECURSIVE) and to the query body. */
    private Set<String> walkWithItems(List<WithItem<?>> items, Set<String> outer) {
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        List<String> names = new ArrayList<>();
        for (WithItem<?> item : items) {
            names.add(Names.unquote(item.getAlias().getName()));
        }
        for (int i = 0; i < items.size(); i++) {
            WithItem<?> item = items.get(i);
            if (!(item.getStatement() instanceof ParenthesedSelect)) {
                throw new Rejection("WITH " + item.getAlias().getName() + " AS (" + statementKeyword(item)
                        + " …) is a data-modifying CTE: only SELECT may appear inside WITH");
            }
            walkFields(item, plus(outer, recursive ? names : names.subList(0, i)), Set.of());
        }
        return plus(outer, names);
    }

    private void inspect(Object node, Set<String> ctes) {
        String reason = null;
        if (node instanceof Function && !(node instanceof TableFunction)) {
            // a TableFunction only wraps the Function that names it, which the walk reaches next
            reason = FunctionRules.rejection(policy.engine(), ((Function) node).getMultipartName());
        } else if (node instanceof AnalyticExpression) {
            reason = FunctionRules.rejection(policy.engine(), List.of(((AnalyticExpression) node).getName()));
        } else if (node instanceof Table) {
            reason = TableRules.rejection((Table) node, policy, ctes);
        } else if (node instanceof Column) {
            reason = columnRejection((Column) node);
        } else if (node instanceof TimeKeyExpression) {
            reason = FunctionRules.sessionValueRejection(policy.engine(),
                    ((TimeKeyExpression) node).getStringValue());
        } else if (node instanceof Alias) {
            reason = dollarRejection(((Alias) node).getName());
        } else if (node instanceof StringValue) {
            reason = stringRejection((StringValue) node);
        }
        if (reason != null) {
            throw new Rejection(reason);
        }
    }

    private String columnRejection(Column column) {
        String name = column.getColumnName();
        if (column.getTable() == null || column.getTable().getName() == null) {
            String session = Names.isQuoted(name) ? null : FunctionRules.sessionValueRejection(policy.engine(), name);
            if (session != null) {
                return session;
            }
        }
        return dollarRejection(name);
    }

    /** PostgreSQL reads a name starting with $ as a dollar quote or a parameter, not as the identifier we checked. */
    private static String dollarRejection(String name) {
        if (name != null && name.trim().startsWith("$")) {
            return "the name " + name + " is not allowed: names may not start with $";
        }
        return null;
    }

    /** With backslash escapes on (MySQL, old PostgreSQL settings) such a literal would end somewhere else. */
    private static String stringRejection(StringValue string) {
        String value = string.getValue();
        if (value != null && "'".equals(string.getQuoteStr()) && (value.endsWith("\\") || value.contains("\\'"))) {
            return "the string '" + value + "' is not allowed: a backslash before a quote is read differently by"
                    + " engines with backslash escapes; remove the backslash";
        }
        return null;
    }

    private void walkFields(Object node, Set<String> ctes, Set<String> skipped) {
        for (Field field : FIELDS.get(node.getClass())) {
            if (skipped.contains(field.getName()) || isNameOnly(node, field)) {
                continue;
            }
            try {
                walk(field.get(node), ctes, node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read parser field " + field, e);
            }
        }
    }

    /** The table part of a column reference names a FROM item or alias, not a relation to read. */
    private static boolean isNameOnly(Object node, Field field) {
        return (node instanceof Column || node instanceof AllTableColumns) && field.getName().equals("table")
                || node instanceof Table && field.getName().equals("resolvedTable");
    }

    private static String statementKeyword(WithItem<?> item) {
        String text = String.valueOf(item.getStatement());
        String trimmed = text.replaceFirst("^[\\s(]+", "");
        int end = trimmed.indexOf(' ');
        return (end < 0 ? trimmed : trimmed.substring(0, end)).toUpperCase(Locale.ROOT);
    }

    private static Set<String> plus(Set<String> names, Collection<String> more) {
        if (more.isEmpty()) {
            return names;
        }
        Set<String> out = new HashSet<>(names);
        out.addAll(more);
        return out;
    }

    static String shown(Object node) {
        String text = String.valueOf(node).replaceAll("\\s+", " ").trim();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }
}
