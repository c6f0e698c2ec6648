package org.eduequity.screening;

import java.time.Instant;
import java.util.List;

/** A stored rule set: its identity, status, the terms it is effective for and its numbers. */
public record RuleSet(long id, String code, String version, String name, Status status, List<String> effectiveTerms,
                      RuleParameters parameters, Long copiedFrom, String createdBy, Instant createdAt, String publishedBy,
                      Instant publishedAt, long lockVersion) {

    public enum Status {
        DRAFT, PUBLISHED, RETIRED
    }

    public boolean draft() {
        return status == Status.DRAFT;
    }

    /** {@code code version}, as results name their rule set. */
    public String label() {
        return code + " " + version;
    }
}
