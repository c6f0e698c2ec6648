package org.eduequity.survey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Cheap checks on the raw bytes of an upload, done before anything is decoded: the file type by its magic bytes and
 * whether the file reaches its proper end (a cut-off upload does not).
 */
final class ImageStructure {

    enum Format {
        JPEG("image/jpeg", "jpeg"),
        PNG("image/png", "png");

        final String mediaType;
        final String imageIoName;

        Format(String mediaType, String imageIoName) {
            this.mediaType = mediaType;
            this.imageIoName = imageIoName;
        }
    }

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private ImageStructure() {
    }

    /** JPEG or PNG by the leading bytes, or {@code null} for anything else. */
    static Format detect(byte[] b) {
        if (startsWith(b, PNG_MAGIC)) {
            return Format.PNG;
        }
        if (startsWith(b, JPEG_MAGIC)) {
            return Format.JPEG;
        }
        return null;
    }

    static boolean isComplete(Format format, byte[] b) {
        return format == Format.JPEG ? jpegReachesEoi(b) : pngReachesIend(b);
    }

    /**
     * Walks the JPEG's marker segments (skipping each by its length, so an EXIF thumbnail's own EOI does not count)
     * and the entropy-coded data after every SOS, and answers whether the End Of Image marker (FF D9) is reached.
     * Bytes after the EOI (some phones append a trailer) are allowed.
     */
    static boolean jpegReachesEoi(byte[] b) {
        int i = 2; // after SOI
        while (true) {
            if (i >= b.length || u(b, i) != 0xFF) {
                return false;
            }
            while (i < b.length && u(b, i) == 0xFF) {
                i++; // fill bytes
            }
            if (i >= b.length) {
                return false;
            }
            int marker = u(b, i++);
            if (marker == 0xD9) {
                return true;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn stand alone
            }
            if (marker == 0x00 || marker == 0xD8 || i + 2 > b.length) {
                return false;
            }
            int length = (u(b, i) << 8) | u(b, i + 1);
            if (length < 2 || i + length > b.length) {
                return false;
            }
            i += length;
            if (marker == 0xDA) {
                i = endOfEntropyCodedData(b, i);
                if (i < 0) {
                    return false;
                }
            }
        }
    }

    /** Index of the marker that ends the scan starting at {@code i}, or -1 when the data runs out first. */
    private static int endOfEntropyCodedData(byte[] b, int i) {
        while (i < b.length) {
            if (u(b, i) == 0xFF) {
                if (i + 1 >= b.length) {
                    return -1;
                }
                int next = u(b, i + 1);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    i += 2; // stuffed byte or restart marker: still inside the scan
                    continue;
                }
                if (next != 0xFF) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /**
     * Walks the PNG's chunks, checking each one's length and CRC, and answers whether the IEND chunk is reached.
     */
    static boolean pngReachesIend(byte[] b) {
        int i = PNG_MAGIC.length;
        CRC32 crc = new CRC32();
        while (i + 12 <= b.length) {
            long length = ((long) u(b, i) << 24) | (u(b, i + 1) << 16) | (u(b, i + 2) << 8) | u(b, i + 3);
            if (length > b.length - i - 12L) {
                return false;
            }
            int len = (int) length;
            crc.reset();
            crc.update(b, i + 4, 4 + len);
            int end = i + 8 + len;
            long stored = ((long) u(b, end) << 24) | (u(b, end + 1) << 16) | (u(b, end + 2) << 8) | u(b, end + 3);
            if (crc.getValue() != stored) {
                return false;
            }
            if (b[i + 4] == 'I' && b[i + 5] == 'E' && b[i + 6] == 'N' && b[i + 7] == 'D') {
                return true;
            }
            i = end + 4;
        }
        return false;
    }

    /** The data of the first chunk of that type, or {@code null}; call on a PNG whose chunks were walked. */
    static byte[] pngChunk(byte[] b, String type) {
        int i = PNG_MAGIC.length;
        while (i + 12 <= b.length) {
            long length = ((long) u(b, i) << 24) | (u(b, i + 1) << 16) | (u(b, i + 2) << 8) | u(b, i + 3);
            if (length > b.length - i - 12L) {
                return null;
            }
            if (new String(b, i + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return Arrays.copyOfRange(b, i + 8, i + 8 + (int) length);
            }
            i += 12 + (int) length;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
