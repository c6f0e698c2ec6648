package org.eduequity.review;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.eduequity.screening.RuleSets;
import org.eduequity.screening.Screening;
import org.eduequity.screening.ScreeningResult;
import org.eduequity.screening.TestHousehold;
import org.eduequity.screening.TestHouseholds;
import org.eduequity.screening.TestRuleSets;
import org.eduequity.screening.WorkedExamples;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Screened households for the review tests: the worked examples of screening.md as submitted visits of the demo
 * school 1040010001 (Khon Kaen, 40), screened at once, with or without their photos. Review tests own the terms
 * 2560/1–2564/2 (below 2569, so that the screened lists still default to the demo term).
 */
final class ReviewFixtures {

    /** Example A (poor), B (extremely poor), C (not poor), D (poor). */
    static final int A = 0;
    static final int B = 1;
    static final int C = 2;
    static final int D = 3;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Screening screening;
    private final RuleSets ruleSets;
    private final JsonMapper json;

    ReviewFixtures(JdbcTemplate jdbc, TransactionTemplate tx, Screening screening, RuleSets ruleSets, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.screening = screening;
        this.ruleSets = ruleSets;
        this.json = json;
    }

    /** A screened household: its visit and its students' national ids. */
    record Household(long visitId, List<String> nationalIds) {

        String nationalId() {
            return nationalIds.get(0);
        }
    }

    /** Inserts the worked example as a submitted visit of the term, attaches house photos when asked, and screens it. */
    /**
     * Attaches real photos (two JPEG files of their own, so no photo is the same as another household's) to the visit
     * through the survey module, as the demo teacher of the school would.
     */
    static void attachRealPhotos(org.eduequity.survey.VisitPhotos photos, org.springframework.security.core.userdetails.UserDetailsService users,
                                 long visitId) {
        org.springframework.security.core.userdetails.UserDetails teacher = users.loadUserByUsername("teacher");
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(teacher, null,
                        teacher.getAuthorities()));
        try {
            for (org.eduequity.survey.PhotoKind kind : List.of(org.eduequity.survey.PhotoKind.EXTERIOR, org.eduequity.survey.PhotoKind.INTERIOR)) {
                photos.attach(visitId, kind, uniqueJpeg());
            }
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    /** A 640×480 JPEG of random coloured blocks. */
    static byte[] uniqueJpeg() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            for (int x = 0; x < 640; x += 80) {
                for (int y = 0; y < 480; y += 80) {
                    g.setColor(new java.awt.Color(ThreadLocalRandom.current().nextInt(0xFFFFFF)));
                    g.fillRect(x, y, 80, 80);
                }
            }
        } finally {
            g.dispose();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpeg", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Household screened(String term, int example, boolean photos) {
        return screened(term, WorkedExamples.all().get(example).household(), photos);
    }

    Household screened(String term, TestHousehold h, boolean photos) {
        return tx.execute(s -> {
            // the published default set's numbers, published for the term under the review tests' own code
            if (jdbc.queryForObject("SELECT count(*) FROM rule_set WHERE code = 'test-review' AND ? = ANY (effective_terms)", Long.class, term) == 0) {
                TestRuleSets.insert(jdbc, json, "test-review", "PUBLISHED", term,
                        ruleSets.byCodeAndVersion("cct-pmt-default", "2569.1").orElseThrow().parameters());
            }
            long visitId = TestHouseholds.insert(jdbc, term, List.of(h)).get(0);
            if (photos) {
                for (String kind : List.of("EXTERIOR", "INTERIOR")) {
                    byte[] hash = new byte[32];
                    ThreadLocalRandom.current().nextBytes(hash);
                    jdbc.update("INSERT INTO visit_photo (visit_id, kind, sha256, media_type, width, height) VALUES (?, ?, ?, 'image/jpeg', 800, 600)",
                            visitId, kind, HexFormat.of().formatHex(hash));
                }
            }
            screening.screenVisits(List.of(visitId), ScreeningResult.Cause.SUBMITTED);
            List<String> ids = new ArrayList<>(jdbc.queryForList("""
                    SELECT c.national_id FROM visit_student vs JOIN child c ON c.id = vs.child_id WHERE vs.visit_id = ? ORDER BY c.id""",
                    String.class, visitId));
            return new Household(visitId, ids);
        });
    }
}
