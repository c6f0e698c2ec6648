package org.eduequity.survey;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An accepted upload, ready to store.
 *
 * @param sha256 lower-case hex SHA-256 of the <em>uploaded bytes exactly as received</em>: the content hash that
 *        {@code PHOTO_REUSED} compares and the name the photo is stored under. Re-uploading the same file gives the
 *        same hash; a re-saved or re-compressed copy of the same picture does not (a deliberate, cheap and
 *        explainable rule; perceptual matching is out of scope)
 * @param mediaType {@code image/jpeg} or {@code image/png}: what the upload was, detected by content
 * @param uploadBytes size of the upload in bytes
 * @param width width of the upload in pixels (before EXIF orientation)
 * @param height height of the upload in pixels (before EXIF orientation)
 * @param display the copy that is shown: JPEG, longest side at most the configured size (1600 px), EXIF orientation
 *        applied, no metadata at all (no EXIF, no GPS)
 * @param displayWidth width of {@code display}
 * @param displayHeight height of {@code display}
 * @param thumbnail JPEG for lists, longest side at most the configured size (320 px), no metadata
 * @param latitude EXIF GPS latitude in degrees (WGS84, 6 decimals), or {@code null} when the photo has none
 * @param longitude EXIF GPS longitude in degrees (WGS84, 6 decimals), or {@code null} when the photo has none
 * @param takenAt EXIF DateTimeOriginal as the camera's local time (no zone), or {@code null} when absent or unreadable
 */
public record ProcessedPhoto(
        String sha256,
        String mediaType,
        long uploadBytes,
        int width,
        int height,
        byte[] display,
        int displayWidth,
        int displayHeight,
        byte[] thumbnail,
        BigDecimal latitude,
        BigDecimal longitude,
        LocalDateTime takenAt) {

    /** Whether the upload carried a usable EXIF GPS position. */
    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }

    @Override
    public String toString() {
        return "ProcessedPhoto[sha256=" + sha256 + ", mediaType=" + mediaType + ", uploadBytes=" + uploadBytes
                + ", " + width + "x" + height + " -> " + displayWidth + "x" + displayHeight
                + ", latitude=" + latitude + ", longitude=" + longitude + ", takenAt=" + takenAt + "]";
    }
}
