package org.eduequity.survey;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * The evidence checks on a home visit that need no database: each answers whether its {@link EvidenceFlag} is
 * raised. Flags inform the reviewers and never block a submission; a check with a missing input (no GPS, no EXIF
 * time) raises nothing. {@link EvidenceFlag#PHOTO_REUSED} needs the stored photos and is decided by the caller from
 * {@link ProcessedPhoto#sha256()}.
 *
 * <p>Distances are great-circle (haversine) distances on a sphere of the mean Earth radius; the error against the
 * WGS84 ellipsoid is under 0.5 %, far below the thresholds' precision. Coordinates arrive as {@link BigDecimal}
 * (as stored) and the geometry is done in {@code double}.
 */
@Component
class EvidenceChecks {

    /** Mean Earth radius (IUGG), km. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    private final EvidenceProperties properties;

    EvidenceChecks(EvidenceProperties properties) {
        this.properties = properties;
    }

    /**
     * {@link EvidenceFlag#HOME_FAR_FROM_SUBDISTRICT}: the home is more than the configured distance from its
     * subdistrict's centroid. False when any coordinate is missing.
     */
    boolean homeFarFromSubdistrict(BigDecimal homeLat, BigDecimal homeLon, BigDecimal centroidLat,
            BigDecimal centroidLon) {
        return farther(homeLat, homeLon, centroidLat, centroidLon, properties.homeMaxKmFromSubdistrict());
    }

    /**
     * {@link EvidenceFlag#PHOTO_FAR_FROM_HOME}: the photo's EXIF position is more than the configured distance from
     * the home. False when the photo or the home has no position.
     */
    boolean photoFarFromHome(BigDecimal photoLat, BigDecimal photoLon, BigDecimal homeLat, BigDecimal homeLon) {
        return farther(photoLat, photoLon, homeLat, homeLon, properties.photoMaxKmFromHome());
    }

    /**
     * {@link EvidenceFlag#PHOTO_STALE}: the photo was taken more than the configured number of calendar days before
     * the visit (the camera's local date against the visit date). False when either is missing; a photo dated after
     * the visit is not stale.
     */
    boolean photoStale(LocalDateTime takenAt, LocalDate visitedOn) {
        if (takenAt == null || visitedOn == null) {
            return false;
        }
        return ChronoUnit.DAYS.between(takenAt.toLocalDate(), visitedOn) > properties.photoMaxAgeDays();
    }

    /** Great-circle distance in km between two points given in degrees. */
    static double distanceKm(BigDecimal lat1, BigDecimal lon1, BigDecimal lat2, BigDecimal lon2) {
        return distanceKm(lat1.doubleValue(), lon1.doubleValue(), lat2.doubleValue(), lon2.doubleValue());
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static boolean farther(BigDecimal lat1, BigDecimal lon1, BigDecimal lat2, BigDecimal lon2, double km) {
        if (lat1 == null || lon1 == null || lat2 == null || lon2 == null) {
            return false;
        }
        return distanceKm(lat1, lon1, lat2, lon2) > km;
    }
}
