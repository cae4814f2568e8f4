package dev.journeyconnector.mailchimp.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * A paged Mailchimp collection, read lazily: each {@link Iterator#next()} makes one call, so a caller can store
 * a page before the next one is asked for. Iterating again starts again.
 *
 * <p>Paging follows https://mailchimp.com/developer/marketing/docs/methods-parameters/#pagination: {@code count}
 * items from {@code offset}; every answer says {@code total_items}. The next offset is the previous plus what
 * came back, and reading stops as soon as that reaches total_items, so N items at count C take exactly
 * max(1, ceil(N / C)) calls, never a trailing empty one. An empty page also stops (the collection shrank while
 * being read).
 */
public final class MailchimpPages implements Iterable<MailchimpPage> {
    private final int startOffset;
    private final IntFunction<MailchimpPage> fetch;

    /** @param fetch reads the page at an offset; its {@code last} is recomputed here */
    public MailchimpPages(int startOffset, IntFunction<MailchimpPage> fetch) {
        this.startOffset = startOffset;
        this.fetch = fetch;
    }

    @Override
    public Iterator<MailchimpPage> iterator() {
        return new Iterator<>() {
            private int offset = startOffset;
            private boolean done;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public MailchimpPage next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                MailchimpPage page = fetch.apply(offset);
                offset += page.records().size();
                done = page.records().isEmpty() || (page.totalItems() >= 0 ? offset >= page.totalItems() : page.last());
                return new MailchimpPage(page.endpoint(), page.records(), page.offset(), page.totalItems(), done,
                        page.serverTime());
            }
        };
    }

    /** Every record of every page, read now. For small collections (lists, campaigns). */
    public List<Map<String, Object>> readAll() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (MailchimpPage page : this) {
            all.addAll(page.records());
        }
        return all;
    }
}
