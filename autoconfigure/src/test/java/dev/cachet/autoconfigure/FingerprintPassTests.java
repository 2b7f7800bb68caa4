package dev.cachet.autoconfigure;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.cachet.core.cache.CacheMethodCatalog;
import dev.cachet.core.cache.FingerprintJournal;
import dev.cachet.core.cache.TieredCacheManager;
import dev.cachet.core.fingerprint.BeanFactoryOrigins;
import dev.cachet.core.fingerprint.FingerprintSettings;
import dev.cachet.core.fingerprint.MethodFingerprint;
import dev.cachet.core.fingerprint.MethodFingerprinter;
import dev.cachet.core.method.CachedMethod;
import dev.cachet.core.method.CachedMethods;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up finds the cached methods and warns about them, but leaves their fingerprints to a pass
 * on a thread of its own once the application is ready; whatever needs a fingerprint before that
 * computes it and gets the one the pass would have computed.
 */
@ExtendWith(OutputCaptureExtension.class)
class FingerprintPassTests {

	private static final String QUOTE = "dev.cachet.autoconfigure.FingerprintPassTests$Quotes#quote(java.lang.String)";

	private static final String UPDATE = "dev.cachet.autoconfigure.FingerprintPassTests$Quotes#update(java.lang.String)";

	@TempDir
	Path disk;

	static class Quotes {

		private final AtomicInteger runs = new AtomicInteger();

		private final double spread = 0.25;

		/** How often a method body ran (a method: the caching proxy's own fields are not the bean's). */
		public int runs() {
			return runs.get();
		}

		@Cacheable("quotes")
		public String quote(String symbol) {
			runs.incrementAndGet();
			return symbol + "=" + spread;
		}

		@CachePut(cacheNames = "quotes", key = "#p0")
		public String update(String symbol) {
			runs.incrementAndGet();
			return symbol + "=" + (spread * 2);
		}

		@Cacheable("shared")
		public String bid(String symbol) {
			return symbol;
		}

		@Cacheable("shared")
		public String ask(String symbol) {
			return symbol;
		}

		@Cacheable("feeds")
		public String feed(InputStream in) {
			return "feed";
		}

	}

	/** Reads a field the application may set at run time; which object it holds counts as wiring. */
	static class Rates {

		private volatile Object refresher;

		Rates(Object refresher) {
			this.refresher = refresher;
		}

		void refresher(Object refresher) {
			this.refresher = refresher;
		}

		@Cacheable("rates")
		public String rate(String currency) {
			return currency + ((refresher != null) ? " refreshed" : "");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnwiredRates {

		@Bean
		Rates rates() {
			return new Rates(null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WiredRates {

		@Bean
		Rates rates() {
			return new Rates(new CountDownLatch(1));
		}

	}

	/**
	 * Records the threads that computed fingerprints of {@link Quotes}' methods; fails on the pass's
	 * thread when told to.
	 */
	static class ObservedFingerprinter extends MethodFingerprinter {

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		final AtomicInteger computed = new AtomicInteger();

		volatile boolean failInThePass;

		/** Holds the pass's fingerprints until opened. */
		volatile CountDownLatch gate = new CountDownLatch(0);

		final CountDownLatch passEntered = new CountDownLatch(1);

		ObservedFingerprinter(ConfigurableListableBeanFactory beanFactory) {
			super(new FingerprintSettings(List.of(FingerprintPassTests.class.getPackageName()), true, ""),
					new BeanFactoryOrigins(beanFactory));
		}

		@Override
		public MethodFingerprint fingerprint(Class<?> userClass, Method method, Object target) {
			String thread = Thread.currentThread().getName();
			if (failInThePass && thread.equals(FingerprintPass.THREAD_NAME)) {
				throw new IllegalStateException("cannot fingerprint in the pass");
			}
			if (thread.equals(FingerprintPass.THREAD_NAME)) {
				passEntered.countDown();
				awaitUninterruptibly(gate);
			}
			if (userClass == Quotes.class) { // not the call-path warm-up's own method
				threads.add(thread);
				computed.incrementAndGet();
			}
			return super.fingerprint(userClass, method, target);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class QuotesConfiguration {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

		@Bean
		ObservedFingerprinter observedFingerprinter(ConfigurableListableBeanFactory beanFactory) {
			return new ObservedFingerprinter(beanFactory);
		}

	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CachetAutoConfiguration.class, CacheAutoConfiguration.class))
			.withUserConfiguration(QuotesConfiguration.class)
			.withPropertyValues("cachet.disk.path=" + this.disk);
	}

	@Test
	void startUpWarnsWithoutFingerprintingAndThePassRecordsEveryMethodOnceReady(CapturedOutput output) {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			ObservedFingerprinter fingerprinter = context.getBean(ObservedFingerprinter.class);
			assertThat(fingerprinter.computed).as("nothing fingerprinted during start-up").hasValue(0);
			assertThat(output).contains("Cache 'shared' is shared by the @Cacheable methods")
				.contains("parameter 0 (java.io.InputStream) cannot be hashed");
			FingerprintJournal journal = context.getBean(FingerprintJournal.class);
			assertThat(journal.revision(QUOTE)).isEmpty();

			ready(context);
			join();
			assertThat(fingerprinter.threads).containsExactly(FingerprintPass.THREAD_NAME);
			assertThat(fingerprinter.computed).hasValue(5);
			CacheMethodCatalog catalog = context.getBean(CacheMethodCatalog.class);
			for (CachedMethod method : catalog.cacheNames().stream().flatMap(cache -> catalog.methodsOf(cache).stream()).toList()) {
				assertThat(journal.revision(method.id())).as(method.id())
					.hasValueSatisfying(revision -> assertThat(revision.current()).isEqualTo(method.fingerprint().hash()));
			}
		});
	}

	@Test
	void aCallBeforeThePassComputesTheFingerprintThePassWouldHaveComputed() {
		AtomicReference<MethodFingerprint> byThePass = new AtomicReference<>();
		runner().run((context) -> {
			ready(context);
			join();
			byThePass.set(context.getBean(CachedMethods.class).byId(QUOTE).orElseThrow().fingerprint());
		});
		runner().withPropertyValues("cachet.disk.path=" + this.disk.resolve("second")).run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("AAPL")).isEqualTo(quotes.quote("AAPL"));
			assertThat(quotes.runs()).as("the second call was a hit").isEqualTo(1);
			assertThat(context.getBean(ObservedFingerprinter.class).threads).containsExactly(Thread.currentThread().getName());
			MethodFingerprint byTheCall = context.getBean(CachedMethods.class).byId(QUOTE).orElseThrow().fingerprint();
			assertThat(byTheCall.hash()).isEqualTo(byThePass.get().hash());
			assertThat(byTheCall.components()).isEqualTo(byThePass.get().components());
		});
	}

