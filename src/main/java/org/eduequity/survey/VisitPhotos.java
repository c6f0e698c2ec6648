package org.eduequity.survey;

import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eduequity.account.CurrentUser;
import org.eduequity.audit.AuditAction;
import org.eduequity.audit.AuditLog;
import org.eduequity.shared.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos of home visits: checked and re-encoded by {@link PhotoProcessor}, kept on disk by {@link PhotoStore},
 * served only to users whose area covers the visit. Attaching a photo re-evaluates the visit's evidence
 * flags, which inform reviewers and never block anything.
 */
@Service
public class VisitPhotos {

    private final PhotoProcessor processor;
    private final PhotoStore store;
    private final EvidenceChecks checks;
    private final JdbcTemplate jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    VisitPhotos(PhotoProcessor processor, PhotoStore store, EvidenceChecks checks, JdbcTemplate jdbc, CurrentUser currentUser,
                AuditLog audit, Clock clock) {
        this.processor = processor;
        this.store = store;
        this.checks = checks;
        this.jdbc = jdbc;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** A stored photo of a visit. */
    public record Photo(long id, long visitId, PhotoKind kind, String sha256, int width, int height, BigDecimal latitude,
                        BigDecimal longitude, LocalDateTime takenAt) {
    }

    /** What attaching returned: the photo and the visit's evidence flags now. */
    public record Attached(Photo photo, List<EvidenceFlag> evidenceFlags, boolean created) {
    }

    /** Checks, stores and attaches a photo; the same file attached twice to a visit is one photo. */
    @Transactional
    @PreAuthorize("hasAnyRole('TEACHER', 'ADMIN')")
    public Attached attach(long visitId, PhotoKind kind, byte[] upload) {
        requireVisible("home_visit", visitId);
        Inserted inserted = insert("visit_id", visitId, kind, upload);
        Photo photo = photos(visitId).stream().filter(p -> p.sha256().equals(inserted.sha256())).findFirst().orElseThrow();
        if (inserted.created()) {
            audit.record(AuditAction.CREATE, "VisitPhoto", photo.id(), "visit " + visitId + " " + kind);
        }
        return new Attached(photo, refreshEvidence(visitId), inserted.created());
    }

    /** Attaches a photo to a draft (the caller has checked the draft may be changed). */
    @Transactional
    Photo attachToDraft(long draftId, PhotoKind kind, byte[] upload) {
        Inserted inserted = insert("draft_id", draftId, kind, upload);
        Photo photo = ofDraft(draftId).stream().filter(p -> p.sha256().equals(inserted.sha256())).findFirst().orElseThrow();
        if (inserted.created()) {
            audit.record(AuditAction.CREATE, "VisitPhoto", photo.id(), "draft " + draftId + " " + kind);
        }
        return photo;
    }

    private record Inserted(String sha256, boolean created) {
    }

    private Inserted insert(String ownerColumn, long ownerId, PhotoKind kind, byte[] upload) {
        ProcessedPhoto processed = processor.process(upload);
        store.store(processed);
        Long uploadedBy = currentUser.principal().map(p -> p.id()).orElse(null);
        List<Long> inserted = jdbc.queryForList("INSERT INTO visit_photo (" + ownerColumn + """
                , kind, sha256, media_type, width, height, latitude, longitude, taken_at, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id""", Long.class,
                ownerId, kind.name(), processed.sha256(), processed.mediaType(), processed.width(), processed.height(),
                processed.latitude(), processed.longitude(), processed.takenAt() == null ? null : Timestamp.valueOf(processed.takenAt()),
                uploadedBy, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        return new Inserted(processed.sha256(), !inserted.isEmpty());
    }

    @Transactional(readOnly = true)
    public List<Photo> photos(long visitId) {
        return query("visit_id", visitId);
    }

    /**
     * The photos of a draft: those attached to it and, for a draft reopened to correct a returned visit, those the
     * visit already has (a file attached to both counts once).
     */
    @Transactional(readOnly = true)
    public List<Photo> ofDraft(long draftId) {
        return select("""
                SELECT * FROM (SELECT DISTINCT ON (sha256) * FROM visit_photo
                               WHERE draft_id = ? OR visit_id = (SELECT visit_id FROM visit_draft WHERE id = ?) ORDER BY sha256, id) p
                ORDER BY id""", draftId, draftId);
    }

    private List<Photo> query(String ownerColumn, long ownerId) {
        return select("SELECT * FROM visit_photo WHERE " + ownerColumn + " = ? ORDER BY id", ownerId);
    }

    private List<Photo> select(String sql, Object... args) {
        return jdbc.query(sql, (rs, i) -> new Photo(rs.getLong("id"),
                rs.getLong("visit_id"), PhotoKind.valueOf(rs.getString("kind")), rs.getString("sha256"), rs.getInt("width"),
                rs.getInt("height"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
                rs.getTimestamp("taken_at") == null ? null : rs.getTimestamp("taken_at").toLocalDateTime()), args);
    }

    /** The display copy (or thumbnail) of a visit's photo, for users whose area covers the visit. */
    @Transactional(readOnly = true)
    public InputStream open(long visitId, long photoId, boolean thumbnail) throws java.io.IOException {
        requireVisible("home_visit", visitId);
        Photo photo = photos(visitId).stream().filter(p -> p.id() == photoId).findFirst()
                .orElseThrow(() -> new NotFoundException("photo " + photoId));
        return store.open(photo.sha256(), thumbnail);
    }

    /** The display copy (or thumbnail) of a draft's photo, for users whose area covers the draft. */
    @Transactional(readOnly = true)
    public InputStream openOfDraft(long draftId, long photoId, boolean thumbnail) throws java.io.IOException {
        requireVisible("visit_draft", draftId);
        Photo photo = ofDraft(draftId).stream().filter(p -> p.id() == photoId).findFirst()
                .orElseThrow(() -> new NotFoundException("photo " + photoId));
        return store.open(photo.sha256(), thumbnail);
    }

    /** Recomputes and stores the visit's evidence flags. */
    @Transactional
    public List<EvidenceFlag> refreshEvidence(long visitId) {
        Map<String, Object> v = jdbc.queryForMap("""
                SELECT v.visited_on, v.household_id, h.latitude, h.longitude, s.latitude AS c_lat, s.longitude AS c_lon
                FROM home_visit v JOIN household h ON h.id = v.household_id JOIN subdistrict s ON s.code = h.subdistrict_code
                WHERE v.id = ?""", visitId);
        BigDecimal lat = (BigDecimal) v.get("latitude");
        BigDecimal lon = (BigDecimal) v.get("longitude");
        LocalDate visitedOn = ((java.sql.Date) v.get("visited_on")).toLocalDate();
        Set<EvidenceFlag> flags = EnumSet.noneOf(EvidenceFlag.class);
        if (checks.homeFarFromSubdistrict(lat, lon, (BigDecimal) v.get("c_lat"), (BigDecimal) v.get("c_lon"))) {
            flags.add(EvidenceFlag.HOME_FAR_FROM_SUBDISTRICT);
        }
        for (Photo p : photos(visitId)) {
            if (checks.photoFarFromHome(p.latitude(), p.longitude(), lat, lon)) {
                flags.add(EvidenceFlag.PHOTO_FAR_FROM_HOME);
            }
            if (p.takenAt() != null && checks.photoStale(p.takenAt(), visitedOn)) {
                flags.add(EvidenceFlag.PHOTO_STALE);
            }
        }
        Integer reused = jdbc.queryForObject("""
                SELECT count(*) FROM visit_photo p JOIN visit_photo o ON o.sha256 = p.sha256 AND o.visit_id <> p.visit_id
                JOIN home_visit ov ON ov.id = o.visit_id
                WHERE p.visit_id = ? AND ov.household_id <> ?""", Integer.class, visitId, v.get("household_id"));
        if (reused != null && reused > 0) {
            flags.add(EvidenceFlag.PHOTO_REUSED);
            // the other households' visits carry the flag too
            jdbc.update("""
                    UPDATE home_visit SET evidence_flags = array_append(evidence_flags, 'PHOTO_REUSED')
                    WHERE id IN (SELECT o.visit_id FROM visit_photo p JOIN visit_photo o ON o.sha256 = p.sha256
                                 WHERE p.visit_id = ? AND o.visit_id <> ?)
                      AND household_id <> ? AND NOT ('PHOTO_REUSED' = ANY (evidence_flags))""",
                    visitId, visitId, v.get("household_id"));
        }
        List<EvidenceFlag> list = new ArrayList<>(flags);
        jdbc.update("UPDATE home_visit SET evidence_flags = ?::varchar[] WHERE id = ?",
                list.stream().map(Enum::name).toArray(String[]::new), visitId);
        return list;
    }

    private void requireVisible(String table, long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT org_unit_id, province_code FROM " + table + " WHERE id = ?", id);
        if (rows.isEmpty()) {
            throw new NotFoundException(table + " " + id);
        }
        long unit = ((Number) rows.get(0).get("org_unit_id")).longValue();
        String province = (String) rows.get(0).get("province_code");
        java.util.Set<String> found = currentUser.scope().findingSubdistricts();
        if (!currentUser.scope().coversOrgUnit(unit, province) && (found.isEmpty() || !Boolean.TRUE.equals(jdbc.queryForObject(
                "visit_draft".equals(table)
                        ? "SELECT EXISTS (SELECT 1 FROM visit_draft d JOIN child c ON c.id = d.child_id WHERE d.id = ? "
                          + "AND c.status = 'OUT_OF_SCHOOL' AND c.found_subdistrict_code = ANY (?))"
                        : "SELECT " + HomeVisitStore.foundVisit("?::bigint"),
                Boolean.class, "visit_draft".equals(table) ? new Object[] {id, found.toArray(String[]::new)}
                        : new Object[] {id, id, found.toArray(String[]::new)})))) {
            throw new AccessDeniedException("visit outside the caller's area");
        }
    }
}
