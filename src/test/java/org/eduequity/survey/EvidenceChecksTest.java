package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class EvidenceChecksTest {

    /** Centroid of subdistrict 400101 (Nai Mueang, Mueang Khon Kaen). */
    private static final BigDecimal CENTROID_LAT = new BigDecimal("16.438");
    private static final BigDecimal CENTROID_LON = new BigDecimal("102.837");

    private final EvidenceChecks checks = new EvidenceChecks(EvidenceProperties.defaults());

    @Test
    void distancesAreGreatCircleKilometres() {
        // one degree of latitude along a meridian on the mean-radius sphere
        assertThat(EvidenceChecks.distanceKm(16.0, 102.0, 17.0, 102.0)).isCloseTo(111.195, within(0.001));
        // Khon Kaen to Bangkok (Democracy Monument), about 385 km as the crow flies
        assertThat(EvidenceChecks.distanceKm(16.438, 102.837, 13.7567, 100.5018)).isCloseTo(385.0, within(10.0));
        assertThat(EvidenceChecks.distanceKm(CENTROID_LAT, CENTROID_LON, CENTROID_LAT, CENTROID_LON)).isZero();
        // the helpers in this test put points where they say
        BigDecimal[] east = east(CENTROID_LAT, CENTROID_LON, 12);
        assertThat(EvidenceChecks.distanceKm(CENTROID_LAT, CENTROID_LON, east[0], east[1])).isCloseTo(12, within(0.001));
    }

    @Test
    void aHomeTwelveKilometresFromItsSubdistrictCentroidIsFlaggedAndFiveIsNot() {
        BigDecimal[] far = north(CENTROID_LAT, CENTROID_LON, 12);
        BigDecimal[] farEast = east(CENTROID_LAT, CENTROID_LON, 12);
        BigDecimal[] near = north(CENTROID_LAT, CENTROID_LON, 5);

        assertThat(checks.homeFarFromSubdistrict(far[0], far[1], CENTROID_LAT, CENTROID_LON)).isTrue();
        assertThat(checks.homeFarFromSubdistrict(farEast[0], farEast[1], CENTROID_LAT, CENTROID_LON)).isTrue();
        assertThat(checks.homeFarFromSubdistrict(near[0], near[1], CENTROID_LAT, CENTROID_LON)).isFalse();
    }

    @Test
    void aPhotoOneAndAHalfKilometresFromTheHomeIsFlaggedAndHalfAKilometreIsNot() {
        BigDecimal[] home = north(CENTROID_LAT, CENTROID_LON, 5);
        BigDecimal[] farPhoto = east(home[0], home[1], 1.5);
        BigDecimal[] nearPhoto = north(home[0], home[1], 0.5);

        assertThat(checks.photoFarFromHome(farPhoto[0], farPhoto[1], home[0], home[1])).isTrue();
        assertThat(checks.photoFarFromHome(nearPhoto[0], nearPhoto[1], home[0], home[1])).isFalse();
    }

    @Test
    void missingPositionsRaiseNothing() {
        assertThat(checks.homeFarFromSubdistrict(null, null, CENTROID_LAT, CENTROID_LON)).isFalse();
        assertThat(checks.homeFarFromSubdistrict(CENTROID_LAT, CENTROID_LON, null, CENTROID_LON)).isFalse();
        assertThat(checks.photoFarFromHome(null, null, CENTROID_LAT, CENTROID_LON)).isFalse();
        assertThat(checks.photoFarFromHome(CENTROID_LAT, CENTROID_LON, CENTROID_LAT, null)).isFalse();
    }

    @Test
    void aPhotoTakenSixtyOneDaysBeforeTheVisitIsStaleAndFiftyNineIsNot() {
        LocalDate visit = LocalDate.of(2026, 6, 20);

        assertThat(checks.photoStale(visit.minusDays(61).atTime(23, 59), visit)).isTrue();
        assertThat(checks.photoStale(visit.minusDays(59).atTime(0, 0), visit)).isFalse();
        assertThat(checks.photoStale(visit.minusDays(60).atTime(8, 0), visit)).isFalse(); // "more than 60"
        assertThat(checks.photoStale(visit.atTime(10, 0), visit)).isFalse();
        assertThat(checks.photoStale(visit.plusDays(3).atStartOfDay(), visit)).isFalse();
        assertThat(checks.photoStale(null, visit)).isFalse();
        assertThat(checks.photoStale(LocalDateTime.of(2020, 1, 1, 0, 0), null)).isFalse();
    }

    @Test
    void thresholdsComeFromConfiguration() {
        EvidenceChecks strict = new EvidenceChecks(new EvidenceProperties(3, 0.2, 7));
        BigDecimal[] home = north(CENTROID_LAT, CENTROID_LON, 5);
        BigDecimal[] photo = north(home[0], home[1], 0.5);
        LocalDate visit = LocalDate.of(2026, 6, 20);

        assertThat(strict.homeFarFromSubdistrict(home[0], home[1], CENTROID_LAT, CENTROID_LON)).isTrue();
        assertThat(strict.photoFarFromHome(photo[0], photo[1], home[0], home[1])).isTrue();
        assertThat(strict.photoStale(visit.minusDays(8).atStartOfDay(), visit)).isTrue();
        assertThat(strict.photoStale(visit.minusDays(7).atStartOfDay(), visit)).isFalse();
    }

    /** The point {@code km} north, rounded to 6 decimals as stored. */
    private static BigDecimal[] north(BigDecimal lat, BigDecimal lon, double km) {
        double dLat = Math.toDegrees(km / EvidenceChecks.EARTH_RADIUS_KM);
        return new BigDecimal[] {round(lat.doubleValue() + dLat), lon};
    }

    /** The point {@code km} east along the same latitude, rounded to 6 decimals as stored. */
    private static BigDecimal[] east(BigDecimal lat, BigDecimal lon, double km) {
        double phi = Math.toRadians(lat.doubleValue());
        double c = Math.sin(km / (2 * EvidenceChecks.EARTH_RADIUS_KM)) / Math.cos(phi);
        double dLon = Math.toDegrees(2 * Math.asin(c));
        return new BigDecimal[] {lat, round(lon.doubleValue() + dLon)};
    }

    private static BigDecimal round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_UP);
    }
}
