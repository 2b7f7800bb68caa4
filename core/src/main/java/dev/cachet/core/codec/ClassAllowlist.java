package dev.cachet.core.codec;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The classes a codec may load and instantiate when it decodes cached bytes, which may come from a
 * shared Redis or S3 and are therefore not trusted.
 *
 * <p>A class is allowed when it lies in one of the configured packages (the application's own packages
 * plus {@code cachet.codec.allowed-packages}), or when it is one of the JDK value and collection types
 * built in here: {@code String}, boxed primitives, {@code java.math}, {@code java.time}, {@code UUID},
 * {@code Optional}, the {@code java.util} and {@code java.util.concurrent} collections including the
 * implementation classes behind {@code List.of}, {@code Collections.unmodifiableList} and their kin.
 * Arrays are allowed when their component type is. Enums are allowed when they are in an allowed
 * package. Everything else, in particular any JDK class that is not a plain value or collection, is
 * refused.
 *
 * <p>Decisions are made on the class name alone, so a codec can refuse a class before loading it.
 * Instances are immutable and thread-safe.
 */
public final class ClassAllowlist {

	private static final Set<String> JDK_CLASSES = Set.of(
			// java.lang
			"java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
			"java.lang.Character", "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
			"java.lang.Number", "java.lang.String$CaseInsensitiveComparator",
			// java.math
			"java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode",
			// java.util values
			"java.util.UUID", "java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
			"java.util.OptionalDouble", "java.util.Date", "java.util.Locale", "java.util.Currency",
			"java.util.BitSet",
			// java.util collections
			"java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque", "java.util.Vector",
			"java.util.Stack", "java.util.PriorityQueue", "java.util.HashMap", "java.util.LinkedHashMap",
			"java.util.TreeMap", "java.util.Hashtable", "java.util.IdentityHashMap", "java.util.WeakHashMap",
			"java.util.EnumMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
			"java.util.EnumSet", "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.Arrays$ArrayList",
			"java.util.KeyValueHolder", "java.util.AbstractMap$SimpleEntry",
			"java.util.AbstractMap$SimpleImmutableEntry",
			// java.util.concurrent collections
			"java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentSkipListMap",
			"java.util.concurrent.ConcurrentSkipListSet", "java.util.concurrent.CopyOnWriteArrayList",
			"java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.ConcurrentLinkedQueue",
			"java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.TimeUnit",
			// java.sql date types that JDBC-shaped values carry
			"java.sql.Date", "java.sql.Time", "java.sql.Timestamp");

	/**
	 * Holders of the JDK's private collection implementations: the classes behind {@code List.of},
	 * {@code Map.of}, {@code Collections.unmodifiable*}, {@code synchronized*}, {@code empty*} and
	 * {@code singleton*}. Every nested class of these holders is a collection, an entry or a comparator.
	 */
	private static final List<String> JDK_NESTED_PREFIXES = List.of("java.util.ImmutableCollections$",
			"java.util.Collections$");

	/** Whole JDK packages of immutable value types. */
	private static final List<String> JDK_PACKAGES = List.of("java.time.");

	private final List<String> packagePrefixes;

	private ClassAllowlist(List<String> packagePrefixes) {
		this.packagePrefixes = packagePrefixes;
	}

	/**
	 * Allows the built-in JDK types and every class in the given packages or their subpackages. A package
	 * is written {@code com.acme}; a trailing {@code .} or {@code .*} is accepted and ignored. Blank
	 * entries are ignored.
	 */
	public static ClassAllowlist of(Collection<String> packages) {
		return new ClassAllowlist(packages.stream()
			.map(String::strip)
			.map(ClassAllowlist::withoutWildcard)
			.filter((name) -> !name.isEmpty())
			.map((name) -> name + ".")
			.distinct()
			.toList());
	}

	/** Allows the built-in JDK types only. */
	public static ClassAllowlist jdkOnly() {
		return new ClassAllowlist(List.of());
	}

	private static String withoutWildcard(String name) {
		String trimmed = name.endsWith(".*") ? name.substring(0, name.length() - 2) : name;
		return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

	/**
	 * Whether a class of this binary name (as {@link Class#getName()} writes it, including array
	 * descriptors such as {@code [Ljava.lang.String;}) may be loaded and instantiated.
	 */
	public boolean isAllowed(String className) {
		if (className == null || className.isEmpty()) {
			return false;
		}
		String component = componentOf(className);
		if (component == null) {
			return false;
		}
		if (component.isEmpty()) {
			return true; // an array of primitives
		}
		return JDK_CLASSES.contains(component) || startsWithAny(component, JDK_NESTED_PREFIXES)
				|| startsWithAny(component, JDK_PACKAGES) || startsWithAny(component, this.packagePrefixes);
	}

	/** The package prefixes given to {@link #of(Collection)}, each ending with a dot. */
	public List<String> packagePrefixes() {
		return this.packagePrefixes;
	}

	/**
	 * The element class name of an array descriptor, the empty string for an array of primitives, the
	 * name itself for a non-array, or {@code null} for a malformed descriptor.
	 */
	private static String componentOf(String className) {
		int dimensions = 0;
		while (dimensions < className.length() && className.charAt(dimensions) == '[') {
			dimensions++;
		}
		if (dimensions == 0) {
			return className;
		}
		String element = className.substring(dimensions);
		if (element.length() == 1 && "ZBCSIJFD".contains(element)) {
			return "";
		}
		if (element.length() > 2 && element.charAt(0) == 'L' && element.endsWith(";")) {
			return element.substring(1, element.length() - 1);
		}
		return null;
	}

	private static boolean startsWithAny(String name, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "ClassAllowlist" + this.packagePrefixes;
	}

}
