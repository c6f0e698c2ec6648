package org.eduequity.organisation;

import java.util.concurrent.atomic.AtomicLong;

/** Codes no other test (nor the demo data) uses: the time of the run plus a counter. */
final class UnitCodes {

    private static final AtomicLong NEXT = new AtomicLong((System.currentTimeMillis() / 1000 % 100_000) * 10_000);

    private UnitCodes() {
    }

    /** A 10-digit school code starting with 9 (demo schools start with 10). */
    static String school() {
        return String.format("9%09d", NEXT.incrementAndGet() % 1_000_000_000L);
    }

    /** A code for a centre, e.g. {@code T-0123456789}. */
    static String centre() {
        return String.format("T-%010d", NEXT.incrementAndGet());
    }
}
