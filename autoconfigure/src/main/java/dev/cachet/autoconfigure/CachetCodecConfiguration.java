package dev.cachet.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.codec.ClassAllowlist;
import dev.cachet.core.codec.ForyValueCodec;
import dev.cachet.core.codec.ValueCodec;

/**
 * The default value codec, unless the application registers its own {@link ValueCodec}. Only the
 * application's packages, {@code cachet.codec.allowed-packages} and JDK value types are decoded.
 */
@Configuration(proxyBeanMethods = false)
class CachetCodecConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ValueCodec cachetValueCodec(CachetProperties properties, BeanFactory beanFactory) {
		List<String> packages = new ArrayList<>(properties.getCodec().getAllowedPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		packages.addAll(properties.getFingerprint().getPackages());
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : getClass().getClassLoader();
		return new ForyValueCodec(ClassAllowlist.of(packages), classLoader);
	}

}
