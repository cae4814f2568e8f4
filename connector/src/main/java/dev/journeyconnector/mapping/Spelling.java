package dev.journeyconnector.mapping;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Suggestions for misspelt names in mapping files: "unknown field 'Orgin' (did you mean 'Origin'?)". */
public final class Spelling {

    private Spelling() {
    }

    /**
     * The known name closest to what was written: the same letters in another case, else the nearest by edit
     * distance when it is small for the name's length (two edits, one for names of four letters or fewer), else
     * the shortest name it begins (a name cut short), so a suggestion is a likely slip and not just some other
     * name.
     */
    public static Optional<String> closest(String written, Collection<String> known) {
        Optional<String> sameLetters = known.stream().filter(k -> k.equalsIgnoreCase(written)).findFirst();
        if (sameLetters.isPresent()) {
            return sameLetters;
        }
        int allowed = written.length() <= 4 ? 1 : 2;
        String lower = written.toLowerCase(Locale.ROOT);
        Optional<String> typo = known.stream()
                .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.<String>comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
        if (typo.isPresent() || written.length() < 4) {
            return typo;
        }
        // A name cut short: created for created_at, Account for AccountId.
        return known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(lower))
                .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit (Orgin/Origin, recieved/received). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
