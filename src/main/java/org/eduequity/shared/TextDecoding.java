package org.eduequity.shared;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of an uploaded text file (a CSV import) into text.
 *
 * <p>{@link #utf8(byte[])} accepts strict UTF-8 only. {@link #utf8OrThai(byte[])} also reads Windows-874, the code
 * page in which Excel on Thai Windows saves "CSV (Comma delimited)"; TIS-620 is a subset of it, so TIS-620 files are
 * read too. The choice is made on the bytes: a file that is valid UTF-8 is UTF-8 (a run of Thai letters in Windows-874
 * is practically never valid UTF-8, since Thai letters are single bytes 0xA1–0xFB and UTF-8 needs a lead byte followed
 * by continuation bytes 0x80–0xBF), anything else is decoded as Windows-874, and bytes that are neither are refused.
 * A leading UTF-8 byte-order mark is removed; text with NUL characters (a binary file or UTF-16) is refused.
 */
public final class TextDecoding {

    /** Windows-874 (Microsoft's Thai code page, a superset of TIS-620), as Java names it. */
    public static final Charset WINDOWS_874 = Charset.forName("x-windows-874");

    private TextDecoding() {
    }

    /** Decoded text and the character set it was read in. */
    public record Decoded(String text, Charset charset) {
    }

    /** The bytes are not text in an accepted encoding. */
    public static final class NotTextException extends IllegalArgumentException {
        NotTextException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Decodes strict UTF-8, without a leading byte-order mark.
     *
     * @throws NotTextException if the bytes are not UTF-8 text
     */
    public static String utf8(byte[] content) {
        try {
            return checked(strict(StandardCharsets.UTF_8, content));
        } catch (CharacterCodingException e) {
            throw new NotTextException("Not UTF-8", e);
        }
    }

    /**
     * Decodes UTF-8 (with or without a byte-order mark) or, when the bytes are not valid UTF-8, Windows-874 / TIS-620.
     *
     * @throws NotTextException if the bytes are neither
     */
    public static Decoded utf8OrThai(byte[] content) {
        try {
            return new Decoded(checked(strict(StandardCharsets.UTF_8, content)), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(checked(strict(WINDOWS_874, content)), WINDOWS_874);
            } catch (CharacterCodingException e) {
                throw new NotTextException("Neither UTF-8 nor Windows-874", e);
            }
        }
    }

    private static String strict(Charset charset, byte[] content) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content)).toString();
    }

    private static String checked(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new NotTextException("NUL characters: not a text file", null);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
