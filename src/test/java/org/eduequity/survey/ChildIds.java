package org.eduequity.survey;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * National ids with valid check digits that no other test (nor the demo data, whose ids start with 1 and a
 * subdistrict code) uses: 5, then the time of the run and a counter. Remembers what it issued, so that tests can
 * remove the children they created and leave the shared database with the demo roll only.
 */
final class ChildIds {

    private static final AtomicLong NEXT = new AtomicLong((System.currentTimeMillis() / 1000 % 10_000_000L) * 10_000);

    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private ChildIds() {
    }

    /** Every id issued so far. */
    static List<String> issued() {
        return List.copyOf(ISSUED);
    }

    static String next() {
        String twelve = String.format("5%011d", NEXT.incrementAndGet() % 100_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        String id = twelve + ((11 - sum % 11) % 10);
        ISSUED.add(id);
        return id;
    }

    /** The same id with a wrong check digit. */
    static String withWrongCheckDigit(String id) {
        char last = id.charAt(12);
        return id.substring(0, 12) + (char) ('0' + (last - '0' + 1) % 10);
    }
}
