package org.eduequity.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoStoreTest {

    @TempDir
    Path dir;

    private final PhotoProcessor processor = new PhotoProcessor(PhotoProperties.withDir(Path.of("unused")));

    private PhotoStore store() {
        return new PhotoStore(PhotoProperties.withDir(dir));
    }

    @Test
    void storesDisplayCopyAndThumbnailShardedByHashAndOpensThem() throws IOException {
        ProcessedPhoto photo = processor.process(TestImages.jpeg(2000, 1500));
        PhotoStore store = store();
        String hash = photo.sha256();
        assertThat(store.exists(hash)).isFalse();

        store.store(photo);

        Path display = dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash + ".jpg");
        Path thumbnail = display.resolveSibling(hash + "-thumb.jpg");
        assertThat(display).isRegularFile();
        assertThat(thumbnail).isRegularFile();
        assertThat(store.exists(hash)).isTrue();
        try (InputStream in = store.open(hash, false)) {
            assertThat(in.readAllBytes()).isEqualTo(photo.display());
        }
        try (InputStream in = store.open(hash, true)) {
            assertThat(in.readAllBytes()).isEqualTo(photo.thumbnail());
        }
        assertThat(allFiles()).containsExactlyInAnyOrder(display, thumbnail); // no temporary files left behind
    }

    @Test
    void storingTheSameHashAgainLeavesTheFilesAlone() throws IOException {
        ProcessedPhoto photo = processor.process(TestImages.png(640, 480));
        PhotoStore store = store();
        store.store(photo);
        Path display = store.path(photo.sha256(), false);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(display, old);

        store.store(photo);
        new PhotoStore(PhotoProperties.withDir(dir)).store(photo);

        assertThat(Files.getLastModifiedTime(display)).isEqualTo(old);
        assertThat(allFiles()).hasSize(2);
    }

    @Test
    void openingAHashThatIsNotStoredFails() {
        String absent = "0".repeat(64);
        assertThatThrownBy(() -> store().open(absent, false)).isInstanceOf(NoSuchFileException.class);
        assertThat(store().exists(absent)).isFalse();
    }

    @Test
    void refusesAnythingButALowerCaseSha256AsAName() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "not a photo");
        PhotoStore store = store();
        for (String bad : List.of("../secret.txt", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                "/etc/passwd", "ab/../../secret.txt", "A".repeat(64), "a".repeat(63), "a".repeat(65),
                "a".repeat(63) + "/", "a".repeat(62) + "..", "")) {
            assertThatThrownBy(() -> store.open(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(bad, true)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.open(null, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsTheFolderWhenItDoesNotExistYet() throws IOException {
        Path nested = dir.resolve("not/there/yet");
        ProcessedPhoto photo = processor.process(TestImages.jpeg(320, 240));

        new PhotoStore(PhotoProperties.withDir(nested)).store(photo);

        try (InputStream in = new PhotoStore(PhotoProperties.withDir(nested)).open(photo.sha256(), true)) {
            assertThat(in.readAllBytes()).isEqualTo(photo.thumbnail());
        }
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
