package org.eduequity.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.eduequity.survey.ReturnedVisitFixtures;
import org.eduequity.survey.SurveyReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A teacher corrects a visit the province returned, in a real browser: from the home page to the inbox, "correct",
 * the reason at the top of the form, the mother's income corrected, a photo added, submitted again; the visit leaves
 * the inbox and is submitted.
 */
@IntegrationTest
class ReturnedVisitJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @TempDir
    Path photos;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTeacherCorrectsAReturnedVisitAndSubmitsItAgain() throws IOException {
        String reason = "รายได้ของมารดาสูงเกินจริง (เส้นทาง)";
        SurveyReceipt visit = ReturnedVisitFixtures.aReturnedVisit(context, reason);
        browser.login("teacher", LoginJourneyTest.DEMO_PASSWORD);
        assertThat(Integer.parseInt(browser.find("#returned-total").getText())).isPositive();
        browser.clickAndWait("#go-returned");
        assertThat(browser.find("#returned-" + visit.id()).getText()).contains(reason);

        browser.clickAndWait("#correct-" + visit.id());
        assertThat(browser.find("#return-reason").getText()).isEqualTo(reason);
        WebElement wages = browser.find("#i-members-1-income-wages");
        wages.clear();
        wages.sendKeys("1,200");
        new Select(browser.find("#photo-kind")).selectByValue("STUDENT_WITH_SCHOOL_SIGN");
        browser.find("#photo-file").sendKeys(jpeg().toAbsolutePath().toString());
        browser.clickAndWait("#upload-photo");
        assertThat(browser.findAll("#photo-error")).isEmpty();
        assertThat(browser.findAll("#draft-photos img")).hasSize(1);

        browser.clickAndWait("#submit-visit");
        assertThat(browser.findAll("#child-page")).as("back on the child's page").hasSize(1);
        assertThat(browser.find("#term-visit-status").getText()).isEqualTo("ส่งแล้ว");
        assertThat(browser.findAll("#correct-visit")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status FROM home_visit WHERE id = ?", String.class, visit.id())).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("SELECT income_wages FROM household_member WHERE visit_id = ? AND relationship = 'MOTHER'",
                java.math.BigDecimal.class, visit.id())).isEqualByComparingTo("1200");

        browser.open("/visits/returned");
        assertThat(browser.findAll("#returned-" + visit.id())).isEmpty();
    }

    private Path jpeg() throws IOException {
        BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(System.nanoTime());
        for (int y = 0; y < 900; y += 10) {
            for (int x = 0; x < 1200; x += 10) {
                int rgb = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB();
                for (int dy = 0; dy < 10; dy++) {
                    for (int dx = 0; dx < 10; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        Path file = photos.resolve("sign.jpg");
        ImageIO.write(image, "jpeg", file.toFile());
        return file;
    }
}