	@Test
	void aCachePutEntryReadBeforeThePassIsCheckedAgainstItsMethodsFingerprint() {
		runner().run((context) -> {
			context.getBean(Quotes.class).update("AAPL");
			assertThat(context.getBean(TieredCacheManager.class).awaitWrites(Duration.ofSeconds(10))).isTrue();
		});
		runner().run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("AAPL")).as("served what update wrote").isEqualTo("AAPL=0.5");
			assertThat(quotes.runs()).isZero();
			assertThat(context.getBean(ObservedFingerprinter.class).computed).as("update's, to check what it wrote")
				.hasValue(1);
		});
	}

	@Test
	void aFingerprintFailingInThePassFailsNothingAndTheFirstCallComputesIt(CapturedOutput output) {
		runner().run((context) -> {
			ObservedFingerprinter fingerprinter = context.getBean(ObservedFingerprinter.class);
			fingerprinter.failInThePass = true;
			ready(context);
			join();
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Cannot fingerprint " + QUOTE + " after start-up");
			assertThat(fingerprinter.computed).hasValue(0);

			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("AAPL")).isEqualTo(quotes.quote("AAPL"));
			assertThat(quotes.runs()).isEqualTo(1);
			assertThat(context.getBean(CachedMethods.class).byId(QUOTE).orElseThrow().fingerprint().hash())
				.isEqualTo(new MethodFingerprinter(new FingerprintSettings(
						List.of(FingerprintPassTests.class.getPackageName()), true, ""),
						new BeanFactoryOrigins(context.getBeanFactory()))
					.fingerprint(Quotes.class, Quotes.class.getMethod("quote", String.class), context.getBean(Quotes.class))
					.hash());
		});
	}

	@Test
	void closingTheContextStopsThePassAndWaitsForTheMethodInProgress() {
		runner().run((context) -> {
			ObservedFingerprinter fingerprinter = context.getBean(ObservedFingerprinter.class);
			fingerprinter.gate = new CountDownLatch(1);
			ready(context);
			fingerprinter.passEntered.await();
			FingerprintPass pass = context.getBean(FingerprintPass.class);
			Thread closer = new Thread(context::close);
			closer.start();
			while (!pass.stopping()) {
				Thread.onSpinWait();
			}
			assertThat(closer.isAlive()).as("the close waits for the method in progress").isTrue();
			fingerprinter.gate.countDown();
			closer.join();
			join();
			assertThat(fingerprinter.computed).as("no method after the one in progress").hasValue(1);
		});
	}

	@Test
	void stateChangedAfterStartUpIsNotSeenByFingerprintsTakenLater() {
		AtomicReference<String> untouched = new AtomicReference<>();
		runner().withUserConfiguration(UnwiredRates.class).run((context) -> {
			ready(context);
			join();
			untouched.set(rateFingerprint(context));
		});
		runner().withUserConfiguration(UnwiredRates.class).run((context) -> {
			context.getBean(Rates.class).refresher(new CountDownLatch(1));
			ready(context);
			join();
			assertThat(rateFingerprint(context)).as("taken by the pass after the change").isEqualTo(untouched.get());
		});
		runner().withUserConfiguration(UnwiredRates.class).run((context) -> {
			context.getBean(Rates.class).refresher(new CountDownLatch(1));
			assertThat(context.getBean(Rates.class).rate("EUR")).isEqualTo("EUR refreshed");
			assertThat(rateFingerprint(context)).as("taken by a call after the change").isEqualTo(untouched.get());
		});
		runner().withUserConfiguration(WiredRates.class).run((context) -> {
			ready(context);
			join();
			assertThat(rateFingerprint(context)).as("wired with the object from the start").isNotEqualTo(untouched.get());
		});
	}

	@Test
	void noPassWithoutTheEagerScan() {
		runner().withPropertyValues("cachet.fingerprint.eager=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FingerprintPass.class));
	}

	private static String rateFingerprint(ConfigurableApplicationContext context) {
		return context.getBean(CachedMethods.class)
			.byId("dev.cachet.autoconfigure.FingerprintPassTests$Rates#rate(java.lang.String)")
			.orElseThrow()
			.fingerprint()
			.hash();
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void ready(ConfigurableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
	}

	/** Waits for the pass, and for the codec preparation the ready event starts too (it writes to the disk). */
	private static void join() throws InterruptedException {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().equals(FingerprintPass.THREAD_NAME) || thread.getName().equals(CodecPreparation.THREAD_NAME)) {
				thread.join(60_000);
			}
		}
	}

}
