package dev.journeyconnector.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Ties a store to the vendor accounts its data came from. The first run binds it; a later run connected
 * to another account is refused before it pulls or writes anything, since its cursors and write-back
 * ledger would point into the wrong org.
 */
public final class StoreBinding {
    private final DataSource dataSource;

    public StoreBinding(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Binds {@code name} to {@code value} on first use; afterwards checks it.
     *
     * @throws StoreException naming both values when the store is bound to another one
     */
    public void bindOrCheck(String name, String value, String whatToDo) {
        Optional<String> bound = get(name);
        if (bound.isEmpty()) {
            String sql = "insert into store_binding (name, value) values (?, ?) on conflict (name) do nothing";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, name);
                ps.setString(2, value);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("binding the store to " + name + " " + value + " failed: " + e.getMessage(), e);
            }
        } else if (!bound.get().equals(value)) {
            throw new StoreException("this store holds data from " + name + " " + bound.get()
                    + ", but the connector is now connected to " + value + "; " + whatToDo, null);
        }
    }

    public Optional<String> get(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select value from store_binding where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the store's binding failed: " + e.getMessage(), e);
        }
    }
}
