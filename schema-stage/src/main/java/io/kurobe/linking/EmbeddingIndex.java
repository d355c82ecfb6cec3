package io.kurobe.linking;

import io.kurobe.data.ColumnInfo;
import io.kurobe.data.SchemaSnapshot;
import io.kurobe.data.TableInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One schema's embeddings: a unit vector per table (name, comment, column names) and per column (name, table,
 * comment, examples), laid out flat so scoring a question against a thousand tables is a few million
 * multiply-adds.
 */
final class EmbeddingIndex {
    private final int dimension;
    private final float[] tables;
    private final float[] columns;
    /** Where each table's columns start in {@link #columns}, counted in columns; one more entry than tables. */
    private final int[] firstColumn;

    private EmbeddingIndex(int dimension, float[] tables, float[] columns, int[] firstColumn) {
        this.dimension = dimension;
        this.tables = tables;
        this.columns = columns;
        this.firstColumn = firstColumn;
    }

    /** The texts embedded for a schema: one per table in snapshot order, then one per column, table by table. */
    static List<String> texts(SchemaSnapshot snapshot) {
        List<String> texts = new ArrayList<>();
        for (TableInfo table : snapshot.tables()) {
            texts.add(SchemaWords.tableText(table));
        }
        for (TableInfo table : snapshot.tables()) {
            for (ColumnInfo c : table.columns()) {
                texts.add(SchemaWords.columnText(table, c));
            }
        }
        return texts;
    }

    /**
     * @param texts the schema's {@link #texts}
     * @param embed unit vectors of the given texts, in their order
     */
    static EmbeddingIndex build(SchemaSnapshot snapshot, List<String> texts, Function<List<String>, List<float[]>> embed) {
        int[] firstColumn = layout(snapshot);
        int column = firstColumn[firstColumn.length - 1];
        List<float[]> vectors = embed.apply(texts);
        int dimension = vectors.isEmpty() ? 0 : vectors.get(0).length;
        int tableCount = snapshot.tables().size();
        float[] tables = new float[tableCount * dimension];
        float[] columns = new float[column * dimension];
        for (int i = 0; i < vectors.size(); i++) {
            if (i < tableCount) {
                System.arraycopy(vectors.get(i), 0, tables, i * dimension, dimension);
            } else {
                System.arraycopy(vectors.get(i), 0, columns, (i - tableCount) * dimension, dimension);
            }
        }
        return new EmbeddingIndex(dimension, tables, columns, firstColumn);
    }

    /** Where each table's columns start, counted in columns, and (last) the number of columns. */
    private static int[] layout(SchemaSnapshot snapshot) {
        int[] firstColumn = new int[snapshot.tables().size() + 1];
        int column = 0;
        for (int t = 0; t < snapshot.tables().size(); t++) {
            firstColumn[t] = column;
            column += snapshot.tables().get(t).columns().size();
        }
        firstColumn[snapshot.tables().size()] = column;
        return firstColumn;
    }

    /** The index as bytes: dimension, table count, column count, then the table and column vectors as floats. */
    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(12 + 4 * (tables.length + columns.length)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(dimension).putInt(firstColumn.length - 1).putInt(columnCount());
        out.asFloatBuffer().put(tables).put(columns);
        return out.array();
    }

    /** The index {@link #toBytes} wrote, or empty when it does not fit the snapshot's tables and columns. */
    static Optional<EmbeddingIndex> fromBytes(byte[] bytes, SchemaSnapshot snapshot) {
        int[] firstColumn = layout(snapshot);
        if (bytes == null || bytes.length < 12) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dimension = in.getInt();
        int tableCount = in.getInt();
        int columnCount = in.getInt();
        if (dimension <= 0 || tableCount != firstColumn.length - 1 || columnCount != firstColumn[tableCount]
                || bytes.length != 12 + 4L * dimension * (tableCount + columnCount)) {
            return Optional.empty();
        }
        float[] tables = new float[tableCount * dimension];
        float[] columns = new float[columnCount * dimension];
        FloatBuffer floats = in.asFloatBuffer();
        floats.get(tables).get(columns);
        return Optional.of(new EmbeddingIndex(dimension, tables, columns, firstColumn));
    }

    /** Cosine similarity of the question with each table, in snapshot order. */
    double[] tableScores(float[] question) {
        return dots(tables, firstColumn.length - 1, question);
    }

    /** Cosine similarity of the question with each column, per table in snapshot order. */
    double[][] columnScores(float[] question) {
        double[] flat = dots(columns, firstColumn[firstColumn.length - 1], question);
        double[][] out = new double[firstColumn.length - 1][];
        for (int t = 0; t < out.length; t++) {
            out[t] = java.util.Arrays.copyOfRange(flat, firstColumn[t], firstColumn[t + 1]);
        }
        return out;
    }

    int columnCount() {
        return firstColumn[firstColumn.length - 1];
    }

    private double[] dots(float[] vectors, int count, float[] question) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            int base = i * dimension;
            double sum = 0;
            for (int d = 0; d < dimension; d++) {
                sum += vectors[base + d] * question[d];
            }
            out[i] = sum;
        }
        return out;
    }
}
