package org.eduequity.survey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the evidence checks (see {@link EvidenceChecks}). A value is flagged when it is strictly more than
 * its threshold.
 *
 * @param homeMaxKmFromSubdistrict {@code HOME_FAR_FROM_SUBDISTRICT} when the home's GPS is more than this many km
 *        from its subdistrict's centroid (10)
 * @param photoMaxKmFromHome {@code PHOTO_FAR_FROM_HOME} when a photo's EXIF position is more than this many km from
 *        the home's GPS (1)
 * @param photoMaxAgeDays {@code PHOTO_STALE} when a photo was taken more than this many days before the visit (60)
 */
@ConfigurationProperties("eduequity.evidence")
public record EvidenceProperties(
        @DefaultValue("10") double homeMaxKmFromSubdistrict,
        @DefaultValue("1") double photoMaxKmFromHome,
        @DefaultValue("60") int photoMaxAgeDays) {

    public EvidenceProperties {
        if (!(homeMaxKmFromSubdistrict > 0) || !(photoMaxKmFromHome > 0) || photoMaxAgeDays < 0) {
            throw new IllegalArgumentException("eduequity.evidence thresholds must be positive");
        }
    }

    /** The thresholds of the survey format: 10 km, 1 km, 60 days. */
    public static EvidenceProperties defaults() {
        return new EvidenceProperties(10, 1, 60);
    }
}
