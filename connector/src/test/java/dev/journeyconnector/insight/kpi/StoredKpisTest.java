package dev.journeyconnector.insight.kpi;

import dev.journeyconnector.identity.SourceRef;
import dev.journeyconnector.insight.HistoryLoader;
import dev.journeyconnector.insight.kpi.JourneyKpis.EmailBasis;
import dev.journeyconnector.journey.DeepLinks;
import dev.journeyconnector.journey.Touchpoint;
import dev.journeyconnector.store.CustomerStore;
import dev.journeyconnector.store.CustomerStore.StoredCustomer;
import dev.journeyconnector.store.HistoryStore;
import dev.journeyconnector.store.KpiStore;
import dev.journeyconnector.store.TestStore;
import dev.journeyconnector.store.TouchpointStore;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-built world stored and read back gives the same KPIs as computed from the records directly. */
class StoredKpisTest {

    @Test
    void theStoredWorldGivesTheSameKpisAsTheWorldItself() {
        DataSource ds = TestStore.clean().dataSource();
        List<KpiCustomer> world = KpiWorld.customers();
        List<StoredCustomer> customers = new ArrayList<>();
        List<Touchpoint> touchpoints = new ArrayList<>();
        for (KpiCustomer c : world) {
            customers.add(new StoredCustomer(c.customerKey(), "contact", c.personaId(), SourceRef.contact(c.customerKey())));
            touchpoints.addAll(c.touchpoints());
        }
        new CustomerStore(ds).replaceCustomers(customers);
        new TouchpointStore(ds).upsert(touchpoints);

        // no campaigns are stored, so email rates are per email with activity; findings were never evaluated
        KpiContext context = KpiWorld.context(EmailBasis.ACTIVITY);
        JourneyKpis stored = StoredKpis.compute(context, new KpiStore(ds),
                new HistoryLoader(new HistoryStore(ds), DeepLinks.of(null, null, null)));
        List<KpiCustomer> withoutSends = world.stream()
                .map(c -> new KpiCustomer(c.customerKey(), c.personaId(), c.touchpoints())).toList();
        JourneyKpis direct = KpiCalculator.calculate(context, withoutSends, java.util.Optional.empty());

        assertThat(stored.findingsEvaluated()).isFalse();
        assertThat(stored.personas()).isEqualTo(direct.personas());
        assertThat(stored.all()).isEqualTo(direct.all());
        assertThat(stored.all().customers()).isEqualTo(12);
    }
}
