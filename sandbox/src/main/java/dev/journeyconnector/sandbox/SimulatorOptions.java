package dev.journeyconnector.sandbox;

import java.nio.file.Path;

/**
 * The options every vendor simulator takes: where its state is kept, whether to start over from the world
 * files, and where it listens. Each simulator's builder extends this with options of its own.
 *
 * @param <B> the concrete builder, so chained setters keep its type
 */
public abstract class SimulatorOptions<B extends SimulatorOptions<B>> {
    private Path dataDir;
    private boolean reset;
    private int port;
    private String bindAddress = "127.0.0.1";

    /** Persist the simulated account under this directory (null: in memory only). */
    public B dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return self();
    }

    /** Ignore saved state and start over from the world files. */
    public B reset(boolean reset) {
        this.reset = reset;
        return self();
    }

    /** 0 picks a free port. */
    public B port(int port) {
        this.port = port;
        return self();
    }

    public B bindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
        return self();
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean reset() {
        return reset;
    }

    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
