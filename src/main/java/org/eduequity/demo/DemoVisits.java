package org.eduequity.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.eduequity.geography.Geography;
import org.eduequity.organisation.OrgUnit;
import org.eduequity.organisation.OrgUnits;
import org.eduequity.shared.AreaScope;
import org.eduequity.survey.Child;
import org.eduequity.survey.Children;
import org.eduequity.survey.PhotoKind;
import org.eduequity.survey.Sex;
import org.eduequity.survey.SurveyDocument;
import org.eduequity.survey.SurveyReceipt;
import org.eduequity.survey.Surveys;
import org.eduequity.survey.VisitPhotos;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * DEMO DATA ONLY. Submitted home visits of term 2569/1 for some demo children, each with two real JPEG
 * photos (drawn here: a house outside and a room inside). Idempotent: each visit has a fixed external id,
 * and a photo attached twice is one photo.
 */
@Component
@Profile("demo")
class DemoVisits {

    static final String TERM = "2569/1";
    static final List<String> UNITS = List.of("1040010001", "1040050002", "1021010004");
    static final int VISITS_PER_UNIT = 6;

    private final OrgUnits orgUnits;
    private final Children children;
    private final Surveys surveys;
    private final VisitPhotos photos;
    private final Geography geography;

    DemoVisits(OrgUnits orgUnits, Children children, Surveys surveys, VisitPhotos photos, Geography geography) {
        this.orgUnits = orgUnits;
        this.children = children;
        this.surveys = surveys;
        this.photos = photos;
        this.geography = geography;
    }

    /** Runs as an administrator (the caller sets the security context). */
    void load() {
        for (String code : UNITS) {
            OrgUnit unit = orgUnits.byCode(code).orElseThrow();
            Geography.Subdistrict place = geography.subdistrict(unit.getSubdistrictCode()).orElseThrow();
            List<Child> roll = children.ofOrgUnit(AreaScope.NATIONAL, unit.getId());
            for (int i = 0; i < Math.min(VISITS_PER_UNIT, roll.size()); i++) {
                Child child = roll.get(i);
                Random random = new Random(child.getNationalId().value().hashCode());
                SurveyReceipt receipt = surveys.submit(document(child, unit, place, random));
                photos.attach(receipt.id(), PhotoKind.EXTERIOR, house(random, true));
                photos.attach(receipt.id(), PhotoKind.INTERIOR, house(random, false));
            }
        }
    }

