package org.eduequity.survey;

import java.util.List;

/**
 * Published in the transaction that records a corrected, returned visit again (after it was screened anew): its
 * students go back to the provincial review as pending.
 *
 * @param visitId  the visit, which keeps its id
 * @param term     its term
 * @param childIds the visit's students
 */
public record VisitResubmitted(long visitId, String term, List<Long> childIds) {
}
