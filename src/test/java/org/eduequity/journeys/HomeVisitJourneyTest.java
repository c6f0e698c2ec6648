package org.eduequity.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The teacher's home-visit journey in a real browser: log in, add a child, open this term's visit, fill every section
 * (the position typed in by hand), attach the outside and inside photos, submit, and find the child "submitted" in
 * My children.
 */
@IntegrationTest
class HomeVisitJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @TempDir
    Path photos;

    @Test
    void aTeacherAddsAChildFillsAVisitWithTwoPhotosAndSubmitsIt() throws IOException {
        String nationalId = newNationalId();
        String firstName = "เดินทาง" + Long.toString(System.nanoTime() % 100000, 36).replaceAll("[0-9]", "");
        browser.login("teacher", LoginJourneyTest.DEMO_PASSWORD);
        browser.open("/children");
        assertThat(browser.findAll("#my-children")).hasSize(1);

        // a new child
        browser.clickAndWait("#new-child");
        type("#nationalId", nationalId);
        type("#title", "ด.ญ.");
        type("#firstName", firstName);
        type("#lastName", "ทดสอบเส้นทาง");
        type("#birthDate", "15/06/2560");
        new Select(browser.find("#sex")).selectByValue("FEMALE");
        new Select(browser.find("#gradeLevel")).selectByValue("P3");
        browser.clickAndWait("#save-child");
        assertThat(browser.find("h1").getText()).contains(firstName);
        assertThat(browser.find("#child-birth-date").getText()).isEqualTo("15 มิ.ย. 2560");

        // this term's visit, every section
        browser.clickAndWait("#open-visit");
        assertThat(browser.findAll("#visit-form")).hasSize(1);
        type("#i-address-houseNo", "99/1");
        type("#i-address-villageNo", "4");
        type("#i-address-postcode", "40000");
        type("#i-location-lat", "16.4419");
        type("#i-location-lon", "102.8360");
        click("#i-singleParent-yes");
        browser.clickAndWait("#add-member");
        new Select(browser.find("#i-members-1-relationship")).selectByValue("MOTHER");
        type("#i-members-1-firstName", "แม่");
        type("#i-members-1-lastName", "ทดสอบเส้นทาง");
        type("#i-members-1-age", "34");
        new Select(browser.find("#i-members-1-sex")).selectByValue("F");
        click("#i-members-1-guardian");
        type("#i-members-1-income-wages", "2,500");
        type("#i-members-1-income-welfare", "300.25");
        assertThat(browser.find("#household-income").getText()).as("computed as typed").isEqualTo("2800.25");
        assertThat(browser.find("#per-capita-income").getText()).isEqualTo("1400.13");
        new Select(browser.find("#i-housing-tenure")).selectByValue("RENT");
        new Select(browser.find("#i-housing-floor")).selectByValue("WOOD_PLANK");
        new Select(browser.find("#i-housing-walls")).selectByValue("WOOD_PLANK");
        new Select(browser.find("#i-housing-roof")).selectByValue("SHEET");
        click("#i-housing-hasToilet-yes");
        new Select(browser.find("#i-farmland")).selectByValue("UNDER_1_RAI");
        new Select(browser.find("#i-drinkingWater")).selectByValue("WELL");
        new Select(browser.find("#i-electricity")).selectByValue("METER");
        for (String v : new String[] {"carUpTo15y", "carOver15y", "pickupUpTo15y", "pickupOver15y", "tractorUpTo15y", "tractorOver15y"}) {
            type("#i-vehicles-" + v, "0");
        }
        type("#i-vehicles-motorcycleOrBoat", "1");
        for (String a : new String[] {"computer", "airConditioner", "flatScreenTv", "washingMachine"}) {
            click("#i-appliances-" + a + "-no");
        }
        click("#i-appliances-refrigerator-yes");
        type("#i-journeyToSchool-distanceKm", "3");
        type("#i-journeyToSchool-minutes", "20");
        new Select(browser.find("#i-journeyToSchool-mode")).selectByValue("WALK");
        type("#i-incomeCertifiedBy-name", "นายรับรอง ดีมาก");
        type("#i-incomeCertifiedBy-position", "ผู้ใหญ่บ้าน");
        click("#i-consent-given-yes");
        new Select(browser.find("#i-consent-givenBy")).selectByValue("GUARDIAN");
        click("#i-consent-scope-SCREENING");
        browser.clickAndWait("#save-draft");
        assertThat(browser.findAll(".alert-success")).as("draft saved").hasSize(1);
        assertThat(browser.findAll(".field-error")).isEmpty();
        assertThat(browser.find("#household-income").getText()).as("server total after saving").isEqualTo("2800.25");

        // two photos
        upload("EXTERIOR", jpeg("exterior.jpg", 1));
        upload("INTERIOR", jpeg("interior.jpg", 2));
        assertThat(browser.findAll("#draft-photos img")).hasSize(2);

        browser.clickAndWait("#submit-visit");
        assertThat(browser.findAll("#child-page")).as("back on the child's page").hasSize(1);
        assertThat(browser.find("#term-visit-status").getText()).isEqualTo("ส่งแล้ว");

        browser.open("/children?q=" + firstName);
        WebElement row = browser.find("#children-table tbody tr");
        assertThat(row.getText()).contains(firstName).contains("ส่งแล้ว");
    }

    private void upload(String kind, Path file) {
        new Select(browser.find("#photo-kind")).selectByValue(kind);
        browser.find("#photo-file").sendKeys(file.toAbsolutePath().toString());
        browser.clickAndWait("#upload-photo");
        assertThat(browser.findAll("#photo-error")).isEmpty();
    }

    private Path jpeg(String name, int seed) throws IOException {
        BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(System.nanoTime() + seed);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xFFFFFF)), 1200, 900, new Color(random.nextInt(0xFFFFFF))));
        g.fillRect(0, 0, 1200, 900);
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillRect(random.nextInt(1200), random.nextInt(900), 20 + random.nextInt(80), 20 + random.nextInt(80));
        }
        g.dispose();
        Path file = photos.resolve(name);
        ImageIO.write(image, "jpeg", file.toFile());
        return file;
    }

    private static void type(String css, String text) {
        WebElement e = browser.find(css);
        e.clear();
        e.sendKeys(text);
    }

    private static void click(String css) {
        WebElement e = browser.find(css);
        browser.script("arguments[0].scrollIntoView({block: 'center'});", e);
        e.click();
    }

    /** A valid 13-digit id starting with 7 (not used by the demo data or other tests). */
    private static String newNationalId() {
        String twelve = String.format("7%011d", (System.currentTimeMillis() / 10) % 100_000_000_000L);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return twelve + ((11 - sum % 11) % 10);
    }

    @SuppressWarnings("unused")
    private static By by(String css) {
        return By.cssSelector(css);
    }
}
