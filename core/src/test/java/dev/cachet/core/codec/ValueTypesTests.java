package dev.cachet.core.codec;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

class ValueTypesTests {

	record Position(double lat, double lon) {
	}

	record Ship(String name, LocalDate built, List<Position> track, Map<String, BigDecimal> fees, Kind kind) {
	}

	enum Kind {
		CARGO, TANKER
	}

	record Fleet(Ship[] ships, Optional<Ship> flagship) {
	}

	static class Node {

		Node next;

		List<Node> children;

		static int count;

		transient Ship notSerialized;

	}

	static class Holder<T> {

		T held;

	}

	interface Repository<T> {

		T find(String id);

		List<T> all();

	}

	static class ShipRepository implements Repository<Ship> {

		@Override
		public Ship find(String id) {
			return null;
		}

		@Override
		public List<Ship> all() {
			return List.of();
		}

	}

	interface Methods {

		List<Ship> ships();

		Map<String, Ship[]> shipsByFlag();

		Optional<Ship> maybe();

		CompletableFuture<List<Position>> future();

		Future<Optional<Ship>> nested();

		Holder<Position> holder();

		List<? extends Ship> wildcard();

		<T extends Position> T typeVariable();

		int primitive();

		void nothing();

		Object anything();

		int[] primitives();

		Node node();

	}

	private static Set<Class<?>> returned(String method) throws NoSuchMethodException {
		Method found = Methods.class.getMethod(method);
		return new ValueTypes().addReturnTypeOf(found, Methods.class).classes();
	}

	@Test
	void aListOfRecordsCoversTheRecordsAndWhatTheirFieldsDeclare() throws Exception {
		assertThat(returned("ships")).containsExactly(List.class, Ship.class, String.class, LocalDate.class,
				Position.class, Double.TYPE, Map.class, BigDecimal.class, Kind.class);
	}

	@Test
	void mapsAndArraysCoverTheirKeysValuesAndComponents() throws Exception {
		assertThat(returned("shipsByFlag")).startsWith(Map.class, String.class, Ship.class).contains(Position.class);
	}

	@Test
	void wrappersSpringCachesTheContentOfAreUnwrapped() throws Exception {
		assertThat(returned("maybe")).startsWith(Ship.class).doesNotContain(Optional.class);
		assertThat(returned("future")).startsWith(List.class, Position.class).doesNotContain(CompletableFuture.class);
		assertThat(returned("nested")).startsWith(Ship.class).doesNotContain(Future.class, Optional.class);
	}

	@Test
	void anOptionalFieldIsKeptAsItIsStored() {
		assertThat(new ValueTypes().add(ResolvableType.forClass(Fleet.class)).classes()).startsWith(Fleet.class, Ship.class)
			.contains(Optional.class);
	}

	@Test
	void typeVariablesAreResolvedAgainstTheCalledClassOrStandForTheirBounds() throws Exception {
		assertThat(new ValueTypes().addReturnTypeOf(Repository.class.getMethod("find", String.class), ShipRepository.class)
			.classes()).startsWith(Ship.class);
		assertThat(new ValueTypes().addReturnTypeOf(Repository.class.getMethod("all"), ShipRepository.class).classes())
			.startsWith(List.class, Ship.class);
		assertThat(returned("holder")).startsWith(Holder.class, Position.class);
		assertThat(returned("wildcard")).startsWith(List.class, Ship.class);
		assertThat(returned("typeVariable")).startsWith(Position.class);
	}

	@Test
	void primitivesVoidAndObjectAddNothingToPrepare() throws Exception {
		assertThat(returned("nothing")).isEmpty();
		assertThat(returned("anything")).isEmpty();
		assertThat(returned("primitive")).containsExactly(Integer.TYPE);
		assertThat(returned("primitives")).containsExactly(Integer.TYPE);
	}

	@Test
	void selfReferencesEndAndStaticOrTransientFieldsAreSkipped() throws Exception {
		assertThat(returned("node")).containsExactly(Node.class, List.class);
	}

}
