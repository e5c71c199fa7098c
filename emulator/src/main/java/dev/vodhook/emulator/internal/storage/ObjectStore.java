package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.EmulatorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Objects (uploads, transcodes, covers) as files below one directory, keyed by {@link ObjectKey}. Writes go to a
 * scratch file first and are moved into place, so a reader never sees half an object.
 */
public final class ObjectStore {

    private final Path root;
    private final Path scratch;

    /** A store below {@code root}; scratch files left by an earlier run (its owner holds the directory) are removed. */
    public ObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.scratch = this.root.resolve(".scratch");
        deleteTree(scratch);
        createDirectories(scratch);
    }

    /** Streams {@code in} into the object {@code key}, replacing any previous content. */
    StoredObject put(ObjectKey key, InputStream in) {
        return put(key, in, Optional.empty());
    }

    /**
     * Like {@link #put(ObjectKey, InputStream)}, but when {@code expectedMd5} (lowercase hex) is given and the
     * content does not match it, nothing is stored and {@link DigestMismatchException} is thrown.
     */
    StoredObject put(ObjectKey key, InputStream in, Optional<String> expectedMd5) {
        Path temp = newScratchFile("put-");
        try {
            String md5;
            long size;
            try (DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5())) {
                size = in.transferTo(out);
                md5 = HexFormat.of().formatHex(out.getMessageDigest().digest());
            }
            if (expectedMd5.isPresent() && !expectedMd5.get().equals(md5)) {
                deleteQuietly(temp);
                throw new DigestMismatchException(key + ": content MD5 is " + md5 + ", expected " + expectedMd5.get());
            }
            return new StoredObject(key, moveIntoPlace(temp, key), size, md5);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("could not store " + key, e);
        }
    }

    /**
     * Moves a finished file (e.g. ffmpeg output in scratch space) into the object {@code key}: a file in scratch space
     * is read once for its MD5 and renamed into place (no copy); any other file is copied, then deleted.
     */
    public StoredObject putFile(ObjectKey key, Path file) {
        Path source = file.toAbsolutePath().normalize();
        if (!source.startsWith(scratch)) {
            try (InputStream in = Files.newInputStream(file)) {
                return put(key, in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            } finally {
                deleteQuietly(file);
            }
        }
        try {
            String md5;
            long size;
            try (DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), md5());
                 InputStream in = Files.newInputStream(source)) {
                size = in.transferTo(digest);
                md5 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            }
            return new StoredObject(key, moveIntoPlace(source, key), size, md5);
        } catch (IOException e) {
            deleteQuietly(source);
            throw new UncheckedIOException("could not store " + file + " as " + key, e);
        }
    }

    /** Concatenates files (multipart upload parts, in order) into the object {@code key}. */
    StoredObject concatenate(ObjectKey key, List<Path> parts) {
        try (InputStream in = new java.io.SequenceInputStream(java.util.Collections.enumeration(
                parts.stream().map(ObjectStore::open).toList()))) {
            return put(key, in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not assemble " + key, e);
        }
    }

    public Optional<Path> find(ObjectKey key) {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Deletes one object; false when there was none. */
    public boolean delete(ObjectKey key) {
        try {
            return Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + key, e);
        }
    }

    /** Deletes every object below {@code folder} (a key prefix ending at a {@code /}). */
    public void deleteFolder(ObjectKey folder) {
        deleteTree(pathOf(folder));
    }

    /** The objects directly in {@code folder}, by name; empty when there is no such folder. */
    public List<ObjectKey> list(ObjectKey folder) {
        Path dir = pathOf(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> new ObjectKey(folder.value() + "/" + f.getFileName()))
                    .sorted(java.util.Comparator.comparing(ObjectKey::value)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    /** A fresh directory in scratch space (for ffmpeg outputs and multipart parts). */
    public Path newScratchDirectory(String prefix) {
        try {
            return Files.createTempDirectory(scratch, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a scratch directory in " + scratch, e);
        }
    }

    /** Writes {@code in} to a scratch file and returns it with its size and MD5 (for multipart parts). */
    StoredPart writeScratch(Path file, InputStream in) {
        try (DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5())) {
            long size = in.transferTo(out);
            return new StoredPart(file, size, HexFormat.of().formatHex(out.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Deletes every object and scratch file. */
    public void clear() {
        deleteTree(root);
        createDirectories(scratch);
    }

    /** Deletes the whole directory (for temporary stores on shutdown). */
    public void destroy() {
        deleteTree(root);
    }

    /**
     * Deletes a directory tree. Files that vanish meanwhile are fine, and a directory that fills up meanwhile is
     * tried again a few times: on shutdown, tasks cut short may still be cleaning up their scratch files.
     */
    public static void deleteTree(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteTreeOnce(dir);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw new UncheckedIOException("could not delete " + dir, e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + dir, e);
            }
        }
    }

    private static void deleteTreeOnce(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Path pathOf(ObjectKey key) {
        Path path = root.resolve(key.relative()).normalize();
        if (!path.startsWith(root) || path.startsWith(scratch)) {
            throw new ObjectKey.InvalidObjectKeyException(key.value());
        }
        return path;
    }

    private Path moveIntoPlace(Path temp, ObjectKey key) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path newScratchFile(String prefix) {
        try {
            return Files.createTempFile(scratch, prefix, ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a scratch file in " + scratch, e);
        }
    }

    private static InputStream open(Path path) {
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // scratch space; cleared on reset or shutdown
        }
    }

    /** The content does not have the MD5 the client declared. */
    static final class DigestMismatchException extends EmulatorException {
        DigestMismatchException(String message) {
            super(message);
        }
    }

    /** A piece of a multipart upload in scratch space. */
    record StoredPart(Path path, long size, String md5) {
    }
}
