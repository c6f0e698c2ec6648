package org.eduequity.survey;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Home-visit photos: where they are kept and the limits on uploads.
 *
 * @param dir folder holding the display copies and thumbnails (never in the database, never served as static
 *        files). Default {@code ./.data/photos}, relative to the working directory: fine for trying the server out;
 *        in production set {@code EDUEQUITY_PHOTOS_DIR} (or {@code eduequity.photos.dir}) to a persistent, backed-up
 *        volume outside the application folder
 * @param maxUploadSize largest accepted upload (10 MB)
 * @param maxMegapixels largest accepted width × height, in millions of pixels (40), checked from the header before
 *        the image is decoded
 * @param displaySize longest side of the copy that is shown, in pixels (1600)
 * @param thumbnailSize longest side of the thumbnail, in pixels (320)
 * @param jpegQuality JPEG quality of the display copy and thumbnail, 0–1 (0.85)
 * @param concurrentDecodes how many uploads are decoded at the same time; a 40-megapixel decode takes tens of MB of
 *        heap, so this bounds the memory photo processing can take (2)
 */
@ConfigurationProperties("eduequity.photos")
public record PhotoProperties(
        @DefaultValue("./.data/photos") Path dir,
        @DefaultValue("10MB") DataSize maxUploadSize,
        @DefaultValue("40") int maxMegapixels,
        @DefaultValue("1600") int displaySize,
        @DefaultValue("320") int thumbnailSize,
        @DefaultValue("0.85") float jpegQuality,
        @DefaultValue("2") int concurrentDecodes) {

    public PhotoProperties {
        if (dir == null) {
            throw new IllegalArgumentException("eduequity.photos.dir must be set");
        }
        if (maxUploadSize == null || maxUploadSize.toBytes() <= 0 || maxMegapixels <= 0 || displaySize <= 0
                || thumbnailSize <= 0 || concurrentDecodes <= 0) {
            throw new IllegalArgumentException("eduequity.photos limits must be positive");
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("eduequity.photos.jpeg-quality must be in (0, 1]");
        }
    }

    /** The defaults with another folder (tests, tools). */
    public static PhotoProperties withDir(Path dir) {
        return new PhotoProperties(dir, DataSize.ofMegabytes(10), 40, 1600, 320, 0.85f, 2);
    }
}
