package org.eduequity.survey;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/**
 * Real image files made in memory for the photo tests: JPEG, PNG and GIF written by ImageIO, EXIF blocks built byte
 * by byte from the EXIF 2.3 / TIFF 6.0 layout, and crafted PNG headers.
 */
final class TestImages {

    private TestImages() {
    }

    /** A picture with gradients and detail (so JPEG has something to compress), left half reddish, right bluish. */
    static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(220, 40, 40));
            g.fillRect(0, 0, width / 2, height);
            g.setColor(new Color(40, 40, 220));
            g.fillRect(width / 2, 0, width - width / 2, height);
            g.setColor(new Color(240, 240, 240));
            for (int x = 0; x < width; x += 37) {
                g.drawLine(x, 0, x + height / 3, height);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    static byte[] png(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    static byte[] gif(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The JPEG with an APP1 "Exif" segment inserted after its JFIF APP0 segment, holding IFD0 (Orientation), the
     * Exif IFD (DateTimeOriginal) and the GPS IFD (GPSVersionID 2.3, latitude and longitude as degrees, minutes,
     * seconds rationals with N/S and E/W references), as a camera writes them.
     */
    static byte[] withExif(byte[] jpeg, double latitude, double longitude, String dateTimeOriginal, int orientation) {
        byte[] tiff = exifTiff(latitude, longitude, dateTimeOriginal, orientation);
        if ((jpeg[2] & 0xFF) != 0xFF || (jpeg[3] & 0xFF) != 0xE0) {
            throw new IllegalArgumentException("expected a JFIF JPEG from ImageIO");
        }
        int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        byte[] preamble = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int segmentLength = 2 + preamble.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + segmentLength);
        out.put(jpeg, 0, afterApp0);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) segmentLength).put(preamble).put(tiff);
        out.put(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.array();
    }

    /** A TIFF structure (big-endian "MM") holding the EXIF of {@link #withExif}. */
    static byte[] exifTiff(double latitude, double longitude, String dateTimeOriginal, int orientation) {
        int ifd0 = 8;
        int exifIfd = ifd0 + 2 + 3 * 12 + 4;
        int gpsIfd = exifIfd + 2 + 12 + 4;
        int dateAt = gpsIfd + 2 + 5 * 12 + 4;
        int latAt = dateAt + 20;
        int lonAt = latAt + 24;
        ByteBuffer b = ByteBuffer.allocate(lonAt + 24).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd0);
        // IFD0: Orientation, Exif IFD pointer, GPS IFD pointer (tags ascending)
        b.putShort((short) 3);
        entry(b, 0x0112, 3, 1).putShort((short) orientation).putShort((short) 0);
        entry(b, 0x8769, 4, 1).putInt(exifIfd);
        entry(b, 0x8825, 4, 1).putInt(gpsIfd);
        b.putInt(0);
        // Exif IFD: DateTimeOriginal "YYYY:MM:DD HH:MM:SS\0"
        b.putShort((short) 1);
        entry(b, 0x9003, 2, 20).putInt(dateAt);
        b.putInt(0);
        // GPS IFD
        b.putShort((short) 5);
        entry(b, 0x0000, 1, 4).put((byte) 2).put((byte) 3).put((byte) 0).put((byte) 0);
        entry(b, 0x0001, 2, 2).put((byte) (latitude >= 0 ? 'N' : 'S')).put((byte) 0).putShort((short) 0);
        entry(b, 0x0002, 5, 3).putInt(latAt);
        entry(b, 0x0003, 2, 2).put((byte) (longitude >= 0 ? 'E' : 'W')).put((byte) 0).putShort((short) 0);
        entry(b, 0x0004, 5, 3).putInt(lonAt);
        b.putInt(0);
        byte[] date = dateTimeOriginal.getBytes(StandardCharsets.US_ASCII);
        if (date.length != 19) {
            throw new IllegalArgumentException("EXIF date is YYYY:MM:DD HH:MM:SS");
        }
        b.put(date).put((byte) 0);
        degreesMinutesSeconds(b, Math.abs(latitude));
        degreesMinutesSeconds(b, Math.abs(longitude));
        return b.array();
    }

    private static ByteBuffer entry(ByteBuffer b, int tag, int type, int count) {
        return b.putShort((short) tag).putShort((short) type).putInt(count);
    }

    private static void degreesMinutesSeconds(ByteBuffer b, double value) {
        int degrees = (int) Math.floor(value);
        double minutesExact = (value - degrees) * 60;
        int minutes = (int) Math.floor(minutesExact);
        long tenThousandthsOfSecond = Math.round((minutesExact - minutes) * 60 * 10_000);
        b.putInt(degrees).putInt(1).putInt(minutes).putInt(1).putInt((int) tenThousandthsOfSecond).putInt(10_000);
    }

    /** The PNG with an eXIf chunk (PNG 1.5 extension) holding that TIFF structure, inserted after IHDR. */
    static byte[] pngWithExif(byte[] png, byte[] tiff) {
        int afterIhdr = 8 + 12 + 13;
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + tiff.length);
        out.put(png, 0, afterIhdr).put(chunk("eXIf", tiff)).put(png, afterIhdr, png.length - afterIhdr);
        return out.array();
    }

    /**
     * A well-formed PNG whose header claims width × height but whose pixel data is a few bytes: it is only a few
     * hundred bytes, and decoding it would need a width × height × 3 byte buffer (and then fail).
     */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                chunk("IHDR", ihdr.array()), chunk("IDAT", deflate(new byte[16])), chunk("IEND", new byte[0]));
    }

    /**
     * The PNG rebuilt with its image data cut in half but every chunk well-formed (right lengths and CRCs, IEND
     * present): only the decoder can tell that the compressed data stops early.
     */
    static byte[] pngWithHalfTheImageData(byte[] png) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] ihdrChunk = null;
        int i = 8;
        while (i + 12 <= png.length) {
            int length = ByteBuffer.wrap(png, i, 4).getInt();
            String type = new String(png, i + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IHDR")) {
                ihdrChunk = Arrays.copyOfRange(png, i, i + 12 + length);
            } else if (type.equals("IDAT")) {
                idat.write(png, i + 8, length);
            }
            i += 12 + length;
        }
        byte[] data = idat.toByteArray();
        return concat(Arrays.copyOf(png, 8), ihdrChunk,
                chunk("IDAT", Arrays.copyOf(data, data.length / 2)), chunk("IEND", new byte[0]));
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[256];
        int n = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
