package kerbshell.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The shell's in-process entry for tests in other packages: scripted, no terminal. */
public final class TestShell {
    private TestShell() {
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return ShellLauncher.run(args, env, in, out, err, false, false);
    }
}
