package dev.cachet.bench.codec;

import java.io.Serializable;
import java.util.SplittableRandom;

/** A wide mutable bean with 50 fields of five kinds, as older application code returns. */
public class WideBean implements Serializable {

	private long long0;
	private int int0;
	private double double0;
	private String string0;
	private boolean boolean0;
	private long long1;
	private int int1;
	private double double1;
	private String string1;
	private boolean boolean1;
	private long long2;
	private int int2;
	private double double2;
	private String string2;
	private boolean boolean2;
	private long long3;
	private int int3;
	private double double3;
	private String string3;
	private boolean boolean3;
	private long long4;
	private int int4;
	private double double4;
	private String string4;
	private boolean boolean4;
	private long long5;
	private int int5;
	private double double5;
	private String string5;
	private boolean boolean5;
	private long long6;
	private int int6;
	private double double6;
	private String string6;
	private boolean boolean6;
	private long long7;
	private int int7;
	private double double7;
	private String string7;
	private boolean boolean7;
	private long long8;
	private int int8;
	private double double8;
	private String string8;
	private boolean boolean8;
	private long long9;
	private int int9;
	private double double9;
	private String string9;
	private boolean boolean9;

	/** Bean without a meaningful state, for libraries that need a no-arg constructor. */
	public WideBean() {
	}

	/** Fills every field from a fixed seed. */
	public static WideBean sample() {
		SplittableRandom random = new SplittableRandom(7);
		WideBean bean = new WideBean();
		bean.long0 = random.nextLong();
		bean.int0 = random.nextInt();
		bean.double0 = random.nextDouble();
		bean.string0 = "text-" + random.nextInt(1_000_000);
		bean.boolean0 = random.nextBoolean();
		bean.long1 = random.nextLong();
		bean.int1 = random.nextInt();
		bean.double1 = random.nextDouble();
		bean.string1 = "text-" + random.nextInt(1_000_000);
		bean.boolean1 = random.nextBoolean();
		bean.long2 = random.nextLong();
		bean.int2 = random.nextInt();
		bean.double2 = random.nextDouble();
		bean.string2 = "text-" + random.nextInt(1_000_000);
		bean.boolean2 = random.nextBoolean();
		bean.long3 = random.nextLong();
		bean.int3 = random.nextInt();
		bean.double3 = random.nextDouble();
		bean.string3 = "text-" + random.nextInt(1_000_000);
		bean.boolean3 = random.nextBoolean();
		bean.long4 = random.nextLong();
		bean.int4 = random.nextInt();
		bean.double4 = random.nextDouble();
		bean.string4 = "text-" + random.nextInt(1_000_000);
		bean.boolean4 = random.nextBoolean();
		bean.long5 = random.nextLong();
		bean.int5 = random.nextInt();
		bean.double5 = random.nextDouble();
		bean.string5 = "text-" + random.nextInt(1_000_000);
		bean.boolean5 = random.nextBoolean();
		bean.long6 = random.nextLong();
		bean.int6 = random.nextInt();
		bean.double6 = random.nextDouble();
		bean.string6 = "text-" + random.nextInt(1_000_000);
		bean.boolean6 = random.nextBoolean();
		bean.long7 = random.nextLong();
		bean.int7 = random.nextInt();
		bean.double7 = random.nextDouble();
		bean.string7 = "text-" + random.nextInt(1_000_000);
		bean.boolean7 = random.nextBoolean();
		bean.long8 = random.nextLong();
		bean.int8 = random.nextInt();
		bean.double8 = random.nextDouble();
		bean.string8 = "text-" + random.nextInt(1_000_000);
		bean.boolean8 = random.nextBoolean();
		bean.long9 = random.nextLong();
		bean.int9 = random.nextInt();
		bean.double9 = random.nextDouble();
		bean.string9 = "text-" + random.nextInt(1_000_000);
		bean.boolean9 = random.nextBoolean();
		return bean;
	}

}
