package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

class PhotoProcessorTest {

    /** A home in Mueang Khon Kaen. */
    private static final double LAT = 16.4419;
    private static final double LON = 102.8360;

    private final PhotoProcessor processor = new PhotoProcessor(PhotoProperties.withDir(Path.of("unused")));

    @Test
    void acceptsALargeJpegAndScalesItDownToTheDisplayAndThumbnailSizes() throws Exception {
        byte[] upload = TestImages.jpeg(3000, 2000);

        ProcessedPhoto photo = processor.process(upload);

        assertThat(photo.mediaType()).isEqualTo("image/jpeg");
        assertThat(photo.width()).isEqualTo(3000);
        assertThat(photo.height()).isEqualTo(2000);
        assertThat(photo.uploadBytes()).isEqualTo(upload.length);
        BufferedImage display = decodeJpeg(photo.display());
        assertThat(display.getWidth()).isEqualTo(1600).isEqualTo(photo.displayWidth());
        assertThat(display.getHeight()).isEqualTo(1067).isEqualTo(photo.displayHeight());
        BufferedImage thumbnail = decodeJpeg(photo.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(213);
        assertThat(photo.hasLocation()).isFalse();
        assertThat(photo.takenAt()).isNull();
        // the picture survives: left half red, right half blue
        assertThat(new Color(display.getRGB(200, 500)).getRed()).isGreaterThan(150);
        assertThat(new Color(display.getRGB(1400, 500)).getBlue()).isGreaterThan(150);
    }

    @Test
    void acceptsAPngAndNeverScalesUp() throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.png(800, 600));

