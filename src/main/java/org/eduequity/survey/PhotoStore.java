package org.eduequity.survey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Keeps the display copies and thumbnails on disk under {@link PhotoProperties#dir()}, named by content hash
 * (SHA-256 of the upload) in a sharded layout so no folder grows huge:
 * <pre>
 *   &lt;dir&gt;/ab/cd/abcd…(64 hex).jpg        display copy
 *   &lt;dir&gt;/ab/cd/abcd…(64 hex)-thumb.jpg  thumbnail
 * </pre>
 * Files are written to a temporary file in the same folder and moved into place atomically, so a reader never
 * sees half a photo and a crash leaves at most a stray {@code .tmp} file. Storing the same hash again is a no-op
 * (the same upload always gives the same copies). The folder is never served as static files: photos are read
 * through {@link #open} by a controller that checks who may see them. Only names of 64 lower-case hex digits are
 * accepted, so a hash from a request can never reach outside the folder.
 */
@Component
class PhotoStore {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    PhotoStore(PhotoProperties properties) {
        this.root = properties.dir().toAbsolutePath().normalize();
    }

    /** Writes the photo's display copy and thumbnail unless they are there already. */
    void store(ProcessedPhoto photo) {
        String hash = checked(photo.sha256());
        try {
            write(path(hash, true), photo.thumbnail());
            write(path(hash, false), photo.display()); // last: its presence means both are there
        } catch (IOException e) {
            throw new UncheckedIOException("could not store photo " + hash + " under " + root, e);
        }
    }

    /** Whether the display copy of that hash is stored. */
    boolean exists(String hash) {
        return Files.isRegularFile(path(checked(hash), false));
    }

    /**
     * Opens the stored display copy or thumbnail (JPEG) for reading; the caller closes it.
     *
     * @throws IllegalArgumentException when {@code hash} is not 64 lower-case hex digits
     * @throws NoSuchFileException when nothing is stored under that hash
     */
    InputStream open(String hash, boolean thumbnail) throws IOException {
        return Files.newInputStream(path(checked(hash), thumbnail), StandardOpenOption.READ);
    }

    /** Where that hash's file lives (whether or not it exists). */
    Path path(String hash, boolean thumbnail) {
        checked(hash);
        Path file = root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4))
                .resolve(hash + (thumbnail ? "-thumb.jpg" : ".jpg")).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("photo path outside the photo folder");
        }
        return file;
    }

    private static String checked(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a photo hash (64 lower-case hex digits)");
        }
        return hash;
    }

    private static void write(Path target, byte[] content) throws IOException {
        if (Files.isRegularFile(target)) {
            return;
        }
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, target.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                out.write(content);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
