package kerbshell.training;

/** Seconds as a trainee reads them: "4 min 05 s". */
final class Durations {
    private Durations() {
    }

    static String of(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + String.format("%02d", seconds % 60) + " s";
        }
        return seconds / 3600 + " h " + String.format("%02d", seconds % 3600 / 60) + " min";
    }
}
