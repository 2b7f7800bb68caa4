package dev.cachet.autoconfigure;

/** A {@code cachet.*} property has a value Cachet cannot work with. */
public class CachetConfigurationException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * @param property the property, e.g. {@code cachet.disk.path}
	 * @param problem  what is wrong with its value
	 * @param action   how to fix it
	 */
	public CachetConfigurationException(String property, String problem, String action) {
		this(property, problem, action, null);
	}

	public CachetConfigurationException(String property, String problem, String action, Throwable cause) {
		super("Invalid value for '" + property + "': " + problem, cause);
		this.property = property;
		this.action = action;
	}

	public String property() {
		return property;
	}

	public String action() {
		return action;
	}

}
