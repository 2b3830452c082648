package kerbshell;

import kerbshell.cli.ShellLauncher;

/**
 * kerbshell's entry point. The launcher script tells whether stdin and stdout are terminals (the JVM cannot see
 * that for each stream on its own); without it, the JVM's console stands in for both.
 */
public final class Kerbshell {
    private Kerbshell() {
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean(CdsTraining.PROPERTY)) {
            CdsTraining.preload();
        }
        boolean console = System.console() != null;
        boolean stdinTty = Boolean.parseBoolean(System.getProperty("kerbshell.stdin.tty", String.valueOf(console)));
        boolean stdoutTty = Boolean.parseBoolean(System.getProperty("kerbshell.stdout.tty", String.valueOf(console)));
        System.exit(ShellLauncher.run(args, System.getenv(), System.in, System.out, System.err, stdinTty, stdoutTty));
    }
}
