package dev.cachet.core.fingerprint;

import java.net.URL;

import org.jspecify.annotations.Nullable;

/**
 * Where a class file was found: the JDK's runtime image, a directory of classes (a build's output
 * folder, or {@code BOOT-INF/classes/} inside an executable jar) or a jar, plain or nested.
 *
 * @param kind which of these
 * @param root the directory or jar without the class's own path ({@code file:/app/target/classes/},
 *             {@code file:/repo/a-1.0.jar}, {@code nested:/app.jar/!BOOT-INF/lib/a-1.0.jar}); empty
 *             for the JDK
 * @param url  a URL that opens the root, or a class file inside it; {@code null} for the JDK
 */
record CodeLocation(Kind kind, String root, @Nullable URL url) {

	static final CodeLocation JDK = new CodeLocation(Kind.JDK, "", null);

	/** The location of {@code resource}, found under the class loader's name {@code resourceName}. */
	static CodeLocation of(URL resource, String resourceName) {
		return switch (resource.getProtocol()) {
			case "jrt" -> JDK;
			case "jar" -> {
				String path = resource.getPath();
				int separator = path.lastIndexOf("!/");
				String root = (separator >= 0) ? path.substring(0, separator) : path;
				yield new CodeLocation(root.endsWith("/") ? Kind.DIRECTORY : Kind.JAR, root, resource);
			}
			default -> {
				// a directory, or a scheme unknown here: following the code is always precise
				String url = resource.toString();
				String root = url.endsWith(resourceName) ? url.substring(0, url.length() - resourceName.length()) : url;
				yield new CodeLocation(Kind.DIRECTORY, root, resource);
			}
		};
	}

	/** The jar's file name: its last path segment. */
	String fileName() {
		return this.root.substring(this.root.lastIndexOf('/') + 1);
	}

	enum Kind {

		/** The Java runtime's own classes. */
		JDK,

		/** Class files in a folder: project code. */
		DIRECTORY,

		/** A jar: a library unless it is a snapshot or holds the cached class itself. */
		JAR

	}

}
