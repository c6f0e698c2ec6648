package org.eduequity.account;

import java.util.List;

/** A password that the password rules refuse, with the message key of each broken rule. */
public class PasswordRuleException extends RuntimeException {

    private final List<String> messageKeys;

    public PasswordRuleException(List<String> messageKeys) {
        super(String.join(", ", messageKeys));
        this.messageKeys = List.copyOf(messageKeys);
    }

    public List<String> messageKeys() {
        return messageKeys;
    }
}
