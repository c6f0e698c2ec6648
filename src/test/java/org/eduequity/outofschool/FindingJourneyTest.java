package org.eduequity.outofschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eduequity.support.browser.BrowserExtension.DESKTOP;
import static org.eduequity.support.browser.BrowserExtension.PHONE;

import org.eduequity.support.IntegrationTest;
import org.eduequity.support.WebSession;
import org.eduequity.support.browser.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8 step 1 in a real browser: the area worker records a youth on the phone-width form, is offered the demo record
 * of the same youth as the names and birth date are typed, saves anyway saying why it is a different person, and the
 * province sees the youth counted in its groups. Screenshots of the form and the grouping at 360 and 1280 px.
 */
@IntegrationTest
class FindingJourneyTest {

    @RegisterExtension
    static final BrowserExtension browser = new BrowserExtension();

    @Autowired
    JdbcTemplate jdbc;

    private long rayongOutOfSchool() {
        return jdbc.queryForObject("SELECT count(*) FROM found_child WHERE province_code = '21' AND status IN ('FOUND', 'VERIFIED')", Long.class);
    }

    @Test
    void anAreaWorkerRecordsAYouthOnAPhoneSeesADuplicateOfferedAndTheProvinceSeesItGrouped() {
        browser.resize(PHONE);
        browser.login("area", WebSession.DEMO_PASSWORD);
        assertThat(browser.findAll("#home-area")).hasSize(1);
        browser.clickAndWait("#go-find");
        assertThat(browser.findAll("#finding-form")).hasSize(1);
        long before = rayongOutOfSchool();

        // birth date and names first: the demo record of ด.ช.สมศักดิ์ ทะเลงาม (10/5/2555, ท่าประดู่) is offered as they are typed
        new Select(browser.find("#subdistrictCode")).selectByValue("210101");
        browser.find("#birthDate").sendKeys("10/5/2555");
        browser.find("#firstName").sendKeys("สมศักดิ์");
        browser.find("#lastName").sendKeys("ทะเลงาม");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#duplicates-typed .duplicate-offer")).isEmpty());
        assertThat(browser.find("#duplicates-typed").getText()).contains("ชื่อและวันเกิดเดียวกัน").contains("ด.ช.สมศักดิ์ ทะเลงาม");
        browser.screenshot("oos-find-offered", PHONE);

        // the rest of the short form
        browser.find("#sex2").click();
        browser.find("#noIdReason").sendKeys("ยังไม่ได้แจ้งเกิด");
        browser.find("#villageNo").sendKeys("5");
        browser.find("#houseNo").sendKeys("88/2");
        browser.find("#situation").sendKeys("ช่วยแม่ขายของ");
        new Select(browser.find("#highestGrade")).selectByValue("P6");
        browser.script("document.querySelector('input[name=reasons][value=POVERTY]').click();"
                + "document.querySelector('input[name=needs][value=VOCATIONAL_TRAINING]').click();");
        browser.clickAndWait("#save-found");

        // saving again offers the record and asks why this is another person
        assertThat(browser.findAll("#duplicates-found")).hasSize(1);
        assertThat(browser.find("#save-found").getText()).isEqualTo("บันทึกเป็นคนใหม่");
        assertThat(rayongOutOfSchool()).isEqualTo(before);
        browser.find("#notDuplicateReason").sendKeys("เด็กหญิงชื่อเดียวกัน คนละครอบครัว");
        browser.clickAndWait("#save-found");
        assertThat(browser.findAll("#found-child")).hasSize(1);
        assertThat(browser.find("#found-status").getText()).isEqualTo("พบแล้ว");
        assertThat(browser.find("#found-band").getText()).contains("ช่วงอายุ 13-15");
        assertThat(rayongOutOfSchool()).isEqualTo(before + 1);

        // the province sees it in its groups
        browser.driver().manage().deleteAllCookies();
        browser.resize(DESKTOP);
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/groups");
        assertThat(browser.find("#groups-total").getText()).isEqualTo(String.valueOf(before + 1));
        assertThat(browser.find("#need-row-VOCATIONAL_TRAINING").getText()).isNotBlank();
    }

    @Test
    void theFormAndTheGroupingAtPhoneAndDesktopWidths() {
        browser.login("area", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/find");
        look("oos-find");
        browser.open("/out-of-school/mine");
        look("oos-mine");
        browser.open("/");
        look("oos-home-area");
        browser.driver().manage().deleteAllCookies();
        browser.login("province2", WebSession.DEMO_PASSWORD);
        browser.open("/out-of-school/groups");
        look("oos-groups");
        browser.open("/out-of-school/groups?district=2101&lang=en");
        look("oos-groups-district-en");
        browser.open("/out-of-school/providers?lang=th");
        look("oos-providers");
        browser.open("/out-of-school/providers/P21001/edit");
        look("oos-provider-edit");
        long child = jdbc.queryForObject("SELECT id FROM found_child WHERE external_id = 'demo-oos-21-b'", Long.class);
        browser.open("/out-of-school/children/" + child);
        look("oos-found-child");
    }

    private void look(String name) {
        browser.screenshot(name, DESKTOP);
        browser.screenshot(name, PHONE);
        long[] widths = browser.contentAndViewportWidth();
        assertThat(widths[0]).as("%s at %d px: no sideways scrolling; sticking out: %s", name, PHONE, browser.overflowingElements())
                .isLessThanOrEqualTo(widths[1]);
        assertThat(browser.find("h1").isDisplayed()).isTrue();
    }
}
