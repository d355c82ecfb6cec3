package io.kurobe.generation.offline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A term the guidance defines by arithmetic over named quantities: {@code GPM = (total revenue - total cost) /
 * total cost * 100}. Each operand is a phrase the planner maps to an aggregate ("total revenue", "number of sales",
 * "Tax") or a number; the expression is rendered over those aggregates, every division safe from zero and done in
 * floating point.
 */
final class Formula {
    /** Operators: + * / ( ) anywhere, and a minus between spaces ("one-way" is a word, not a subtraction). */
    private static final Pattern TOKEN = Pattern.compile("\\s+-\\s+|[()*/+]");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** A node of the expression: an operand phrase (leaf) or an operator over two nodes. */
    private record Node(String leaf, char op, Node left, Node right) {
        boolean isLeaf() {
            return leaf != null;
        }
    }

    final String term;
    private final Node root;

    private Formula(String term, Node root) {
        this.term = term;
        this.root = root;
    }

    /** The formula a definition's text holds, when it parses and names at least two quantities. */
    static Optional<Formula> parse(String term, String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            tokens.add(text.substring(last, m.start()));
            tokens.add(m.group().strip());
            last = m.end();
        }
        tokens.add(text.substring(last));
        List<String> cleaned = new ArrayList<>();
        for (String t : tokens) {
            String s = t.strip();
            if (!s.isEmpty()) {
                cleaned.add(s);
            }
        }
        Parser p = new Parser(cleaned);
        Node root = p.expression();
        if (root == null || p.at != cleaned.size() || root.isLeaf()) {
            return Optional.empty();
        }
        Formula f = new Formula(term, root);
        if (f.quantities().size() < 2 && !f.hasDivision(root)) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** The operand phrases that are not numbers, in order, each once. */
    List<String> quantities() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        collect(root, out);
        return new ArrayList<>(out);
    }

    private static void collect(Node n, LinkedHashSet<String> out) {
        if (n.isLeaf()) {
            if (!NUMBER.matcher(n.leaf()).matches()) {
                out.add(n.leaf());
            }
            return;
        }
        collect(n.left(), out);
        collect(n.right(), out);
    }

    private boolean hasDivision(Node n) {
        return !n.isLeaf() && (n.op() == '/' || hasDivision(n.left()) || hasDivision(n.right()));
    }

    /** The SQL of the expression with each quantity rendered by the given function (null: cannot render). */
    String render(Function<String, String> quantity) {
        return render(root, quantity);
    }

    private static String render(Node n, Function<String, String> quantity) {
        if (n.isLeaf()) {
            if (NUMBER.matcher(n.leaf()).matches()) {
                return n.leaf();
            }
            String sql = quantity.apply(n.leaf());
            return sql == null ? null : sql;
        }
        String a = render(n.left(), quantity);
        String b = render(n.right(), quantity);
        if (a == null || b == null) {
            return null;
        }
        return switch (n.op()) {
            case '/' -> "CAST(" + a + " AS FLOAT) / NULLIF(" + b + ", 0)";
            case '*' -> "(" + a + ") * (" + b + ")";
            default -> "(" + a + " " + n.op() + " " + b + ")";
        };
    }

    /** The alias of the rendered column: the term, lower-cased. */
    String alias() {
        return QueryPlan.ident(term.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
    }

    /** expression := term (('+' | '-') term)*; term := factor (('*' | '/') factor)*; factor := '(' expression ')' | leaf. */
    private static final class Parser {
        private final List<String> tokens;
        int at;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : null;
        }

        Node expression() {
            Node left = term();
            while (left != null && ("+".equals(peek()) || "-".equals(peek()))) {
                char op = tokens.get(at++).charAt(0);
                Node right = term();
                if (right == null) {
                    return null;
                }
                left = new Node(null, op, left, right);
            }
            return left;
        }

        private Node term() {
            Node left = factor();
            while (left != null && ("*".equals(peek()) || "/".equals(peek()))) {
                char op = tokens.get(at++).charAt(0);
                Node right = factor();
                if (right == null) {
                    return null;
                }
                left = new Node(null, op, left, right);
            }
            return left;
        }

        private Node factor() {
            String t = peek();
            if (t == null || t.equals(")") || t.equals("*") || t.equals("/") || t.equals("+") || t.equals("-")) {
                return null;
            }
            at++;
            if (t.equals("(")) {
                Node inner = expression();
                if (inner == null || !")".equals(peek())) {
                    return null;
                }
                at++;
                return inner;
            }
            return new Node(t, ' ', null, null);
        }
    }
}
