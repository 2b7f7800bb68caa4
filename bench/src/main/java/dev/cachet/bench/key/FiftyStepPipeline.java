package dev.cachet.bench.key;

/** Fifty application methods, each calling the next: the code a fingerprint has to follow. */
public class FiftyStepPipeline {

	/** The cached entry point: reaches all fifty steps. */
	public long run(long seed) {
		return step0(seed);
	}

	long step0(long value) {
		return (value % 2 == 0) ? step1(value * 31 + 0) : step1(value * 31 + 0) + 0;
	}

	long step1(long value) {
		return (value % 3 == 0) ? step2(value * 31 + 1) : step2(value * 31 + 1) + 1;
	}

	long step2(long value) {
		return (value % 4 == 0) ? step3(value * 31 + 2) : step3(value * 31 + 2) + 2;
	}

	long step3(long value) {
		return (value % 5 == 0) ? step4(value * 31 + 3) : step4(value * 31 + 3) + 3;
	}

	long step4(long value) {
		return (value % 6 == 0) ? step5(value * 31 + 4) : step5(value * 31 + 4) + 4;
	}

	long step5(long value) {
		return (value % 7 == 0) ? step6(value * 31 + 5) : step6(value * 31 + 5) + 5;
	}

	long step6(long value) {
		return (value % 8 == 0) ? step7(value * 31 + 6) : step7(value * 31 + 6) + 6;
	}

	long step7(long value) {
		return (value % 9 == 0) ? step8(value * 31 + 7) : step8(value * 31 + 7) + 7;
	}

	long step8(long value) {
		return (value % 10 == 0) ? step9(value * 31 + 8) : step9(value * 31 + 8) + 8;
	}

	long step9(long value) {
		return (value % 11 == 0) ? step10(value * 31 + 9) : step10(value * 31 + 9) + 9;
	}

	long step10(long value) {
		return (value % 12 == 0) ? step11(value * 31 + 10) : step11(value * 31 + 10) + 10;
	}

	long step11(long value) {
		return (value % 13 == 0) ? step12(value * 31 + 11) : step12(value * 31 + 11) + 11;
	}

	long step12(long value) {
		return (value % 14 == 0) ? step13(value * 31 + 12) : step13(value * 31 + 12) + 12;
	}

	long step13(long value) {
		return (value % 15 == 0) ? step14(value * 31 + 13) : step14(value * 31 + 13) + 13;
	}

	long step14(long value) {
		return (value % 16 == 0) ? step15(value * 31 + 14) : step15(value * 31 + 14) + 14;
	}

	long step15(long value) {
		return (value % 17 == 0) ? step16(value * 31 + 15) : step16(value * 31 + 15) + 15;
	}

	long step16(long value) {
		return (value % 18 == 0) ? step17(value * 31 + 16) : step17(value * 31 + 16) + 16;
	}

	long step17(long value) {
		return (value % 19 == 0) ? step18(value * 31 + 17) : step18(value * 31 + 17) + 17;
	}

	long step18(long value) {
		return (value % 20 == 0) ? step19(value * 31 + 18) : step19(value * 31 + 18) + 18;
	}

	long step19(long value) {
		return (value % 21 == 0) ? step20(value * 31 + 19) : step20(value * 31 + 19) + 19;
	}

	long step20(long value) {
		return (value % 22 == 0) ? step21(value * 31 + 20) : step21(value * 31 + 20) + 20;
	}

	long step21(long value) {
		return (value % 23 == 0) ? step22(value * 31 + 21) : step22(value * 31 + 21) + 21;
	}

	long step22(long value) {
		return (value % 24 == 0) ? step23(value * 31 + 22) : step23(value * 31 + 22) + 22;
	}

	long step23(long value) {
		return (value % 25 == 0) ? step24(value * 31 + 23) : step24(value * 31 + 23) + 23;
	}

	long step24(long value) {
		return (value % 26 == 0) ? step25(value * 31 + 24) : step25(value * 31 + 24) + 24;
	}

	long step25(long value) {
		return (value % 27 == 0) ? step26(value * 31 + 25) : step26(value * 31 + 25) + 25;
	}

	long step26(long value) {
		return (value % 28 == 0) ? step27(value * 31 + 26) : step27(value * 31 + 26) + 26;
	}

	long step27(long value) {
		return (value % 29 == 0) ? step28(value * 31 + 27) : step28(value * 31 + 27) + 27;
	}

	long step28(long value) {
		return (value % 30 == 0) ? step29(value * 31 + 28) : step29(value * 31 + 28) + 28;
	}

	long step29(long value) {
		return (value % 31 == 0) ? step30(value * 31 + 29) : step30(value * 31 + 29) + 29;
	}

	long step30(long value) {
		return (value % 32 == 0) ? step31(value * 31 + 30) : step31(value * 31 + 30) + 30;
	}

	long step31(long value) {
		return (value % 33 == 0) ? step32(value * 31 + 31) : step32(value * 31 + 31) + 31;
	}

	long step32(long value) {
		return (value % 34 == 0) ? step33(value * 31 + 32) : step33(value * 31 + 32) + 32;
	}

	long step33(long value) {
		return (value % 35 == 0) ? step34(value * 31 + 33) : step34(value * 31 + 33) + 33;
	}

	long step34(long value) {
		return (value % 36 == 0) ? step35(value * 31 + 34) : step35(value * 31 + 34) + 34;
	}

	long step35(long value) {
		return (value % 37 == 0) ? step36(value * 31 + 35) : step36(value * 31 + 35) + 35;
	}

	long step36(long value) {
		return (value % 38 == 0) ? step37(value * 31 + 36) : step37(value * 31 + 36) + 36;
	}

	long step37(long value) {
		return (value % 39 == 0) ? step38(value * 31 + 37) : step38(value * 31 + 37) + 37;
	}

	long step38(long value) {
		return (value % 40 == 0) ? step39(value * 31 + 38) : step39(value * 31 + 38) + 38;
	}

	long step39(long value) {
		return (value % 41 == 0) ? step40(value * 31 + 39) : step40(value * 31 + 39) + 39;
	}

	long step40(long value) {
		return (value % 42 == 0) ? step41(value * 31 + 40) : step41(value * 31 + 40) + 40;
	}

	long step41(long value) {
		return (value % 43 == 0) ? step42(value * 31 + 41) : step42(value * 31 + 41) + 41;
	}

	long step42(long value) {
		return (value % 44 == 0) ? step43(value * 31 + 42) : step43(value * 31 + 42) + 42;
	}

	long step43(long value) {
		return (value % 45 == 0) ? step44(value * 31 + 43) : step44(value * 31 + 43) + 43;
	}

	long step44(long value) {
		return (value % 46 == 0) ? step45(value * 31 + 44) : step45(value * 31 + 44) + 44;
	}

	long step45(long value) {
		return (value % 47 == 0) ? step46(value * 31 + 45) : step46(value * 31 + 45) + 45;
	}

	long step46(long value) {
		return (value % 48 == 0) ? step47(value * 31 + 46) : step47(value * 31 + 46) + 46;
	}

	long step47(long value) {
		return (value % 49 == 0) ? step48(value * 31 + 47) : step48(value * 31 + 47) + 47;
	}

	long step48(long value) {
		return (value % 50 == 0) ? step49(value * 31 + 48) : step49(value * 31 + 48) + 48;
	}

	long step49(long value) {
		return (value % 51 == 0) ? value : value + 49;
	}

}
