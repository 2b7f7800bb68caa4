package dev.cachet.sample;

import java.time.LocalDateTime;

/** One AIS vessel-position report, with the columns of NOAA's Marine Cadastre AIS files. */
public record ShipPosition(long mmsi, LocalDateTime baseDateTime, double lat, double lon, double sog, double cog,
		int heading, String vesselName, String imo, String callSign, int vesselType, int status, double length,
		double width, double draft, int cargo, String transceiverClass) {

}
