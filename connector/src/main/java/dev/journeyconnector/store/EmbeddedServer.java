package dev.journeyconnector.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL under {@code <dataDir>/postgres}, owned by one connector at a time.
 *
 * <p>Ownership is an OS file lock on {@code <dataDir>/connector.lock}: the OS releases it when the owning
 * process dies, even by SIGKILL. PostgreSQL's server, started by pg_ctl, outlives a killed connector;
 * so a connector that gets the lock and finds a server still running on the data directory knows it is
 * an orphan of a crashed run, and stops it before starting its own.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    static EmbeddedServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        FileChannel channel = null;
        try {
            Files.createDirectories(pgData);
            channel = FileChannel.open(dataDir.resolve("connector.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                throw new StoreException("another connector is running on " + dataDir.toAbsolutePath()
                        + " (JOURNEY_DATA_DIR); stop it first or give this one another data folder", null);
            }
            stopOrphanedServer(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    // Keep the data directory: the store must survive restarts.
                    .setCleanDataDirectory(false)
                    // We stop it ourselves, after the last write of the run (the run log); its own JVM
                    // shutdown hook would race that write on SIGTERM.
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                    .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new EmbeddedServer(channel, lock, postgres);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("embedded PostgreSQL did not start in " + pgData + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A server still running on our data directory while we hold the lock was left by a killed connector. */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (server.isEmpty()) {
            return; // a stale pid file: PostgreSQL removes it itself on start
        }
        LOG.warn("Stopping the embedded PostgreSQL (pid {}) left running by a connector that did not shut down cleanly",
                server.get().pid());
        // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the old connector.
        server.get().destroy();
        Instant deadline = Instant.now().plus(ORPHAN_STOP_TIMEOUT);
        while (server.get().isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while stopping an orphaned PostgreSQL", e);
            }
        }
        if (server.get().isAlive()) {
            throw new StoreException("the embedded PostgreSQL left running by an earlier connector (pid "
                    + server.get().pid() + ") did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds() + " s", null);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("releasing the data folder lock: {}", e.getMessage());
            }
            closeQuietly(lockChannel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
