package dev.cachet.core.hash;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import com.dynatrace.hash4j.hashing.HashStream128;

/**
 * Encoders for {@code java.time} values, field by field as their {@code equals} compares them: a
 * {@link ZonedDateTime} by local date-time, offset and zone id; an {@link OffsetDateTime} by local
 * date-time and offset (so the same instant at two offsets differs); a {@link Period} by years,
 * months and days as given. {@code DayOfWeek} and {@code Month} are enums. Other calendar systems
 * ({@code java.time.chrono}) are not supported.
 */
final class TimeEncoders {

	private static final Map<Class<?>, ValueEncoder> EXACT = exactEncoders();

	private TimeEncoders() {
	}

	/** The encoder for {@code type}, or {@code null} if it is not a supported time type. */
	static ValueEncoder find(Class<?> type) {
		ValueEncoder encoder = EXACT.get(type);
		if (encoder == null && ZoneId.class.isAssignableFrom(type)) {
			// region ids are a JDK-internal subclass
			return (value, digest) -> putZone((ZoneId) value, digest);
		}
		return encoder;
	}

	private static Map<Class<?>, ValueEncoder> exactEncoders() {
		Map<Class<?>, ValueEncoder> encoders = new HashMap<>();
		encoders.put(Instant.class, (value, digest) -> {
			Instant instant = (Instant) value;
			digest.out(TypeTag.INSTANT).putLong(instant.getEpochSecond()).putInt(instant.getNano());
		});
		encoders.put(LocalDate.class,
				(value, digest) -> digest.out(TypeTag.LOCAL_DATE).putLong(((LocalDate) value).toEpochDay()));
		encoders.put(LocalTime.class,
				(value, digest) -> digest.out(TypeTag.LOCAL_TIME).putLong(((LocalTime) value).toNanoOfDay()));
		encoders.put(LocalDateTime.class,
				(value, digest) -> putDateTime((LocalDateTime) value, digest.out(TypeTag.LOCAL_DATE_TIME)));
		encoders.put(OffsetDateTime.class, (value, digest) -> {
			OffsetDateTime dateTime = (OffsetDateTime) value;
			putDateTime(dateTime.toLocalDateTime(), digest.out(TypeTag.OFFSET_DATE_TIME))
				.putInt(dateTime.getOffset().getTotalSeconds());
		});
		encoders.put(OffsetTime.class, (value, digest) -> {
			OffsetTime time = (OffsetTime) value;
			digest.out(TypeTag.OFFSET_TIME)
				.putLong(time.toLocalTime().toNanoOfDay())
				.putInt(time.getOffset().getTotalSeconds());
		});
		encoders.put(ZonedDateTime.class, (value, digest) -> {
			ZonedDateTime dateTime = (ZonedDateTime) value;
			putDateTime(dateTime.toLocalDateTime(), digest.out(TypeTag.ZONED_DATE_TIME))
				.putInt(dateTime.getOffset().getTotalSeconds());
			putZone(dateTime.getZone(), digest);
		});
		encoders.put(Duration.class, (value, digest) -> {
			Duration duration = (Duration) value;
			digest.out(TypeTag.DURATION).putLong(duration.getSeconds()).putInt(duration.getNano());
		});
		encoders.put(Period.class, (value, digest) -> {
			Period period = (Period) value;
			digest.out(TypeTag.PERIOD).putInt(period.getYears()).putInt(period.getMonths()).putInt(period.getDays());
		});
		encoders.put(Year.class, (value, digest) -> digest.out(TypeTag.YEAR).putInt(((Year) value).getValue()));
		encoders.put(YearMonth.class, (value, digest) -> {
			YearMonth yearMonth = (YearMonth) value;
			digest.out(TypeTag.YEAR_MONTH).putInt(yearMonth.getYear()).putInt(yearMonth.getMonthValue());
		});
		encoders.put(MonthDay.class, (value, digest) -> {
			MonthDay monthDay = (MonthDay) value;
			digest.out(TypeTag.MONTH_DAY).putInt(monthDay.getMonthValue()).putInt(monthDay.getDayOfMonth());
		});
		return Map.copyOf(encoders);
	}

	private static HashStream128 putDateTime(LocalDateTime dateTime, HashStream128 out) {
		return out.putLong(dateTime.toLocalDate().toEpochDay()).putLong(dateTime.toLocalTime().toNanoOfDay());
	}

	private static void putZone(ZoneId zone, StreamingArgumentDigest digest) {
		if (zone instanceof ZoneOffset offset) {
			digest.out(TypeTag.ZONE_OFFSET).putInt(offset.getTotalSeconds());
		}
		else {
			digest.out(TypeTag.ZONE_REGION);
			digest.putText(zone.getId());
		}
	}

}
