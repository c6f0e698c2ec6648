package org.eduequity.account;

/** A change to an account that its rules refuse; carries the message key shown to the user. */
public class AccountRuleException extends RuntimeException {

    private final String messageKey;

    public AccountRuleException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
