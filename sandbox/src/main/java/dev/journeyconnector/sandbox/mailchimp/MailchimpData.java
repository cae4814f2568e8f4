package dev.journeyconnector.sandbox.mailchimp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The simulated account's data: lists, members, campaigns and what recipients did. Thread-safe (every
 * method locks this object). Tests change it through the methods here; each change is persisted by the
 * simulator. What the API computes (recipients, report summaries, member and list stats) is derived from
 * the records and cached until the next change.
 */
public final class MailchimpData {
    private final Map<String, Audience> lists = new LinkedHashMap<>();
    private final Map<String, LinkedHashMap<String, Member>> members = new LinkedHashMap<>();
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final List<EmailActivity> activity = new ArrayList<>();
    private final List<Unsubscribe> unsubscribes = new ArrayList<>();
    private final List<AbuseReport> abuseReports = new ArrayList<>();
    private Runnable onChange = () -> { };
    private Derived derived;

    MailchimpData(MailchimpWorld world) {
        replaceWith(world);
    }

    synchronized void replaceWith(MailchimpWorld world) {
        lists.clear();
        members.clear();
        campaigns.clear();
        activity.clear();
        unsubscribes.clear();
        abuseReports.clear();
        world.lists().forEach(l -> {
            lists.put(l.id(), l);
            members.put(l.id(), new LinkedHashMap<>());
        });
        world.members().forEach(m -> members.computeIfAbsent(m.listId(), k -> new LinkedHashMap<>()).put(m.key(), m));
        world.campaigns().forEach(c -> campaigns.put(c.id(), c));
        activity.addAll(world.activity());
        unsubscribes.addAll(world.unsubscribes());
        abuseReports.addAll(world.abuseReports());
        derived = null;
    }

    synchronized void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /**
     * Whether a campaign went to this member: a member of the campaign's list who had opted in by the send
     * time and had not left it by then (still subscribed, or unsubscribed or cleaned after the send).
     */
    static boolean receivedCampaign(Member m, Campaign c) {
        if (!c.isSent() || !m.listId().equals(c.listId()) || m.timestampOpt() == null || m.timestampOpt().isAfter(c.sendTime())) {
            return false;
        }
        return switch (m.status()) {
            case "subscribed" -> true;
            case "unsubscribed", "cleaned" -> m.lastChanged().isAfter(c.sendTime());
            default -> false;
        };
    }

    // ------------------------------------------------------------------ reading

    /** The records as a world (for persistence and dumps). */
    public synchronized MailchimpWorld snapshot(String source, ApiAccount account) {
        List<Member> all = new ArrayList<>();
        members.values().forEach(m -> all.addAll(m.values()));
        return new MailchimpWorld(source, account, new ArrayList<>(lists.values()), all, new ArrayList<>(campaigns.values()),
                activity, unsubscribes, abuseReports);
    }

    public synchronized List<Audience> lists() {
        return List.copyOf(lists.values());
    }

    public synchronized Optional<Audience> list(String listId) {
        return Optional.ofNullable(lists.get(listId));
    }

    /** A list's members in a stable order (the order they were added). */
    public synchronized List<Member> members(String listId) {
        Map<String, Member> m = members.get(listId);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    public synchronized Optional<Member> member(String listId, String email) {
        Map<String, Member> m = members.get(listId);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(Member.key(email)));
    }

    /** A member by its id, the MD5 of the lower-cased address. */
    public synchronized Optional<Member> memberById(String listId, String memberId) {
        return members(listId).stream().filter(m -> MailchimpResponses.md5(m.key()).equals(memberId)).findFirst();
    }

    public synchronized int memberCount() {
        return members.values().stream().mapToInt(Map::size).sum();
    }