    private static SurveyDocument document(Child child, OrgUnit unit, Geography.Subdistrict place, Random r) {
        UUID externalId = UUID.nameUUIDFromBytes(("demo-visit-" + TERM + "-" + child.getNationalId().value()).getBytes(StandardCharsets.UTF_8));
        BigDecimal lat = place.latitude() == null ? null : place.latitude().add(BigDecimal.valueOf(r.nextInt(200) - 100, 4));
        BigDecimal lon = place.longitude() == null ? null : place.longitude().add(BigDecimal.valueOf(r.nextInt(200) - 100, 4));
        List<SurveyDocument.Member> members = new ArrayList<>();
        members.add(new SurveyDocument.Member("STUDENT", child.getNationalId().value(),
                (child.getTitle() == null ? "" : child.getTitle() + " ") + child.getFirstName(), child.getLastName(),
                child.getBirthDate().toString(), null, child.getSex() == Sex.FEMALE ? "F" : "M", child.getGradeLevel(), false, false,
                false, true, false, new SurveyDocument.Income(null, null, null, null, null)));
        members.add(new SurveyDocument.Member("MOTHER", null, "แม่ของ" + child.getFirstName(), child.getLastName(), null,
                28 + r.nextInt(20), "F", null, false, r.nextInt(8) == 0, false, false, true,
                new SurveyDocument.Income(baht(r, 0, 6000), baht(r, 0, 2000), null, baht(r, 0, 800), null)));
        if (r.nextBoolean()) {
            members.add(new SurveyDocument.Member("FATHER", null, "พ่อของ" + child.getFirstName(), child.getLastName(), null,
                    30 + r.nextInt(25), "M", null, false, false, r.nextInt(4) == 0, false, false,
                    new SurveyDocument.Income(baht(r, 0, 9000), baht(r, 0, 3000), null, null, null)));
        }
        if (r.nextInt(3) == 0) {
            members.add(new SurveyDocument.Member("GRANDPARENT", null, "ยายของ" + child.getFirstName(), child.getLastName(), null,
                    60 + r.nextInt(20), "F", null, r.nextInt(5) == 0, true, false, false, false,
                    new SurveyDocument.Income(null, null, null, new BigDecimal("600"), null)));
        }
        String[] tenure = {"OWN", "OWN", "RENT", "LIVE_WITH_OTHERS"};
        String[] floor = {"CEMENT", "WOOD_PLANK", "EARTH", "TILE"};
        String[] walls = {"BRICK_BLOCK", "WOOD_PLANK", "ZINC", "BAMBOO_SCRAP"};
        String[] roof = {"METAL", "TILE", "SHEET", "LEAVES"};
        return new SurveyDocument(externalId, TERM, "2026-07-" + String.format("%02d", 1 + r.nextInt(28)), unit.getCode(),
                new SurveyDocument.Address(String.valueOf(1 + r.nextInt(200)), 1 + r.nextInt(12), place.code(), place.postcode()),
                lat == null ? null : new SurveyDocument.Location(lat, lon), r.nextInt(4) == 0, members,
                new SurveyDocument.Housing(pick(r, tenure), pick(r, floor), pick(r, walls), pick(r, roof), r.nextInt(5) != 0),
                pick(r, new String[] {"NONE", "UNDER_1_RAI", "RAI_1_TO_5", "OVER_5_RAI"}),
                pick(r, new String[] {"TAP", "BOTTLED", "WELL", "RAIN_OR_STREAM"}),
                pick(r, new String[] {"METER", "METER", "SHARED_OR_BATTERY", "NONE"}),
                new SurveyDocument.Vehicles(0, 0, r.nextInt(6) == 0 ? 1 : 0, 0, 0, 0, r.nextInt(2)),
                new SurveyDocument.Appliances(false, false, r.nextBoolean(), r.nextInt(3) == 0, r.nextBoolean()),
                new SurveyDocument.Consent(true, "GUARDIAN", "2026-07-01", List.of("SCREENING")),
                new SurveyDocument.Journey(BigDecimal.valueOf(5 + r.nextInt(100), 1), 10 + r.nextInt(40), "WALK"),
                new SurveyDocument.Certifier("ผู้ใหญ่บ้าน (สาธิต)", "ผู้ใหญ่บ้าน"));
    }

    private static BigDecimal baht(Random r, int min, int max) {
        return BigDecimal.valueOf(min + r.nextInt(max - min + 1) / 100 * 100L).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A drawn photo: a house against the sky (outside) or a room with a window (inside). */
    static byte[] house(Random r, boolean outside) {
        int w = 1280;
        int h = 960;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            if (outside) {
                g.setColor(new Color(150 + r.nextInt(60), 190 + r.nextInt(50), 235));
                g.fillRect(0, 0, w, h * 2 / 3);
                g.setColor(new Color(90 + r.nextInt(40), 140 + r.nextInt(40), 60));
                g.fillRect(0, h * 2 / 3, w, h / 3);
                int x = 300 + r.nextInt(200);
                g.setColor(new Color(140 + r.nextInt(60), 100 + r.nextInt(40), 60));
                g.fillRect(x, 420, 520, 300);
                g.setColor(new Color(120 + r.nextInt(80), 120, 130));
                g.fillPolygon(new Polygon(new int[] {x - 40, x + 260, x + 560}, new int[] {430, 240 + r.nextInt(60), 430}, 3));
                g.setColor(new Color(70, 50, 30));
                g.fillRect(x + 220, 560, 90, 160);
            } else {
                g.setColor(new Color(200 + r.nextInt(40), 190 + r.nextInt(40), 170));
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(150 + r.nextInt(50), 110, 80));
                g.fillRect(0, h * 3 / 4, w, h / 4);
                g.setColor(new Color(170, 210, 240));
                g.fillRect(200 + r.nextInt(300), 200, 300, 220);
                g.setColor(Color.DARK_GRAY);
                g.setStroke(new BasicStroke(8));
                g.drawRect(200, 200, 300, 220);
            }
            for (int i = 0; i < 400; i++) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 40));
                g.fillOval(r.nextInt(w), r.nextInt(h), 6 + r.nextInt(20), 6 + r.nextInt(20));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
