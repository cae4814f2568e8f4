package dev.journeyconnector.mailchimp;

import dev.journeyconnector.mailchimp.client.MailchimpClient;
import dev.journeyconnector.mailchimp.client.MailchimpPage;
import dev.journeyconnector.mailchimp.client.MailchimpPages;
import dev.journeyconnector.mailchimp.client.MailchimpTime;
import dev.journeyconnector.pull.PullConsumer;
import dev.journeyconnector.pull.PullPage;
import dev.journeyconnector.pull.PullProgress;
import dev.journeyconnector.store.RawRecord;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One poll reads everything new since the cursor and sends it down the route page by page, each page a
 * {@link PullPage} carrying the cursor that is valid once it is stored. A page the route fails to store, or a call
 * Mailchimp refuses, ends the poll: the cursor stays where the stored records end.
 *
 * <p>Each poll is bounded above by Mailchimp's own clock: the HTTP Date of the poll's first answer. A complete poll
 * leaves that time in the cursor and the next one asks from it less {@code overlap}, so a poll after which nothing
 * changed fetches nothing, and a change made while or just before the previous poll ran is still read (the same
 * scheme as the Salesforce pull's syncedUpTo). Starting from the newest record's own time instead would read that
 * record again on every poll.
 *
 * <p>Members and email activity come back in an order that is not the cursor's (members newest first, activity by
 * recipient), so their cursor moves per list or per campaign, on its last page; a poll broken inside one re-reads
 * it, and the store ignores what it already has. Campaigns come oldest first, so their cursor moves every page.
 * Unsubscribes of a campaign only grow, so their cursor is how many are stored. Lists have no change filter: see
 * {@link #pullLists}.
 */
final class MailchimpPullConsumer extends PullConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(MailchimpPullConsumer.class);
    static final String SOURCE = "mailchimp";

    private final JourneyMailchimpEndpoint endpoint;
    private final MailchimpObject object;
    private ExecutorService campaignReaders;

    MailchimpPullConsumer(JourneyMailchimpEndpoint endpoint, Processor processor) {
        super(endpoint, processor, SOURCE, "Mailchimp", endpoint.getObject().uriName(), endpoint.getComponent().progress());
        this.endpoint = endpoint;
        this.object = endpoint.getObject();
    }

    @Override
    protected void doStart() throws Exception {
        if (object.perCampaign()) {
            AtomicInteger n = new AtomicInteger();
            campaignReaders = Executors.newFixedThreadPool(endpoint.getMaxConnections(), r -> {
                Thread t = new Thread(r, "mailchimp-" + object.uriName() + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (campaignReaders != null) {
            campaignReaders.shutdownNow();
            campaignReaders = null;
        }
    }

    @Override
    protected int pullChanges() throws Exception {
        return pull(new Pages());
    }

    private int pull(Pages out) throws Exception {
        Map<String, Object> stored = endpoint.getComponent().cursors().cursor(SOURCE, object.uriName()).orElse(null);
        switch (object) {
            case LISTS -> pullLists(out, MailchimpCursor.read(MailchimpCursor.LISTS, stored));
            case MEMBERS -> pullMembers(out, MailchimpCursor.read(MailchimpCursor.LISTS, stored));
            case CAMPAIGNS -> pullCampaigns(out, MailchimpCursor.read(MailchimpCursor.SEND_TIME, stored));
            case EMAIL_ACTIVITY, UNSUBSCRIBES -> pullPerCampaign(out, MailchimpCursor.read(MailchimpCursor.CAMPAIGNS, stored));
        }
        return out.fetched;
    }

    /**
     * GET /lists filters only on creation and last campaign (since_date_created, since_campaign_last_sent:
     * https://mailchimp.com/developer/marketing/api/lists/get-lists-info/), which miss a list whose audience changed.
     * Lists are few (1,000 a call), so every poll reads them all, one call, and passes on only the lists whose
     * version time (their newest dated fact, see {@link MailchimpRecords#list}) moved since the cursor: those alone
     * count as fetched, and a poll after which nothing changed passes on none.
     */
    private void pullLists(Pages out, MailchimpCursor cursor) throws Exception {
        for (MailchimpPage page : client().lists(endpoint.getPageSize())) {
            List<RawRecord> changed = new ArrayList<>();
            for (RawRecord list : MailchimpRecords.convert(object, page.records())) {
                if (!list.versionTime().equals(cursor.time(list.recordId()))) {
                    changed.add(list);
                    cursor = cursor.with(list.recordId(), MailchimpTime.format(list.versionTime()));
                }
            }
            out.send(changed, cursor.toMap(), page.last());
        }
    }

    private void pullMembers(Pages out, MailchimpCursor cursor) throws Exception {
        Listing lists = listing(client().lists(endpoint.getPageSize()));
        if (lists.ids().isEmpty()) {
            out.send(List.of(), cursor.toMap(), true);
            return;
        }
        Instant upTo = lists.serverTime();
        for (int i = 0; i < lists.ids().size(); i++) {
            String listId = lists.ids().get(i);
            Instant since = cursor.since(listId, endpoint.startInstant(), endpoint.overlapDuration());
            for (MailchimpPage page : client().members(listId, since, endpoint.getPageSize())) {
                List<RawRecord> records = MailchimpRecords.convert(object, page.records());
                MailchimpCursor after = page.last() ? cursor.with(listId, MailchimpTime.format(upTo)) : cursor;
                out.send(records, after.toMap(), page.last() && i == lists.ids().size() - 1);
                cursor = after;
            }
        }
    }

    private void pullCampaigns(Pages out, MailchimpCursor cursor) throws Exception {
        Instant since = cursor.since(MailchimpCursor.SEND_TIME, endpoint.startInstant(), endpoint.overlapDuration());
        Instant upTo = null;
        for (MailchimpPage page : client().sentCampaigns(since, endpoint.getPageSize())) {
            upTo = upTo == null ? page.serverTime() : upTo;
            List<RawRecord> records = MailchimpRecords.convert(object, page.records());
            // Oldest send first: inside a poll, everything up to the last stored send time is stored.
            cursor = page.last() ? cursor.with(MailchimpCursor.SEND_TIME, MailchimpTime.format(upTo))
                    : cursor.withLatest(MailchimpCursor.SEND_TIME, MailchimpRecords.latest(records));
            out.send(records, cursor.toMap(), page.last());
        }
    }

    /**
     * Activity and unsubscribes are read per sent campaign, up to maxConnections campaigns at once, and sent in
     * campaign order; at most maxConnections campaigns' pages wait in memory.
     */
    private void pullPerCampaign(Pages out, MailchimpCursor cursor) throws Exception {
        Listing campaigns = listing(client().sentCampaigns(endpoint.startInstant(), endpoint.getPageSize()));
        List<String> campaignIds = campaigns.ids();
        Instant upTo = campaigns.serverTime();
        if (campaignIds.isEmpty()) {
            out.send(List.of(), cursor.toMap(), true);
            return;
        }
        MailchimpCursor start = cursor;
        Deque<Future<CampaignRead>> reading = new ArrayDeque<>();
        int next = 0;
        try {
            for (int i = 0; i < campaignIds.size(); i++) {
                while (next < campaignIds.size() && reading.size() < endpoint.getMaxConnections()) {
                    String campaignId = campaignIds.get(next++);
                    reading.add(campaignReaders.submit(() -> read(campaignId, start, upTo)));
                }
                CampaignRead read = await(reading.poll());
                for (int p = 0; p < read.pages().size(); p++) {
                    cursor = read.cursorAfter().get(p).apply(cursor);
                    out.send(read.pages().get(p), cursor.toMap(),
                            i == campaignIds.size() - 1 && p == read.pages().size() - 1);
                }
            }
        } finally {
            reading.forEach(f -> f.cancel(true));
        }
    }

    /** All pages of one campaign's activity or unsubscribes, with how each moves the cursor. */
    private CampaignRead read(String campaignId, MailchimpCursor cursor, Instant upTo) {
        List<List<RawRecord>> pages = new ArrayList<>();
        List<UnaryOperator<MailchimpCursor>> moves = new ArrayList<>();
        if (object == MailchimpObject.EMAIL_ACTIVITY) {
            Instant since = cursor.since(campaignId, null, endpoint.overlapDuration());
            for (MailchimpPage page : client().emailActivity(campaignId, since, endpoint.getPageSize())) {
                pages.add(MailchimpRecords.convert(object, page.records()));
                moves.add(page.last() ? c -> c.with(campaignId, MailchimpTime.format(upTo)) : c -> c);
            }
        } else {
            int seen = cursor.count(campaignId);
            MailchimpPages unsubscribes = client().unsubscribes(campaignId, seen, endpoint.getPageSize());
            for (MailchimpPage page : unsubscribes) {
                if (page.offset() == seen && seen > 0 && page.totalItems() >= 0 && page.totalItems() < seen) {
                    // Fewer than we stored: some were removed, so offsets moved. Read the campaign again from the start.
                    LOG.info("Mailchimp campaign {} now has {} unsubscribes, {} were stored; reading them all again",
                            campaignId, page.totalItems(), seen);
                    return readAllUnsubscribes(campaignId);
                }
                addUnsubscribePage(campaignId, page, pages, moves);
            }
        }
        return new CampaignRead(pages, moves);
    }

    private CampaignRead readAllUnsubscribes(String campaignId) {
        List<List<RawRecord>> pages = new ArrayList<>();
        List<UnaryOperator<MailchimpCursor>> moves = new ArrayList<>();
        for (MailchimpPage page : client().unsubscribes(campaignId, 0, endpoint.getPageSize())) {
            addUnsubscribePage(campaignId, page, pages, moves);
        }
        return new CampaignRead(pages, moves);
    }

    private void addUnsubscribePage(String campaignId, MailchimpPage page, List<List<RawRecord>> pages,
                                    List<UnaryOperator<MailchimpCursor>> moves) {
        int upTo = page.offset() + page.records().size();
        pages.add(MailchimpRecords.convert(object, page.records()));
        moves.add(c -> c.with(campaignId, upTo));
    }

    private static CampaignRead await(Future<CampaignRead> read) throws Exception {
        try {
            return read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The ids in a small collection (lists, campaigns), and Mailchimp's clock when it answered the first page. */
    private record Listing(List<String> ids, Instant serverTime) {
    }

    private static Listing listing(MailchimpPages pages) {
        List<String> ids = new ArrayList<>();
        Instant first = null;
        for (MailchimpPage page : pages) {
            first = first == null ? page.serverTime() : first;
            page.records().stream().map(r -> r.get("id")).filter(Objects::nonNull).map(Object::toString).forEach(ids::add);
        }
        return new Listing(ids.stream().distinct().toList(), first);
    }

    private MailchimpClient client() {
        return endpoint.getComponent().client();
    }

    private PullProgress progress() {
        return endpoint.getComponent().progress();
    }

    private record CampaignRead(List<List<RawRecord>> pages, List<UnaryOperator<MailchimpCursor>> cursorAfter) {
    }

    /** Numbers the pages of one poll and sends each synchronously, so the cursor moves only once it is stored. */
    private final class Pages {
        private int pageNumber;
        private int fetched;

        void send(List<RawRecord> records, Map<String, Object> cursor, boolean last) throws Exception {
            pageNumber++;
            fetched += records.size();
            fetched(records.size());
            MailchimpPullConsumer.this.send(new PullPage(SOURCE, object.uriName(), records, cursor, pageNumber, last));
        }
    }
}
