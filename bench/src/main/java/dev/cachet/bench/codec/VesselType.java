package dev.cachet.bench.codec;

/** Kind of vessel in the benchmark's sample data. */
public enum VesselType {

	CARGO, TANKER, PASSENGER, FISHING, TUG

}
