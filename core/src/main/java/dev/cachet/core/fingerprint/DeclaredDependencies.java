package dev.cachet.core.fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The run-time dependencies a jar's embedded {@code pom.xml} declares, as
 * {@code groupId:artifactId}: the project's own {@code <dependencies>}, not managed ones, without
 * {@code test} scope. Versions are not read: the jar actually on the class path is what counts.
 */
final class DeclaredDependencies {

	/** Configured once: looking the implementation up is most of the cost of a small parse. */
	private static final DocumentBuilderFactory FACTORY = secureFactory();

	private DeclaredDependencies() {
	}

	private static DocumentBuilderFactory secureFactory() {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			return factory;
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("the JDK's XML parser refuses secure processing", ex);
		}
	}

	/**
	 * @param ownGroupId stands in for {@code ${project.groupId}}
	 * @return the declared coordinates; a coordinate with another unresolved property is kept as
	 *         written, so that it matches no jar by Maven metadata and is looked up by file name
	 */
	static Set<String> read(InputStream pom, String ownGroupId) throws IOException {
		Set<String> dependencies = new TreeSet<>();
		Element project = parse(pom).getDocumentElement();
		Element declared = child(project, "dependencies");
		if (declared == null) {
			return dependencies;
		}
		for (Node node = declared.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element dependency && "dependency".equals(dependency.getTagName())
					&& !"test".equals(text(dependency, "scope"))) {
				String groupId = text(dependency, "groupId");
				if (groupId == null || groupId.equals("${project.groupId}") || groupId.equals("${groupId}")) {
					groupId = ownGroupId;
				}
				dependencies.add(groupId + ":" + text(dependency, "artifactId"));
			}
		}
		return dependencies;
	}

	private static Document parse(InputStream pom) throws IOException {
		try {
			DocumentBuilder builder;
			synchronized (FACTORY) {
				builder = FACTORY.newDocumentBuilder();
			}
			return builder.parse(pom);
		}
		catch (ParserConfigurationException | SAXException ex) {
			throw new IOException("unreadable pom.xml: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Element child(Element parent, String tag) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && tag.equals(element.getTagName())) {
				return element;
			}
		}
		return null;
	}

	private static @Nullable String text(Element parent, String tag) {
		Element element = child(parent, tag);
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
