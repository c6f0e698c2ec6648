package org.eduequity.organisation;

/** A change to an organisation unit that its rules refuse; names the field and the message key. */
public class OrgUnitRuleException extends RuntimeException {

    private final String field;
    private final String messageKey;

    public OrgUnitRuleException(String field, String messageKey) {
        super(field + ": " + messageKey);
        this.field = field;
        this.messageKey = messageKey;
    }

    public String field() {
        return field;
    }

    public String messageKey() {
        return messageKey;
    }
}
