package kerbshell.lab;

import java.time.Instant;

/** AD's large-integer times (pwdLastSet and friends): 100-nanosecond intervals since 1601-01-01 UTC. */
final class WindowsTime {
    private static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;

    private WindowsTime() {
    }

    static long now() {
        return of(Instant.now());
    }

    static long of(Instant instant) {
        return (instant.getEpochSecond() + EPOCH_OFFSET_SECONDS) * 10_000_000L + instant.getNano() / 100;
    }
}
