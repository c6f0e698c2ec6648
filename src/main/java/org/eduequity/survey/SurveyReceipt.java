package org.eduequity.survey;

import java.util.List;
import java.util.UUID;

/**
 * What the server recorded for a survey: the visit's id, its status, and the students it covers.
 * {@code created} is false when the same {@code externalId} had been received before (an idempotent retry).
 */
public record SurveyReceipt(long id, UUID externalId, String term, String status, List<Student> students,
                            List<String> evidenceFlags, boolean created) {

    /** A student of the visited household and the child record it is filed under. */
    public record Student(String nationalId, long childId) {
    }
}
