package dev.storesync.persistence;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code DATA_DIR} to the user storesync runs as: the folder {@code rwx------} (0700), the files storesync writes
 * in it {@code rw-------} (0600). The database file holds the generated webhook secret, the tasks and the id map.
 *
 * <p>A new folder or file is created with these modes (so it is never readable by others, whatever the umask), and an
 * existing one, from an older version, is tightened at start with one line in the log. On a file system without POSIX
 * modes (Windows, some network or FAT mounts) nothing can be restricted this way; that is said once, as a warning.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final AtomicBoolean SAID_NOT_POSIX = new AtomicBoolean();

    private PrivateFiles() {}

    /** Creates {@code dir} (and its parents, with the usual modes) as 0700, or makes an existing one 0700. */
    static void folder(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        boolean created = false;
        if (!Files.isDirectory(absolute)) {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                if (posix(parent)) {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(absolute);
                }
                created = true;
            } catch (FileAlreadyExistsException e) {
                // created meanwhile, or something else is there: checked below
            }
            if (!Files.isDirectory(absolute)) {
                throw new NotDirectoryException(absolute.toString());
            }
        }
        restrict(absolute, FOLDER, "folder", created);
    }

    /**
     * Creates the empty file as 0600 unless it exists, or makes an existing one 0600. Called before the file's owner
     * (MVStore) opens it, so that its own creation, with the umask's modes, never happens.
     */
    static void file(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        boolean created = false;
        if (posix(absolute.getParent())) {
            try {
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(FILE));
                created = true;
            } catch (FileAlreadyExistsException e) {
                // the database of an earlier start
            }
        }
        if (created || Files.exists(absolute)) {
            restrict(absolute, FILE, "file", created);
        }
    }

    private static boolean posix(Path existing) {
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted, String what, boolean created)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            notPosix(path);
            return;
        }
        Set<PosixFilePermission> before = view.readAttributes().permissions();
        if (before.equals(wanted)) {
            return;
        }
        try {
            view.setPermissions(wanted);
        } catch (IOException | UnsupportedOperationException e) {
            // typically not the owner (a folder made by root for the service's user): refusing to start would help no
            // one
            LOG.warn(
                    "DATA_DIR {} {} is {} and could not be made {} ({}): other local users may be able to read it",
                    what,
                    path,
                    PosixFilePermissions.toString(before),
                    PosixFilePermissions.toString(wanted),
                    e.toString());
            return;
        }
        Set<PosixFilePermission> after = view.readAttributes().permissions();
        if (!after.equals(wanted)) {
            notPosix(path); // the file system accepted the change and ignored it
        } else if (!created) {
            LOG.info(
                    "DATA_DIR {} {} was {}, now {} (only this user)",
                    what,
                    path,
                    PosixFilePermissions.toString(before),
                    PosixFilePermissions.toString(wanted));
        }
    }

    private static void notPosix(Path path) {
        if (SAID_NOT_POSIX.compareAndSet(false, true)) {
            LOG.warn(
                    "DATA_DIR {} is on a file system without POSIX permissions: storesync cannot restrict its folder"
                            + " and database file (which holds the webhook secret) to this user; restrict access to"
                            + " it by other means",
                    path);
        }
    }
}
