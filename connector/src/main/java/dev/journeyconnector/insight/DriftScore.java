package dev.journeyconnector.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * One number for "how far has reality moved from the journey model", with its arithmetic kept so an ops
 * admin can see why: the weighted sum of four shares, each between 0 and 1.
 *
 * <pre>
 * score = 0.30 × unmapped records        / source records of mapped objects
 *       + 0.30 × unexpected touchpoints  / touchpoints
 *       + 0.20 × expected types unseen   / expected types (persona × type, churn-only types left out)
 *       + 0.20 × customers out of order  / customers who reached two or more ordered stages
 * </pre>
 *
 * The first two weigh more because they are direct evidence that the mappings no longer describe the data;
 * the last two can also be seasons or behaviour. A share with nothing to count (no touchpoints yet) is 0:
 * no evidence of drift. The score is rounded to three decimals, and the alert compares the rounded number, so
 * what the admin reads is what was compared.
 *
 * @param parts     the four parts, in the order above
 * @param score     the sum of the parts' contributions, rounded to three decimals
 * @param threshold the alert threshold
 * @param alert     true when the score is above the threshold (equal is not above)
 */
public record DriftScore(List<Component> parts, double score, double threshold, boolean alert) {

    /** What a part counts, and its weight. The weights sum to 1, so the score stays in [0, 1]. */
    public enum Part {
        UNMAPPED_RECORDS(0.30, "unmapped records", "source records"),
        UNEXPECTED_TOUCHPOINTS(0.30, "unexpected touchpoints", "touchpoints"),
        UNSEEN_TYPES(0.20, "expected types unseen", "expected types"),
        OUT_OF_ORDER_CUSTOMERS(0.20, "customers out of order", "customers with two or more ordered stages");

        private final double weight;
        private final String counted;
        private final String outOf;

        Part(double weight, String counted, String outOf) {
            this.weight = weight;
            this.counted = counted;
            this.outOf = outOf;
        }

        public double weight() {
            return weight;
        }

        /** What is counted, e.g. "unmapped records". */
        public String counted() {
            return counted;
        }

        /** What it is counted out of, e.g. "source records". */
        public String outOf() {
            return outOf;
        }
    }

    /**
     * One part of the score.
     *
     * @param part         which
     * @param count        how many drifted
     * @param outOf        out of how many
     * @param share        count / outOf, 0 when outOf is 0
     * @param weight       the part's weight
     * @param contribution weight × share
     */
    public record Component(Part part, int count, int outOf, double share, double weight, double contribution) {
        public Component {
            Objects.requireNonNull(part, "part");
        }

        public static Component of(Part part, int count, int outOf) {
            if (count < 0 || outOf < 0 || count > outOf) {
                throw new IllegalArgumentException(part + ": " + count + " out of " + outOf + " is not a share");
            }
            double share = outOf == 0 ? 0 : (double) count / outOf;
            return new Component(part, count, outOf, share, part.weight(), part.weight() * share);
        }
    }

    public DriftScore {
        parts = List.copyOf(parts);
    }

    /** The score of these counts; {@code components} in {@link Part} order, one each. */
    public static DriftScore of(List<Component> components, double threshold) {
        double sum = components.stream().mapToDouble(Component::contribution).sum();
        double score = BigDecimal.valueOf(sum).setScale(3, RoundingMode.HALF_UP).doubleValue();
        return new DriftScore(components, score, threshold, score > threshold);
    }
}
