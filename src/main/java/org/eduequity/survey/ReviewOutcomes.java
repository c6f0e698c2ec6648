package org.eduequity.survey;

import java.util.Collection;
import java.util.Map;

/**
 * What the provincial review decided about children in a term, as teachers see it next to their children. The
 * review module provides it (the survey module does not depend on the review).
 */
public interface ReviewOutcomes {

    /** A child's review status (PENDING, APPROVED, REJECTED, RETURNED) and the reason given, if any. */
    record Outcome(String status, String reason) {
    }

    /** The outcomes of these children in the term; children without a decision are absent. */
    Map<Long, Outcome> of(Collection<Long> childIds, String term);
}
