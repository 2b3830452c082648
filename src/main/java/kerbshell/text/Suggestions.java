package kerbshell.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to what was typed, when it is close enough to be a slip (a letter
 * missing, doubled, swapped or wrong, {@code HV1} for {@code HV01}) rather than another name. Case is ignored.
 * Stateless and thread-safe.
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate within a distance that grows with the word's length, or empty. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String word = typed.toLowerCase(Locale.ROOT);
        int allowed = word.length() <= 3 ? 1 : word.length() <= 7 ? 2 : 3;
        return candidates.stream()
                .filter(c -> !c.equalsIgnoreCase(typed))
                .map(c -> new Scored(c, distance(word, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= allowed)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /** ": did you mean 'X'?", or nothing: ready to append to an error line. */
    public static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> ": did you mean '" + c + "'?").orElse("");
    }

    private record Scored(String candidate, int distance) {
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
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