        assertThat(photo.mediaType()).isEqualTo("image/png");
        BufferedImage display = decodeJpeg(photo.display());
        assertThat(display.getWidth()).isEqualTo(800);
        assertThat(display.getHeight()).isEqualTo(600);
        BufferedImage thumbnail = decodeJpeg(photo.thumbnail());
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(320);
    }

    @Test
    void aVeryWideJpegIsReadSubsampledAndStillEndsAtTheDisplaySize() throws Exception {
        ProcessedPhoto photo = processor.process(TestImages.jpeg(6500, 1000));

        assertThat(photo.width()).isEqualTo(6500);
        BufferedImage display = decodeJpeg(photo.display());
        assertThat(display.getWidth()).isEqualTo(1600);
        assertThat(display.getHeight()).isBetween(245, 247);
    }

    @Test
    void transparentPngBecomesAWhiteBackedJpeg() throws Exception {
        BufferedImage transparent = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);

        ProcessedPhoto photo = processor.process(TestImages.write(transparent, "png"));

        Color pixel = new Color(decodeJpeg(photo.display()).getRGB(200, 150));
        assertThat(pixel.getRed()).isGreaterThan(245);
        assertThat(pixel.getGreen()).isGreaterThan(245);
        assertThat(pixel.getBlue()).isGreaterThan(245);
    }

    @Test
    void contentHashIsTheSha256OfTheUploadedBytes() throws Exception {
        byte[] upload = TestImages.jpeg(640, 480);

        ProcessedPhoto photo = processor.process(upload);

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        assertThat(photo.sha256()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(processor.process(upload.clone()).sha256()).isEqualTo(expected);
        assertThat(processor.process(TestImages.jpeg(641, 480)).sha256()).isNotEqualTo(expected);
    }

    @Test
    void readsGpsPositionAndCaptureTimeFromExifAndDropsAllMetadataFromTheCopies() throws Exception {
        byte[] upload = TestImages.withExif(TestImages.jpeg(2000, 1500), LAT, LON, "2026:05:14 09:41:27", 1);
        // the fixture is genuine EXIF: an independent reader finds it
        Metadata source = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload));
        assertThat(source.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation().getLatitude())
                .isCloseTo(LAT, org.assertj.core.data.Offset.offset(1e-7));

        ProcessedPhoto photo = processor.process(upload);

        assertThat(photo.hasLocation()).isTrue();
        assertThat(photo.latitude()).isEqualByComparingTo("16.441900");
        assertThat(photo.longitude()).isEqualByComparingTo("102.836000");
        assertThat(photo.takenAt()).isEqualTo(LocalDateTime.of(2026, 5, 14, 9, 41, 27));
        for (byte[] copy : new byte[][] {photo.display(), photo.thumbnail()}) {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(copy));
            assertThat(metadata.getDirectoriesOfType(GpsDirectory.class)).isEmpty();
            assertThat(metadata.getDirectoriesOfType(ExifIFD0Directory.class)).isEmpty();
            assertThat(metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)).isEmpty();
            assertThat(indexOf(copy, "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))).isNegative();
        }
    }

    @Test
    void southernAndWesternPositionsAreNegative() {
        byte[] upload = TestImages.withExif(TestImages.jpeg(320, 240), -33.8688, -70.6693, "2025:12:31 23:59:59", 1);

        ProcessedPhoto photo = processor.process(upload);

        assertThat(photo.latitude()).isEqualByComparingTo("-33.868800");
        assertThat(photo.longitude()).isEqualByComparingTo("-70.669300");
    }

    @Test
    void readsExifFromAPngExifChunk() {
        byte[] tiff = TestImages.exifTiff(LAT, LON, "2026:05:14 09:41:27", 1);

        ProcessedPhoto photo = processor.process(TestImages.pngWithExif(TestImages.png(400, 300), tiff));

        assertThat(photo.latitude()).isEqualByComparingTo("16.441900");
        assertThat(photo.takenAt()).isEqualTo(LocalDateTime.of(2026, 5, 14, 9, 41, 27));
    }

    @Test
    void turnsThePhotoUprightByItsExifOrientation() throws Exception {
        // held sideways: stored 800x600 with the red half on the left, EXIF says "turn 90° clockwise"
        byte[] upload = TestImages.withExif(TestImages.jpeg(800, 600), LAT, LON, "2026:05:14 09:41:27", 6);

        ProcessedPhoto photo = processor.process(upload);

        BufferedImage display = decodeJpeg(photo.display());
        assertThat(display.getWidth()).isEqualTo(600);
        assertThat(display.getHeight()).isEqualTo(800);
        assertThat(new Color(display.getRGB(300, 100)).getRed()).isGreaterThan(150); // red now on top
        assertThat(new Color(display.getRGB(300, 700)).getBlue()).isGreaterThan(150);
        assertThat(photo.width()).isEqualTo(800);
    }

    @Test
    void refusesAGif() {
        assertRefused(() -> processor.process(TestImages.gif(100, 100)), "photo.error.type");
    }

    @Test
    void refusesATextFileNamedLikeAJpeg() {
        byte[] notAPhoto = "photo.jpg: not really a photo\n".getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> processor.process(notAPhoto), "photo.error.type");
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(() -> processor.process(new byte[0]), "photo.error.empty");
        assertRefused(() -> processor.process(null), "photo.error.empty");
    }

    @Test
    void refusesAnElevenMegabyteFile() {
        byte[] big = Arrays.copyOf(TestImages.jpeg(800, 600), 11 * 1024 * 1024);
        PhotoRejectedException e = assertRefused(() -> processor.process(big), "photo.error.tooLarge");
        assertThat(e.getArgs()).containsExactly(10L);
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() {
        byte[] jpeg = TestImages.jpeg(800, 600);
        byte[] atLimit = Arrays.copyOf(jpeg, 10 * 1024 * 1024); // zeros after the EOI, as some phones append
        assertThat(processor.process(atLimit).displayWidth()).isEqualTo(800);
    }

    @Test
    void refusesAJpegCutInHalf() {
        byte[] jpeg = TestImages.jpeg(3000, 2000);
        assertRefused(() -> processor.process(Arrays.copyOf(jpeg, jpeg.length / 2)), "photo.error.truncated");
    }

    @Test
    void refusesAJpegCutInHalfEvenWithAnEndMarkerPutBack() {
        // the structure looks complete; only the decoder notices that the scan data stops early
        byte[] jpeg = TestImages.jpeg(3000, 2000);
        byte[] cut = TestImages.concat(Arrays.copyOf(jpeg, jpeg.length / 2), new byte[] {(byte) 0xFF, (byte) 0xD9});
        assertThat(ImageStructure.jpegReachesEoi(cut)).isTrue();
        assertRefused(() -> processor.process(cut), "photo.error.truncated");
    }

    @Test
    void refusesAPngCutInHalf() {
        byte[] png = TestImages.png(800, 600);
        assertRefused(() -> processor.process(Arrays.copyOf(png, png.length / 2)), "photo.error.truncated");
    }

    @Test
    void refusesAPngWhoseImageDataStopsEarlyInsideWellFormedChunks() {
        byte[] cut = TestImages.pngWithHalfTheImageData(TestImages.png(800, 600));
        assertThat(ImageStructure.pngReachesIend(cut)).isTrue();
        assertRefused(() -> processor.process(cut), "photo.error.truncated");
    }

    @Test
    void refusesAPngWithADamagedChunk() {
        byte[] png = TestImages.png(400, 300);
        png[png.length / 2] ^= 0x55; // a flipped byte inside the image data: the chunk's CRC no longer matches
        assertRefused(() -> processor.process(png), "photo.error.truncated");
    }

    @Test
    void refusesAFiftyMegapixelHeaderWithoutDecodingIt() {
        byte[] bomb = TestImages.pngHeaderOnly(10_000, 5_000);
        assertThat(bomb.length).isLessThan(200);
        // decoding would need a 150 MB buffer and then fail on the dummy pixel data (photo.error.undecodable or
        // truncated); tooManyPixels proves the header was checked first
        PhotoRejectedException e = assertRefused(() -> processor.process(bomb), "photo.error.tooManyPixels");
        assertThat(e.getArgs()).containsExactly(40, 50L);
    }

    @Test
    void exactlyFortyMegapixelsPassesTheHeaderCheck() {
        // 40,000,000 pixels exactly is allowed; the dummy data then fails to decode, which is a different refusal
        assertRefused(() -> processor.process(TestImages.pngHeaderOnly(8_000, 5_000)), "photo.error.truncated");
    }

    @Test
    void refusesJpegMagicFollowedByGarbage() {
        byte[] garbage = new byte[4096];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        garbage[3] = (byte) 0xC4; // looks like a Huffman table; the rest is noise
        assertThatThrownBy(() -> processor.process(garbage)).isInstanceOfSatisfying(PhotoRejectedException.class,
                e -> assertThat(e.getMessageKey()).isIn("photo.error.undecodable", "photo.error.truncated"));
    }

    @Test
    void exifDateTimesThatAreNotDatesAreIgnored() {
        assertThat(PhotoProcessor.parseExifDateTime("2026:05:14 09:41:27")).isEqualTo(LocalDateTime.of(2026, 5, 14, 9, 41, 27));
        assertThat(PhotoProcessor.parseExifDateTime("2026-05-14T09:41:27+07:00")).isEqualTo(LocalDateTime.of(2026, 5, 14, 9, 41, 27));
        assertThat(PhotoProcessor.parseExifDateTime("0000:00:00 00:00:00")).isNull();
        assertThat(PhotoProcessor.parseExifDateTime("    :  :     :  :  ")).isNull();
        assertThat(PhotoProcessor.parseExifDateTime("2026:02:30 10:00:00")).isNull();
        assertThat(PhotoProcessor.parseExifDateTime(null)).isNull();
    }

    private static PhotoRejectedException assertRefused(ThrowingCallable call, String key) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(PhotoRejectedException.class);
        PhotoRejectedException e = (PhotoRejectedException) thrown;
        assertThat(e.getMessageKey()).as(String.valueOf(e)).isEqualTo(key);
        return e;
    }

    private static BufferedImage decodeJpeg(byte[] jpeg) throws IOException {
        assertThat(ImageStructure.detect(jpeg)).isEqualTo(ImageStructure.Format.JPEG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).isNotNull();
        return image;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
