package org.eduequity.studentcare;

import java.time.Instant;
import java.util.List;

/** A stored care rule set: its identity, status, the terms it is effective for and its numbers. */
public record CareRuleSet(long id, String code, String version, String name, Status status, List<String> effectiveTerms,
                          CareParameters parameters, Long copiedFrom, String createdBy, Instant createdAt, String publishedBy,
                          Instant publishedAt, long lockVersion) {

    public enum Status {
        DRAFT, PUBLISHED, RETIRED
    }

    public boolean draft() {
        return status == Status.DRAFT;
    }

    public String label() {
        return code + " " + version;
    }
}
