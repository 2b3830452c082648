package kerbshell.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real shell in-process on captured streams, as a script would run it (no terminal). */
public final class KerbshellRun {
    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";

    /** A run whose kerbshell directory and config file live under {@code home}, never the user's own. */
    public static KerbshellRun in(Path home) {
        KerbshellRun run = new KerbshellRun();
        run.env.put("KERBSHELL_HOME", home.resolve("kerbshell-home").toString());
        run.env.put("KERBSHELL_CONFIG", home.resolve("config/config.yaml").toString());
        return run;
    }

    public KerbshellRun env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public KerbshellRun stdin(String text) {
        stdin = text;
        return this;
    }

    public Result args(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ShellLauncher.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