    public synchronized List<Campaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    public synchronized Optional<Campaign> campaign(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    /** Who the campaign was sent to, in member order. */
    public synchronized List<Member> recipients(String campaignId) {
        return derived().recipients.getOrDefault(campaignId, List.of());
    }

    /** The campaign's activity, in the order it was recorded. */
    public synchronized List<EmailActivity> activity(String campaignId) {
        return activity.stream().filter(a -> a.campaignId().equals(campaignId)).toList();
    }

    public synchronized List<EmailActivity> activity() {
        return List.copyOf(activity);
    }

    public synchronized List<Unsubscribe> unsubscribes(String campaignId) {
        return unsubscribes.stream().filter(u -> u.campaignId().equals(campaignId)).toList();
    }

    public synchronized List<AbuseReport> abuseReports(String listId) {
        return abuseReports.stream().filter(a -> {
            Campaign c = campaigns.get(a.campaignId());
            return c != null && c.listId().equals(listId);
        }).toList();
    }

    /** What the campaign report summarises. Rates are over delivered emails (sent minus bounced). */
    public record ReportSummary(int emailsSent, int opens, int uniqueOpens, int clicks, int subscriberClicks,
                                int bounces, double openRate, double clickRate) {
    }

    public synchronized ReportSummary report(String campaignId) {
        return derived().reports.getOrDefault(campaignId, new ReportSummary(0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** A member's avg_open_rate and avg_click_rate: the share of campaigns received that they opened / clicked. */
    public synchronized double[] memberRates(Member m) {
        Derived d = derived();
        int received = 0;
        int opened = 0;
        int clicked = 0;
        for (Campaign c : campaigns.values()) {
            if (receivedCampaign(m, c)) {
                received++;
                if (d.openers.getOrDefault(c.id(), Set.of()).contains(m.key())) {
                    opened++;
                }
                if (d.clickers.getOrDefault(c.id(), Set.of()).contains(m.key())) {
                    clicked++;
                }
            }
        }
        return received == 0 ? new double[] {0, 0} : new double[] {round((double) opened / received), round((double) clicked / received)};
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private Derived derived() {
        if (derived == null) {
            derived = new Derived();
        }
        return derived;
    }

    /** Everything computed from the records; rebuilt after a change. */
    private final class Derived {
        final Map<String, List<Member>> recipients = new HashMap<>();
        final Map<String, Set<String>> openers = new HashMap<>();
        final Map<String, Set<String>> clickers = new HashMap<>();
        final Map<String, ReportSummary> reports = new HashMap<>();

        Derived() {
            for (Campaign c : campaigns.values()) {
                List<Member> to = new ArrayList<>();
                for (Member m : members.getOrDefault(c.listId(), new LinkedHashMap<>()).values()) {
                    if (receivedCampaign(m, c)) {
                        to.add(m);
                    }
                }
                recipients.put(c.id(), List.copyOf(to));
            }
            Map<String, int[]> counts = new HashMap<>();
            Map<String, Set<String>> bounced = new HashMap<>();
            for (EmailActivity a : activity) {
                int[] n = counts.computeIfAbsent(a.campaignId(), k -> new int[2]);
                String key = Member.key(a.emailAddress());
                switch (a.action()) {
                    case "open" -> {
                        n[0]++;
                        openers.computeIfAbsent(a.campaignId(), k -> new HashSet<>()).add(key);
                    }
                    case "click" -> {
                        n[1]++;
                        clickers.computeIfAbsent(a.campaignId(), k -> new HashSet<>()).add(key);
                    }
                    default -> bounced.computeIfAbsent(a.campaignId(), k -> new HashSet<>()).add(key);
                }
            }
            for (Campaign c : campaigns.values()) {
                int sent = recipients.get(c.id()).size();
                int[] n = counts.getOrDefault(c.id(), new int[2]);
                int unique = openers.getOrDefault(c.id(), Set.of()).size();
                int clickersN = clickers.getOrDefault(c.id(), Set.of()).size();
                int bounces = bounced.getOrDefault(c.id(), Set.of()).size();
                int delivered = Math.max(0, sent - bounces);
                reports.put(c.id(), new ReportSummary(sent, n[0], unique, n[1], clickersN, bounces,
                        delivered == 0 ? 0 : (double) unique / delivered, delivered == 0 ? 0 : (double) clickersN / delivered));
            }
        }
    }

    // ------------------------------------------------------------------ changing

    private void changed() {
        derived = null;
        onChange.run();
    }

    /** Adds a member, or replaces the list's member with the same address (any case), keeping its position. */
    public synchronized Member putMember(Member m) {
        if (!lists.containsKey(m.listId())) {
            throw new IllegalArgumentException("no list " + m.listId());
        }
        members.get(m.listId()).put(m.key(), m);
        changed();
        return m;
    }

    /** Changes one member; set its {@code last_changed} in the function (e.g. {@link Member#withStatus}). */
    public synchronized Member updateMember(String listId, String email, UnaryOperator<Member> change) {
        Member current = member(listId, email).orElseThrow(() -> new IllegalArgumentException(
                "no member " + email + " in list " + listId));
        Member updated = change.apply(current);
        members.get(listId).put(current.key(), updated);
        changed();
        return updated;
    }

    public synchronized void addCampaign(Campaign c) {
        if (!lists.containsKey(c.listId())) {
            throw new IllegalArgumentException("no list " + c.listId());
        }
        campaigns.put(c.id(), c);
        changed();
    }

    /** Records an open, click or bounce; the address must have received the campaign. */
    public synchronized void addActivity(EmailActivity a) {
        addActivities(List.of(a));
    }

    public synchronized void addActivities(List<EmailActivity> rows) {
        for (EmailActivity a : rows) {
            Campaign c = campaigns.get(a.campaignId());
            if (c == null) {
                throw new IllegalArgumentException("no campaign " + a.campaignId());
            }
            Member m = member(c.listId(), a.emailAddress()).orElseThrow(() -> new IllegalArgumentException(
                    a.emailAddress() + " is not a member of list " + c.listId()));
            if (!receivedCampaign(m, c)) {
                throw new IllegalArgumentException(a.emailAddress() + " did not receive campaign " + c.id());
            }
        }
        activity.addAll(rows);
        changed();
    }

    /** The member unsubscribes through a campaign: status, last_changed and unsubscribe_reason change, and the
     * campaign's unsubscribe report gets a row. */
    public synchronized void unsubscribe(String campaignId, String email, Instant at, String reason) {
        Campaign c = campaign(campaignId).orElseThrow(() -> new IllegalArgumentException("no campaign " + campaignId));
        Member m = member(c.listId(), email).orElseThrow(() -> new IllegalArgumentException(
                email + " is not a member of list " + c.listId()));
        members.get(c.listId()).put(m.key(), m.withStatus("unsubscribed", at, reason));
        unsubscribes.add(new Unsubscribe(campaignId, m.emailAddress(), at, reason));
        changed();
    }

    /**
     * Adds {@code n} subscribed members {@code <prefix>00001@generated.example}... to a list, opted in one
     * minute apart from {@code from}; for large worlds (call-count tests).
     */
    public synchronized List<Member> generateMembers(String listId, String prefix, int n, Instant from) {
        if (!lists.containsKey(listId)) {
            throw new IllegalArgumentException("no list " + listId);
        }
        List<Member> made = new ArrayList<>(n);
        Map<String, Member> list = members.get(listId);
        for (int i = 1; i <= n; i++) {
            Instant at = from.plus(Duration.ofMinutes(i - 1));
            String email = String.format("%s%05d@generated.example", prefix, i);
            Member m = Member.subscribed(listId, email, "Member", String.format("%05d", i), at);
            list.put(m.key(), m);
            made.add(m);
        }
        changed();
        return made;
    }

    /**
     * Adds {@code n} opens to a sent campaign, spread over its recipients in order (several per recipient when
     * {@code n} exceeds them), one second apart from the send time.
     */
    public synchronized List<EmailActivity> generateActivity(String campaignId, int n) {
        Campaign c = campaign(campaignId).orElseThrow(() -> new IllegalArgumentException("no campaign " + campaignId));
        List<Member> to = recipients(campaignId);
        if (to.isEmpty() && n > 0) {
            throw new IllegalArgumentException("campaign " + campaignId + " has no recipients");
        }
        List<EmailActivity> made = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            made.add(EmailActivity.open(campaignId, to.get(i % to.size()).emailAddress(), c.sendTime().plusSeconds(i + 60L)));
        }
        activity.addAll(made);
        changed();
        return made;
    }
}
