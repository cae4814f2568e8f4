package dev.journeyconnector.store;

/** A failure of the connector's own database, with a message that says which store and why. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
