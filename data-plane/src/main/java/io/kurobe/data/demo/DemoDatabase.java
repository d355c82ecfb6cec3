package io.kurobe.data.demo;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo sales database: regions, customers, products, orders and order lines from 2021 to 2025, with
 * growth and seasonality. A fixed seed makes every run produce the same data.
 */
public final class DemoDatabase {
    static final long SEED = 20_240_611L;
    static final int CUSTOMERS = 500;
    static final int ORDERS = 20_000;
    static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2025, 12, 31);
    static final List<String> TABLES = List.of("regions", "customers", "products", "orders", "order_lines");

    private static final String[][] REGIONS = {
        {"Northeast", "United States"}, {"West Coast", "United States"}, {"Midwest", "United States"},
        {"Ontario", "Canada"}, {"Greater London", "United Kingdom"}, {"Bavaria", "Germany"},
        {"Ile-de-France", "France"}, {"New South Wales", "Australia"}};
    private static final double[] REGION_WEIGHTS = {20, 18, 14, 10, 12, 10, 8, 8};
    private static final String[] SEGMENTS = {"Consumer", "Corporate", "Small Business"};
    private static final double[] SEGMENT_WEIGHTS = {55, 30, 15};
    private static final BigDecimal[] SEGMENT_DISCOUNTS = {BigDecimal.ZERO, new BigDecimal("0.10"), new BigDecimal("0.05")};
    private static final String[] FIRST_NAMES = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Sophie", "Mark", "Emma", "Paul", "Olivia",
        "Lukas", "Hannah", "Pierre", "Camille", "Oliver", "Amelia", "Liam", "Chloe", "Noah", "Grace"};
    private static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Wilson", "Anderson",
        "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis",
        "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Mueller", "Schmidt", "Dubois", "Bernard", "Roy", "Tremblay", "Evans", "Roberts", "Campbell", "Kelly"};
    private static final String[] CATEGORIES = {
        "Electronics", "Furniture", "Office Supplies", "Software", "Accessories", "Networking"};
    private static final double[][] PRICE_RANGES = {{15, 450}, {25, 900}, {2, 60}, {30, 600}, {8, 80}, {12, 700}};
    private static final String[][] PRODUCTS = {
        {"Wireless Mouse", "Mechanical Keyboard", "27-inch Monitor", "USB-C Docking Station",
            "Noise-Cancelling Headphones", "HD Webcam", "Portable SSD 1TB", "Laptop Stand", "Bluetooth Speaker",
            "Fast Phone Charger"},
        {"Ergonomic Office Chair", "Standing Desk", "Bookshelf", "Filing Cabinet", "Conference Table", "Desk Lamp",
            "Visitor Chair", "Monitor Arm", "Storage Cabinet", "Footrest"},
        {"Copy Paper 500 Sheets", "Ballpoint Pens 12 Pack", "Sticky Notes", "Stapler", "Binder Clips", "A5 Notebook",
            "Whiteboard Markers", "Envelopes 100 Pack", "Desk Organizer", "Label Maker"},
        {"Office Suite License", "Antivirus Subscription", "Project Management Seat", "Accounting Software",
            "Design Suite License", "Cloud Backup Plan", "Password Manager Seat", "Video Conferencing Plan",
            "CRM Seat", "PDF Editor License"},
        {"Laptop Sleeve", "Mouse Pad", "Cable Organizer", "Laptop Backpack", "Screen Cleaning Kit", "Phone Stand",
            "HDMI Cable", "Privacy Screen Filter", "Wrist Rest", "Travel Adapter"},
        {"Wi-Fi Router", "8-Port Network Switch", "Mesh Wi-Fi System", "Ethernet Cable 10m", "Powerline Adapter",
            "Network Attached Storage", "Range Extender", "Firewall Appliance", "PoE Injector", "USB Wi-Fi Adapter"}};
    /** Sales by month, January first: a slow start of the year and a strong November and December. */
    private static final double[] SEASON = {0.85, 0.80, 0.95, 0.95, 1.00, 0.95, 0.90, 0.90, 1.00, 1.05, 1.35, 1.50};
    private static final double YEARLY_GROWTH = 1.25;
    private static final double[] LINE_COUNT_WEIGHTS = {40, 28, 17, 10, 5};

    private static final String SCHEMA = """
            CREATE TABLE regions (
                region_id INTEGER PRIMARY KEY,
                name VARCHAR NOT NULL,
                country VARCHAR NOT NULL);
            CREATE TABLE customers (
                customer_id INTEGER PRIMARY KEY,
                name VARCHAR NOT NULL,
                email VARCHAR NOT NULL,
                segment VARCHAR NOT NULL,
                region_id INTEGER NOT NULL REFERENCES regions (region_id),
                signed_up_on DATE NOT NULL);
            CREATE TABLE products (
                product_id INTEGER PRIMARY KEY,
                name VARCHAR NOT NULL,
                category VARCHAR NOT NULL,
                unit_price DECIMAL(10,2) NOT NULL);
            CREATE TABLE orders (
                order_id INTEGER PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
                order_date DATE NOT NULL,
                status VARCHAR NOT NULL,
                total_amount DECIMAL(12,2) NOT NULL);
            CREATE TABLE order_lines (
                order_id INTEGER NOT NULL REFERENCES orders (order_id),
                line_no INTEGER NOT NULL,
                product_id INTEGER NOT NULL REFERENCES products (product_id),
                quantity INTEGER NOT NULL,
                unit_price DECIMAL(10,2) NOT NULL,
                PRIMARY KEY (order_id, line_no));
            COMMENT ON TABLE regions IS 'sales regions, each in one country';
            COMMENT ON COLUMN regions.region_id IS 'region identifier';
            COMMENT ON COLUMN regions.name IS 'region name';
            COMMENT ON COLUMN regions.country IS 'country the region lies in';
            COMMENT ON TABLE customers IS 'one row per customer account';
            COMMENT ON COLUMN customers.customer_id IS 'customer identifier';
            COMMENT ON COLUMN customers.name IS 'full name of the customer';
            COMMENT ON COLUMN customers.email IS 'contact e-mail address';
            COMMENT ON COLUMN customers.segment IS 'market segment: Consumer, Corporate or Small Business';
            COMMENT ON COLUMN customers.region_id IS 'region the customer belongs to';
            COMMENT ON COLUMN customers.signed_up_on IS 'day the customer account was opened';
            COMMENT ON TABLE products IS 'the product catalogue';
            COMMENT ON COLUMN products.product_id IS 'product identifier';
            COMMENT ON COLUMN products.name IS 'product name';
            COMMENT ON COLUMN products.category IS 'product category';
            COMMENT ON COLUMN products.unit_price IS 'current list price in US dollars';
            COMMENT ON TABLE orders IS 'one row per order';
            COMMENT ON COLUMN orders.order_id IS 'order identifier';
            COMMENT ON COLUMN orders.customer_id IS 'customer who placed the order';
            COMMENT ON COLUMN orders.order_date IS 'day the order was placed';
            COMMENT ON COLUMN orders.status IS 'completed, shipped, cancelled or returned';
            COMMENT ON COLUMN orders.total_amount IS 'order total in US dollars, the sum of its lines';
            COMMENT ON TABLE order_lines IS 'one row per product on an order';
            COMMENT ON COLUMN order_lines.order_id IS 'order the line belongs to';
            COMMENT ON COLUMN order_lines.line_no IS 'position of the line on its order, from 1';
            COMMENT ON COLUMN order_lines.product_id IS 'product sold on the line';
            COMMENT ON COLUMN order_lines.quantity IS 'number of units sold';
            COMMENT ON COLUMN order_lines.unit_price IS 'price per unit in US dollars after the segment discount';
            """;

    private DemoDatabase() {
    }

    /** The tables, in an order where each table's references come before it. */
    public static List<String> tables() {
        return TABLES;
    }

    /** The demo schema's DDL and comments; plain SQL that PostgreSQL reads as DuckDB does. */
    public static String schemaSql() {
        return SCHEMA;
    }

    /** Creates the demo database at {@code file}; refuses to touch an existing file. */
    public static Map<String, Long> create(Path file) {
        return create(file, false);
    }

    /**
     * Creates the demo database at {@code file}, replacing an existing one only when asked. The data is
     * written to a neighbouring file first and moved into place, so a reader never sees half a database.
     */
    public static Map<String, Long> create(Path file, boolean replace) {
        if (Files.exists(file) && !replace) {
            throw new IllegalStateException(file + " already exists; pass --replace to overwrite it");
        }
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            try {
                Map<String, Long> counts = write(partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".wal"));
                return counts;
            } finally {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".wal"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create demo database " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create demo database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> write(Path file) throws SQLException {
        try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(SCHEMA);
            }
            new Generator(new SplittableRandom(SEED)).fill(connection);
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
                statement.execute("CHECKPOINT");
            }
            return counts;
        }
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        boolean replace = arguments.remove("--replace");
        if (arguments.size() != 1 || arguments.get(0).startsWith("-")) {
            System.err.println("usage: DemoDatabase <file> [--replace]");
            System.exit(2);
        }
        Path file = Path.of(arguments.get(0));
        try {
            Map<String, Long> counts = create(file, replace);
            StringBuilder out = new StringBuilder("created demo database " + file.toAbsolutePath() + ":");
            counts.forEach((table, rows) -> out.append(' ').append(table).append('=').append(rows));
            System.out.println(out);
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Draws the rows; every random choice comes from the one seeded generator, in a fixed order. */
    private static final class Generator {
        private final SplittableRandom random;

        Generator(SplittableRandom random) {
            this.random = random;
        }

        void fill(DuckDBConnection connection) throws SQLException {
            appendRegions(connection);
            Customer[] customers = appendCustomers(connection);
            BigDecimal[] prices = appendProducts(connection);
            appendOrders(connection, customers, prices);
        }

        private void appendRegions(DuckDBConnection connection) throws SQLException {
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "regions")) {
                for (int i = 0; i < REGIONS.length; i++) {
                    appender.beginRow().append(i + 1).append(REGIONS[i][0]).append(REGIONS[i][1]).endRow();
                }
            }
        }

        private Customer[] appendCustomers(DuckDBConnection connection) throws SQLException {
            LocalDate[] signups = new LocalDate[CUSTOMERS];
            long span = ChronoUnit.DAYS.between(LocalDate.of(2020, 1, 1), LocalDate.of(2025, 10, 31));
            for (int i = 0; i < CUSTOMERS; i++) {
                // a square root skews sign-ups towards later years, as the business grows
                double position = i < CUSTOMERS / 5 ? random.nextDouble() * 0.17 : StrictMath.sqrt(random.nextDouble());
                signups[i] = LocalDate.of(2020, 1, 1).plusDays((long) (Math.max(position, 0) * span));
            }
            Arrays.sort(signups);
            Customer[] customers = new Customer[CUSTOMERS];
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "customers")) {
                for (int i = 0; i < CUSTOMERS; i++) {
                    String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
                    String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
                    int segment = pick(SEGMENT_WEIGHTS);
                    int id = i + 1;
                    customers[i] = new Customer(id, segment, signups[i]);
                    appender.beginRow().append(id).append(first + " " + last)
                            .append(first.toLowerCase() + "." + last.toLowerCase() + id + "@example.com")
                            .append(SEGMENTS[segment]).append(pick(REGION_WEIGHTS) + 1).append(signups[i]).endRow();
                }
            }
            return customers;
        }

        private BigDecimal[] appendProducts(DuckDBConnection connection) throws SQLException {
            BigDecimal[] prices = new BigDecimal[CATEGORIES.length * 10];
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "products")) {
                for (int c = 0; c < CATEGORIES.length; c++) {
                    for (int p = 0; p < PRODUCTS[c].length; p++) {
                        double low = StrictMath.log(PRICE_RANGES[c][0]);
                        double high = StrictMath.log(PRICE_RANGES[c][1]);
                        long whole = (long) StrictMath.exp(low + random.nextDouble() * (high - low));
                        BigDecimal price = BigDecimal.valueOf(whole).add(new BigDecimal("0.99"));
                        int id = c * 10 + p + 1;
                        prices[id - 1] = price;
                        appender.beginRow().append(id).append(PRODUCTS[c][p]).append(CATEGORIES[c]).append(price)
                                .endRow();
                    }
                }
            }
            return prices;
        }

        private void appendOrders(DuckDBConnection connection, Customer[] customers, BigDecimal[] prices)
                throws SQLException {
            int[] perDay = ordersPerDay();
            double[] popularity = new double[prices.length];
            for (int i = 0; i < popularity.length; i++) {
                popularity[i] = 0.3 + random.nextDouble() * 2.7;
            }
            List<OrderLine> lines = new ArrayList<>();
            int orderId = 0;
            int signedUp = 0;
            try (DuckDBAppender orders = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "orders")) {
                for (int day = 0; day < perDay.length; day++) {
                    LocalDate date = FIRST_DAY.plusDays(day);
                    while (signedUp < customers.length && !customers[signedUp].signedUpOn.isAfter(date)) {
                        signedUp++;
                    }
                    for (int n = 0; n < perDay[day]; n++) {
                        orderId++;
                        Customer customer = customers[random.nextInt(signedUp)];
                        BigDecimal total = drawLines(lines, orderId, customer, prices, popularity);
                        orders.beginRow().append(orderId).append(customer.id).append(date).append(status(date))
                                .append(total).endRow();
                    }
                }
            }
            // lines go in after their orders exist, for the foreign key
            try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "order_lines")) {
                for (OrderLine line : lines) {
                    appender.beginRow().append(line.orderId).append(line.lineNo).append(line.productId)
                            .append(line.quantity).append(line.unitPrice).endRow();
                }
            }
        }

        private BigDecimal drawLines(List<OrderLine> lines, int orderId, Customer customer, BigDecimal[] prices,
                                     double[] popularity) {
            int count = pick(LINE_COUNT_WEIGHTS) + 1;
            boolean[] used = new boolean[prices.length];
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (int lineNo = 1; lineNo <= count; lineNo++) {
                int product;
                do {
                    product = pick(popularity);
                } while (used[product]);
                used[product] = true;
                int quantity = quantity(product, customer.segment);
                BigDecimal unitPrice = prices[product]
                        .multiply(BigDecimal.ONE.subtract(SEGMENT_DISCOUNTS[customer.segment]))
                        .setScale(2, RoundingMode.HALF_UP);
                total = total.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
                lines.add(new OrderLine(orderId, lineNo, product + 1, quantity, unitPrice));
            }
            return total;
        }

        /** Office supplies sell by the dozen, the rest mostly one or two at a time; companies buy more. */
        private int quantity(int product, int segment) {
            int base = product / 10 == 2 ? 1 + random.nextInt(20) : 1 + geometric(0.6);
            return segment == 1 ? base * (1 + random.nextInt(3)) : base;
        }

        private int geometric(double stop) {
            int n = 0;
            while (n < 9 && random.nextDouble() > stop) {
                n++;
            }
            return n;
        }

        /** Recent orders are mostly still on their way; older ones completed, a few cancelled or returned. */
        private String status(LocalDate date) {
            double r = random.nextDouble();
            if (date.isAfter(LAST_DAY.minusDays(14))) {
                return r < 0.75 ? "shipped" : r < 0.95 ? "completed" : "cancelled";
            }
            return r < 0.89 ? "completed" : r < 0.95 ? "cancelled" : "returned";
        }

        /** Spreads the orders over the days by growth, season, weekday and some daily noise. */
        private int[] ordersPerDay() {
            int days = (int) ChronoUnit.DAYS.between(FIRST_DAY, LAST_DAY) + 1;
            double[] weights = new double[days];
            double sum = 0;
            for (int d = 0; d < days; d++) {
                LocalDate date = FIRST_DAY.plusDays(d);
                boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                weights[d] = StrictMath.pow(YEARLY_GROWTH, d / 365.25) * SEASON[date.getMonthValue() - 1]
                        * (weekend ? 0.7 : 1.0) * (0.75 + random.nextDouble() * 0.5);
                sum += weights[d];
            }
            int[] perDay = new int[days];
            double cumulative = 0;
            long allocated = 0;
            for (int d = 0; d < days; d++) {
                cumulative += weights[d];
                long upTo = Math.round(cumulative / sum * ORDERS);
                perDay[d] = (int) (upTo - allocated);
                allocated = upTo;
            }
            return perDay;
        }

        private int pick(double[] weights) {
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double r = random.nextDouble() * total;
            for (int i = 0; i < weights.length; i++) {
                r -= weights[i];
                if (r < 0) {
                    return i;
                }
            }
            return weights.length - 1;
        }
    }

    private static final class OrderLine {
        final int orderId;
        final int lineNo;
        final int productId;
        final int quantity;
        final BigDecimal unitPrice;

        OrderLine(int orderId, int lineNo, int productId, int quantity, BigDecimal unitPrice) {
            this.orderId = orderId;
            this.lineNo = lineNo;
            this.productId = productId;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }
    }

    private static final class Customer {
        final int id;
        final int segment;
        final LocalDate signedUpOn;

        Customer(int id, int segment, LocalDate signedUpOn) {
            this.id = id;
            this.segment = segment;
            this.signedUpOn = signedUpOn;
        }
    }
}
