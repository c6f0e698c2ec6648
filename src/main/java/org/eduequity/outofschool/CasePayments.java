package org.eduequity.outofschool;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A case's payments (its OOS_YOUTH lines and their ledger entries), implemented by the disbursement module, so that the
 * case's timeline shows them while this module does not depend on disbursement. The caller checks access to the case.
 */
public interface CasePayments {

    /** One ledger entry of a line of the case: PLANNED, APPROVED, PAID, FAILED or REVERSAL. */
    record Entry(String kind, BigDecimal amount, String reason, String recordedBy, Instant recordedAt) {
    }

    /** One payment line of the case with its entries, oldest first. */
    record Line(String lineRef, long roundId, String programmeCode, String term, String payeeType, String payeeName, BigDecimal amount,
                String status, List<Entry> entries) {
    }

    /** The case's lines, oldest first. */
    List<Line> ofCase(long caseId);
}
