package kerbshell.cli;

import kerbshell.testbed.SambaTestBed;

import java.util.ArrayList;
import java.util.List;

/** Launch options that point kerbshell at the Samba test bed's DC, by its address, trusting the bed's CA. */
final class SambaLaunch {
    private final List<String> options = new ArrayList<>();

    private SambaLaunch(SambaTestBed bed, String user) {
        options.addAll(List.of("--server", bed.dcIp(), "--domain", bed.domain(), "--user", user,
                "--ca-file", bed.caFile().toString()));
    }

    static SambaLaunch as(SambaTestBed bed, String user) {
        return new SambaLaunch(bed, user);
    }

    /** More launch options, e.g. "--auth", "gssapi". */
    SambaLaunch with(String... more) {
        options.addAll(List.of(more));
        return this;
    }

    /** The whole command line: the launch options, then the command. */
    String[] then(String... command) {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }
}
