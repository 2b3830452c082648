package kerbshell.config;

import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a password comes from, in this order: {@code --password-file F}, the {@code KERBSHELL_PASSWORD}
 * variable, a masked prompt on a terminal. A password is never taken from the command line, so it never shows
 * in process listings or shell history.
 */
public final class PasswordSource {
    public static final String ENV_PASSWORD = "KERBSHELL_PASSWORD";

    private final Path passwordFile;
    private final Map<String, String> env;
    private final Function<String, char[]> prompt;

    /**
     * @param prompt asks the user for the password of the named account, masked; null when there is no terminal
     */
    public PasswordSource(Path passwordFile, Map<String, String> env, Function<String, char[]> prompt) {
        this.passwordFile = passwordFile;
        this.env = env;
        this.prompt = prompt;
    }

    /** A supplier that fetches the password for {@code account} only when called. */
    public Supplier<char[]> forAccount(String account) {
        return () -> read(account);
    }

    /** Whether a password comes from the file or the environment, so that nobody has to be asked. */
    public boolean answersWithoutAsking() {
        return passwordFile != null || !env.getOrDefault(ENV_PASSWORD, "").isEmpty();
    }

    private char[] read(String account) {
        if (passwordFile != null) {
            return fromFile(passwordFile);
        }
        String fromEnv = env.get(ENV_PASSWORD);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        if (prompt != null) {
            return prompt.apply(account);
        }
        throw KerbshellException.usage("a password is needed for " + account + " and there is no terminal to ask "
                + "on: set " + ENV_PASSWORD + ", give --password-file FILE (not world-readable), or use Kerberos "
                + "with --auth gssapi and --keytab FILE or --ccache FILE");
    }

    static char[] fromFile(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw KerbshellException.usage("the password file " + file + " is readable by every user: "
                        + "run 'chmod 600 " + file + "' and try again");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.strip().toCharArray();
        } catch (UnsupportedOperationException e) {
            throw KerbshellException.usage("cannot check who may read " + file + " on this file system: keep the "
                    + "password file on a POSIX file system");
        } catch (IOException e) {
            throw KerbshellException.usage("cannot read the password file " + file + ": " + e.getMessage());
        }
    }
}
