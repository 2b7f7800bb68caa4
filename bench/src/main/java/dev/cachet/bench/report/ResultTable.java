package dev.cachet.bench.report;

import java.util.List;
import java.util.Locale;

/** Prints result rows as one aligned text table (also valid Markdown). */
public final class ResultTable {

	private static final String[] HEADERS = { "case", "Cachet median", "peer median", "ratio", "goal", "met/missed" };

	private ResultTable() {
	}

	public static String render(List<ResultRow> rows) {
		String[][] cells = new String[rows.size()][];
		for (int i = 0; i < rows.size(); i++) {
			ResultRow row = rows.get(i);
			cells[i] = new String[] { row.caseName(), formatted(row.cachet()), formatted(row.peer()), ratio(row),
					row.goal().text(), row.status() };
		}
		int[] widths = new int[HEADERS.length];
		for (int column = 0; column < HEADERS.length; column++) {
			widths[column] = HEADERS[column].length();
			for (String[] line : cells) {
				widths[column] = Math.max(widths[column], line[column].length());
			}
		}
		StringBuilder table = new StringBuilder();
		line(table, HEADERS, widths);
		String[] rule = new String[HEADERS.length];
		for (int column = 0; column < HEADERS.length; column++) {
			rule[column] = "-".repeat(widths[column]);
		}
		line(table, rule, widths);
		for (String[] line : cells) {
			line(table, line, widths);
		}
		return table.toString();
	}

	private static void line(StringBuilder table, String[] cells, int[] widths) {
		table.append('|');
		for (int column = 0; column < cells.length; column++) {
			table.append(' ').append(String.format("%-" + widths[column] + "s", cells[column])).append(" |");
		}
		table.append('\n');
	}

	private static String formatted(Measurement measurement) {
		return (measurement != null) ? measurement.formatted() : "n/a";
	}

	private static String ratio(ResultRow row) {
		double ratio = row.ratio();
		return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
	}

}
