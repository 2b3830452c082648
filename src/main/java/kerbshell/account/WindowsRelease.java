package kerbshell.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Windows Server release a computer account's {@code operatingSystemVersion} names, read by number: "6.3
 * (9600)" is 2012 R2, "10.0 (20348)" is 2022. Text comparison got this wrong ("6.3" sorts after "10"), so the
 * version is parsed into numbers once, here. Windows Server 2016 and later share version 10.0 and differ only by
 * build. A version this table does not know is {@link #UNKNOWN}, which the rule book judges as 2016 or later (every
 * supported release is), saying so.
 */
public enum WindowsRelease {
    WS2008("Windows Server 2008", 6, 0, 0),
    WS2008_R2("Windows Server 2008 R2", 6, 1, 0),
    WS2012("Windows Server 2012", 6, 2, 0),
    WS2012_R2("Windows Server 2012 R2", 6, 3, 0),
    WS2016("Windows Server 2016", 10, 0, 14393),
    WS2019("Windows Server 2019", 10, 0, 17763),
    WS2022("Windows Server 2022", 10, 0, 20348),
    WS2025("Windows Server 2025", 10, 0, 26100),
    UNKNOWN("unknown", 0, 0, 0);

    private static final Pattern VERSION = Pattern.compile("\\s*(\\d+)\\.(\\d+)(?:\\s*\\((\\d+)\\))?.*");

    private final String title;
    private final int major;
    private final int minor;
    private final int build;

    WindowsRelease(String title, int major, int minor, int build) {
        this.title = title;
        this.major = major;
        this.minor = minor;
        this.build = build;
    }

    /** "Windows Server 2012 R2", or "unknown". */
    public String title() {
        return title;
    }

    /** The release an operatingSystemVersion value ("6.3 (9600)", "10.0 (20348)") names; UNKNOWN otherwise. */
    public static WindowsRelease of(String operatingSystemVersion) {
        if (operatingSystemVersion == null) {
            return UNKNOWN;
        }
        Matcher m = VERSION.matcher(operatingSystemVersion);
        if (!m.matches()) {
            return UNKNOWN;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int build = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        for (WindowsRelease release : values()) {
            if (release == UNKNOWN || release.major != major || release.minor != minor) {
                continue;
            }
            // 6.x names its release by minor version alone; 10.0 needs the build (client Windows shares 10.0).
            if (major == 6 || release.build == build) {
                return release;
            }
        }
        return UNKNOWN;
    }

    public boolean known() {
        return this != UNKNOWN;
    }

    /**
     * Whether moves started remotely need protocol transition: Windows Server 2016 and later, where Hyper-V's
     * remote management goes through WinRM (S35, S42). An unknown release counts as one of them.
     */
    public boolean needsProtocolTransitionForRemoteMoves() {
        return this == UNKNOWN || major >= 10;
    }

    /** Windows Server 2025: Credential Guard is on by default and blocks unconstrained delegation (S39). */
    public boolean credentialGuardByDefault() {
        return this == WS2025;
    }
}
