package dev.cachet.core.fingerprint;

import java.util.Optional;

/**
 * Tells where an object reached from a cached bean came from, when it is a bean: what built it,
 * which configuration it was given and what it was injected with. Lets fingerprints see wiring and
 * configuration, not only code.
 */
@FunctionalInterface
public interface BeanOrigins {

	/** For objects outside any container: nothing is known of them. */
	BeanOrigins NONE = (object) -> Optional.empty();

	/** The origin of {@code object} when it is a bean (not a proxy of one), else empty. */
	Optional<BeanOrigin> of(Object object);

}
