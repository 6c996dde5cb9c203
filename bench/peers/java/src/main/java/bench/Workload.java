package bench;

/**
 * The values of bench/bench_write.c's W1 (mixed) and W2 (strings), and the arguments
 * every JVM peer takes: {@code mixed|strings ROWS OUT.xlsx}. r = 1..N is the data row,
 * c = 0..18 the column (bench/README.md, Workloads).
 */
final class Workload {
    static final int NCOLS = 19;
    static final int SHEET_ROWS = 1048576;
    static final String[] STATUS = {"open", "closed", "pending", "paid", "void", "draft", "sent", "overdue"};

    final boolean mixed;
    final long rows;
    final String out;

    Workload(String[] args) {
        if (args.length != 3 || !(args[0].equals("mixed") || args[0].equals("strings")) || !args[1].matches("[0-9]+")) {
            System.err.println("usage: mixed|strings ROWS OUT.xlsx");
            System.exit(2);
        }
        mixed = args[0].equals("mixed");
        rows = Long.parseLong(args[1]);
        out = args[2];
    }

    /** One W1 value: Long for integers, Double for fractions, Boolean, String. */
    static Object mixedValue(long r, int c) {
        if (c == 0)
            return r;
        if (c <= 4)
            return (r % 100000) * 0.01 + c;
        if (c <= 8)
            return (r * 31 + c) % 1000000;
        if (c <= 12)
            return STATUS[(int) ((r + c) % 8)];
        if (c <= 15)
            return "customer_" + r + "_" + c;
        if (c == 16)
            return (r & 1) == 1;
        if (c == 17)
            return "note <" + (r % 1000) + "> & \"q\"";
        return 45000 + r % 3650;
    }

    static String stringsValue(long r, int c) {
        return (r * 7 + c) + "." + c;
    }
}
