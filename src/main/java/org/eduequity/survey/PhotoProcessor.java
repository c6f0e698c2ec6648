package org.eduequity.survey;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.eduequity.survey.ImageStructure.Format;
import org.springframework.stereotype.Component;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

/**
 * Turns an uploaded home-visit photo into a {@link ProcessedPhoto}, or refuses it with a
 * {@link PhotoRejectedException} whose key says why. In order:
 * <ol>
 * <li>empty ({@code photo.error.empty}); larger than the limit ({@code photo.error.tooLarge});</li>
 * <li>not JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by its leading bytes, whatever its name
 * ({@code photo.error.type});</li>
 * <li>width × height read from the header, before anything is decoded, above the megapixel limit
 * ({@code photo.error.tooManyPixels}) &mdash; so a small file claiming a huge image (a decompression bomb) never
 * gets a pixel buffer;</li>
 * <li>the file does not reach its end marker (JPEG EOI, PNG IEND with every chunk's CRC right), the decoder warns
 * that it read the data only in part (Java's JPEG decoder fills a cut-off image with grey and only warns), or the
 * compressed data ends early ({@code photo.error.truncated});</li>
 * <li>anything else the decoder cannot read, e.g. CMYK JPEG ({@code photo.error.undecodable}).</li>
 * </ol>
 * An accepted photo is decoded completely, turned upright by its EXIF orientation, scaled down (never up) to the
 * display size with bilinear halving steps and a final bicubic step, flattened onto white (PNG transparency) and
 * re-encoded as baseline JPEG without any metadata; the thumbnail is made from the display copy. EXIF GPS position
 * and DateTimeOriginal are read from the upload and returned as data; unreadable metadata never refuses a photo.
 *
 * <p>Memory: very large photos are read with source subsampling down to at most twice the display size, and at
 * most {@link PhotoProperties#concurrentDecodes()} uploads are decoded at once.
 */
@Component
class PhotoProcessor {

    private static final DateTimeFormatter EXIF_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final long BYTES_PER_MB = 1024L * 1024L;

    private final PhotoProperties properties;
    private final Semaphore decodes;

    PhotoProcessor(PhotoProperties properties) {
        this.properties = properties;
        this.decodes = new Semaphore(properties.concurrentDecodes(), true);
    }

