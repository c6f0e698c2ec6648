package org.eduequity.shared;

/**
 * Thrown when a value object rejects its input, carrying a message key for the UI and the rejected value.
 */
public class InvalidValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    private final transient Object rejectedValue;

    /**
     * Creates an exception whose message is derived from the key and the rejected value.
     *
     * @param messageKey message-source key such as {@code validation.nationalId.checkDigit}
     * @param rejectedValue the input that was rejected, may be {@code null}
     */
    public InvalidValueException(String messageKey, Object rejectedValue) {
        this(messageKey, rejectedValue, null);
    }

    /**
     * Creates an exception with an underlying cause.
     *
     * @param messageKey message-source key such as {@code validation.date.invalid}
     * @param rejectedValue the input that was rejected, may be {@code null}
     * @param cause the underlying cause, may be {@code null}
     */
    public InvalidValueException(String messageKey, Object rejectedValue, Throwable cause) {
        super(messageKey + ": [" + rejectedValue + "]", cause);
        if (messageKey == null || messageKey.isBlank()) {
            throw new IllegalArgumentException("messageKey must not be blank");
        }
        this.messageKey = messageKey;
        this.rejectedValue = rejectedValue;
    }

    /**
     * Returns the message-source key describing why the value was rejected.
     *
     * @return the message key, never {@code null}
     */
    public String messageKey() {
        return messageKey;
    }

    /**
     * Returns the value that was rejected, as it was passed in (before any normalisation).
     *
     * @return the rejected value, may be {@code null}
     */
    public Object rejectedValue() {
        return rejectedValue;
    }
}
