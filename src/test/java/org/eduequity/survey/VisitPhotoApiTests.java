package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Photos attached to visits through the API: checks, storage, access by area, and evidence flags. */
@IntegrationTest
class VisitPhotoApiTests {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A real JPEG of random content (so that its hash is its own), 2400 × 1600. */
    static byte[] uniqueJpeg(long seed) {
        BufferedImage image = new BufferedImage(2400, 1600, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < 1600; y += 8) {
            for (int x = 0; x < 2400; x += 8) {
                int rgb = random.nextInt(0xFFFFFF);
                for (int dy = 0; dy < 8; dy++) {
                    for (int dx = 0; dx < 8; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        return TestImages.write(image, "jpeg");
    }

    private long submit(String body) {
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        Matcher m = ID.matcher(r.body());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private HttpResponse<String> upload(String user, long visitId, String kind, byte[] file) throws Exception {
        String boundary = "----photo" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"house.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys/" + visitId + "/photos", user, WebSession.DEMO_PASSWORD)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpResponse<byte[]> download(String user, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + WebSession.DEMO_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aPhotoIsCheckedStoredServedInItsAreaAndFlaggedWhenFarAndOld() throws Exception {
        long visit = submit(SurveyApiTests.exampleB(UUID.randomUUID(), SurveyApiTests.newNationalId()));
        // home at 16.537,102.837; the photo was taken ~1.6 km north, 90 days before the visit (2026-06-20)
        String takenAt = LocalDateTime.of(2026, 3, 22, 9, 30).format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss"));
        byte[] photo = TestImages.withExif(uniqueJpeg(visit), 16.552, 102.837, takenAt, 1);

        HttpResponse<String> r = upload("teacher", visit, "EXTERIOR", photo);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("\"kind\":\"EXTERIOR\"").contains("PHOTO_FAR_FROM_HOME").contains("PHOTO_STALE")
                .doesNotContain("PHOTO_REUSED");
        long photoId = Long.parseLong(ID.matcher(r.body()).results().findFirst().orElseThrow().group(1));
        assertThat(jdbc.queryForObject("SELECT evidence_flags::text FROM home_visit WHERE id = ?", String.class, visit))
                .contains("PHOTO_FAR_FROM_HOME").contains("PHOTO_STALE");

        HttpResponse<byte[]> shown = download("teacher", "/api/v1/surveys/" + visit + "/photos/" + photoId);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");
        BufferedImage display = ImageIO.read(new ByteArrayInputStream(shown.body()));
        assertThat(Math.max(display.getWidth(), display.getHeight())).isEqualTo(1600);
        assertThat(new String(shown.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(
                download("province", "/api/v1/surveys/" + visit + "/photos/" + photoId + "?size=thumb").body()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isLessThanOrEqualTo(320);

        assertThat(download("teacher2", "/api/v1/surveys/" + visit + "/photos/" + photoId).statusCode()).isEqualTo(403);
        assertThat(download("province2", "/api/v1/surveys/" + visit + "/photos/" + photoId).statusCode()).isEqualTo(403);
        assertThat(download(null, "/api/v1/surveys/" + visit + "/photos/" + photoId).statusCode()).isEqualTo(401);
        assertThat(upload("teacher2", visit, "INTERIOR", uniqueJpeg(visit + 7)).statusCode()).isEqualTo(403);

        // the same file again is the same photo
        assertThat(upload("teacher", visit, "EXTERIOR", photo).statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_photo WHERE visit_id = ?", Integer.class, visit)).isEqualTo(1);
    }

    @Test
    void theSamePhotoOnTwoHouseholdsFlagsBoth() throws Exception {
        long first = submit(SurveyApiTests.exampleB(UUID.randomUUID(), SurveyApiTests.newNationalId()));
        long second = submit(SurveyApiTests.exampleB(UUID.randomUUID(), SurveyApiTests.newNationalId()));
        byte[] photo = uniqueJpeg(first * 31 + second);
        assertThat(upload("teacher", first, "EXTERIOR", photo).body()).doesNotContain("PHOTO_REUSED");
        assertThat(upload("teacher", second, "EXTERIOR", photo).body()).contains("PHOTO_REUSED");
        assertThat(jdbc.queryForObject("SELECT evidence_flags::text FROM home_visit WHERE id = ?", String.class, first))
                .contains("PHOTO_REUSED");
    }

    @Test
    void aHomeFarFromItsSubdistrictIsFlaggedAtSubmit() {
        String far = SurveyApiTests.exampleB(UUID.randomUUID(), SurveyApiTests.newNationalId()).replace("\"lat\": 16.537", "\"lat\": 16.737");
        HttpResponse<String> r = WebSession.sendApi(WebSession.basic(port, "/api/v1/surveys", "teacher", WebSession.DEMO_PASSWORD)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(far)).build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("\"evidenceFlags\":[\"HOME_FAR_FROM_SUBDISTRICT\"]");
    }

    @Test
    void aFileThatIsNotAPhotoIsRefusedWithAClearMessage() throws Exception {
        long visit = submit(SurveyApiTests.exampleB(UUID.randomUUID(), SurveyApiTests.newNationalId()));
        HttpResponse<String> r = upload("teacher", visit, "INTERIOR", "just some text, not a photo".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(r.body()).contains("JPEG").contains("\"field\":\"file\"");
        HttpResponse<String> badKind = upload("teacher", visit, "ROOF", uniqueJpeg(visit + 3));
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM visit_photo WHERE visit_id = ?", Integer.class, visit)).isZero();
    }
}