    /**
     * Checks, decodes and re-encodes one upload.
     *
     * @throws PhotoRejectedException when the upload is not an acceptable photo
     */
    ProcessedPhoto process(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw new PhotoRejectedException("photo.error.empty");
        }
        long maxBytes = properties.maxUploadSize().toBytes();
        if (upload.length > maxBytes) {
            throw new PhotoRejectedException("photo.error.tooLarge", Math.max(1, maxBytes / BYTES_PER_MB));
        }
        Format format = ImageStructure.detect(upload);
        if (format == null) {
            throw new PhotoRejectedException("photo.error.type");
        }
        Exif exif = readExif(format, upload);
        try {
            decodes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to decode a photo", e);
        }
        try {
            return decodeAndEncode(upload, format, exif);
        } finally {
            decodes.release();
        }
    }

    private ProcessedPhoto decodeAndEncode(byte[] upload, Format format, Exif exif) {
        ImageReader reader = reader(format);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage decoded;
        int width;
        int height;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new PhotoRejectedException("photo.error.undecodable");
            }
            long pixels = (long) width * height;
            if (pixels > properties.maxMegapixels() * 1_000_000L) {
                throw new PhotoRejectedException("photo.error.tooManyPixels", properties.maxMegapixels(),
                        (pixels + 999_999) / 1_000_000);
            }
            if (!ImageStructure.isComplete(format, upload)) {
                throw new PhotoRejectedException("photo.error.truncated");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(width, height) / (2 * properties.displaySize());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            decoded = reader.read(0, param);
        } catch (PhotoRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PhotoRejectedException(endsEarly(e) ? "photo.error.truncated" : "photo.error.undecodable", e);
        } finally {
            reader.dispose();
        }
        if (decoded == null || warnings.stream().anyMatch(PhotoProcessor::meansPartialRead)) {
            throw new PhotoRejectedException("photo.error.truncated");
        }
        BufferedImage display = Orientation.apply(scaleToRgb(decoded, properties.displaySize()), exif.orientation());
        decoded = null; // let the full-size pixels go before encoding
        BufferedImage thumbnail = scaleToRgb(display, properties.thumbnailSize());
        return new ProcessedPhoto(sha256(upload), format.mediaType, upload.length, width, height,
                jpeg(display), display.getWidth(), display.getHeight(), jpeg(thumbnail),
                exif.latitude(), exif.longitude(), exif.takenAt());
    }

    /** Decoder warnings that mean the image was read only in part; metadata warnings do not. */
    private static boolean meansPartialRead(String warning) {
        String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        return !(w.contains("color profile") || w.contains("thumbnail"));
    }

    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static ImageReader reader(Format format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /**
     * The image as opaque RGB (transparency flattened onto white), scaled so its longest side is at most
     * {@code max}: halving steps with bilinear interpolation while the image is more than twice too big, then one
     * bicubic step (one-step downscaling by large factors skips pixels and looks jagged).
     */
    static BufferedImage scaleToRgb(BufferedImage source, int max) {
        int w = source.getWidth();
        int h = source.getHeight();
        double factor = Math.min(1.0, (double) max / Math.max(w, h));
        int targetW = Math.max(1, (int) Math.round(w * factor));
        int targetH = Math.max(1, (int) Math.round(h * factor));
        BufferedImage current = source;
        while (w / 2 >= targetW && h / 2 >= targetH) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current == source || w != targetW || h != targetH) {
            current = draw(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int w, int h, Object interpolation) {
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Baseline JPEG with only the JFIF header: ImageIO writes no EXIF when given no metadata. */
    private byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(properties.jpegQuality());
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a JPEG in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** EXIF facts that matter here; any of them may be missing. */
    record Exif(BigDecimal latitude, BigDecimal longitude, LocalDateTime takenAt, int orientation) {
        static final Exif NONE = new Exif(null, null, null, 1);
    }

    /**
     * GPS position, DateTimeOriginal and orientation from the upload's EXIF; {@link Exif#NONE} when it has none or
     * it is unreadable. Only the EXIF block is parsed (JPEG APP1 "Exif", PNG eXIf chunk): no XMP, no compressed PNG
     * text chunks, which keeps metadata parsing small and free of decompression.
     */
    static Exif readExif(Format format, byte[] upload) {
        Metadata metadata;
        try {
            if (format == Format.JPEG) {
                metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(upload), List.of(new ExifReader()));
            } else {
                byte[] exif = ImageStructure.pngChunk(upload, "eXIf");
                if (exif == null) {
                    return Exif.NONE;
                }
                metadata = new Metadata();
                new ExifReader().extract(new ByteArrayReader(exif), metadata);
            }
        } catch (JpegProcessingException | IOException | RuntimeException e) {
            return Exif.NONE;
        }
        BigDecimal latitude = null;
        BigDecimal longitude = null;
        for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation location = safeLocation(gps);
            if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
                    && Math.abs(location.getLongitude()) <= 180) {
                latitude = BigDecimal.valueOf(location.getLatitude()).setScale(6, RoundingMode.HALF_UP);
                longitude = BigDecimal.valueOf(location.getLongitude()).setScale(6, RoundingMode.HALF_UP);
                break;
            }
        }
        LocalDateTime takenAt = null;
        for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            takenAt = parseExifDateTime(exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
            if (takenAt != null) {
                break;
            }
        }
        int orientation = 1;
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null) {
            Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (value != null && value >= 1 && value <= 8) {
                orientation = value;
            }
        }
        return new Exif(latitude, longitude, takenAt, orientation);
    }

    private static GeoLocation safeLocation(GpsDirectory gps) {
        try {
            return gps.getGeoLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static LocalDateTime parseExifDateTime(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.length() > 19) {
            text = text.substring(0, 19); // some cameras add sub-seconds or a zone; the rest is in other tags
        }
        try {
            return LocalDateTime.parse(text.replace('-', ':').replace('T', ' '), EXIF_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
