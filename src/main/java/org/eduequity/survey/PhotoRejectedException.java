package org.eduequity.survey;

import java.util.Arrays;

/**
 * An upload that is not an acceptable photo. {@link #getMessageKey()} names a {@code photo.error.*} entry in the
 * message files and {@link #getArgs()} fills its placeholders, so the screens and the API can say in Thai or
 * English what is wrong.
 */
public class PhotoRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String messageKey;
    private final transient Object[] args;

    public PhotoRejectedException(String messageKey, Object... args) {
        this(messageKey, null, args);
    }

    public PhotoRejectedException(String messageKey, Throwable cause, Object... args) {
        super(messageKey + (args.length == 0 ? "" : " " + Arrays.toString(args)), cause);
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public String getMessageKey() {
        return messageKey;
    }

    public Object[] getArgs() {
        return args.clone();
    }
}
