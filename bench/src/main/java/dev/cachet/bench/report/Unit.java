package dev.cachet.bench.report;

import java.util.Locale;

/** What a measured figure counts, and how to print it. */
public enum Unit {

	NANOSECONDS {
		@Override
		public String format(double value) {
			if (value < 1_000) {
				return String.format(Locale.ROOT, "%.1f ns", value);
			}
			if (value < 1_000_000) {
				return String.format(Locale.ROOT, "%.2f us", value / 1_000);
			}
			if (value < 1_000_000_000) {
				return String.format(Locale.ROOT, "%.2f ms", value / 1_000_000);
			}
			return String.format(Locale.ROOT, "%.2f s", value / 1_000_000_000);
		}
	},

	BYTES {
		@Override
		public String format(double value) {
			return String.format(Locale.ROOT, "%,.0f B", value);
		}
	},

	COUNT {
		@Override
		public String format(double value) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
	},

	/** A ratio of two times measured together, such as a median of per-JVM ratios. */
	RATIO {
		@Override
		public String format(double value) {
			return String.format(Locale.ROOT, (value >= 0.1) ? "%.2fx" : "%.4fx", value);
		}
	};

	public abstract String format(double value);

	/** Nanoseconds per JMH score unit such as {@code us/op}. */
	static double nanosPer(String jmhUnit) {
		return switch (jmhUnit) {
			case "ns/op" -> 1;
			case "us/op" -> 1_000;
			case "ms/op" -> 1_000_000;
			case "s/op" -> 1_000_000_000;
			default -> throw new IllegalArgumentException("Not a time per operation: " + jmhUnit);
		};
	}

}
