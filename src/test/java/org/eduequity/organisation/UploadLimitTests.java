package org.eduequity.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A file larger than the server accepts is refused with a clear message on the page it came from. */
@IntegrationTest
class UploadLimitTests {

    @LocalServerPort
    int port;

    @Test
    void anOversizedImportFileGetsAClearMessage() {
        WebSession admin = WebSession.loggedIn(port, "admin");
        byte[] big = new byte[11 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        HttpResponse<String> r = admin.postFile("/admin/org-units/import", "/admin/org-units/import/preview", "file", "units.csv", big);
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/admin/org-units/import");
        assertThat(admin.get("/admin/org-units/import").body()).contains("ไฟล์ใหญ่เกินกว่าที่ระบบรับได้");
    }
}
