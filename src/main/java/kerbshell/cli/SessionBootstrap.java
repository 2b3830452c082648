package kerbshell.cli;

import kerbshell.config.ConnectionOptions;
import kerbshell.config.PasswordSource;
import kerbshell.config.ProfileStore;
import kerbshell.directory.BindIdentity;
import kerbshell.directory.ConnectionSettings;
import kerbshell.error.KerbshellException;
import kerbshell.session.SessionManager;

import java.nio.file.Path;

/**
 * Opens the session the launch options ask for before the first command: the named DC (directly or through a
 * profile), or else the built-in lab.
 */
final class SessionBootstrap {
    private final LaunchContext launch;
    private final SessionManager sessions;
    private final ErrorReporter errors;
    private final PasswordPrompt prompt;
    private final EarlySession early;

    SessionBootstrap(LaunchContext launch, SessionManager sessions, ErrorReporter errors, PasswordPrompt prompt,
                     EarlySession early) {
        this.launch = launch;
        this.sessions = sessions;
        this.errors = errors;
        this.prompt = prompt;
        this.early = early;
    }

    /** Returns false, after reporting why, when the session could not be opened. */
    boolean open() throws InterruptedException {
        try {
            LaunchOptions options = launch.options();
            if (early.started()) {
                EarlySession.Opened opened = early.take();
                if (opened.lab() != null) {
                    sessions.adoptLab(opened.lab(), opened.session());
                } else {
                    sessions.adopt(opened.session());
                }
            } else if (options.namesServer()) {
                ConnectionSettings settings = settings(options);
                sessions.connect(settings, passwords(options.passwordFile()).forAccount(settings.bindName()));
            } else {
                sessions.startLab(options.labLdapPort(), 0);
            }
            return true;
        } catch (KerbshellException e) {
            errors.report(e);
            return false;
        }
    }

    ConnectionSettings settings(LaunchOptions options) {
        return settings(launch, options);
    }

    /** The settings the options name, over their profile's, with the ticket cache KRB5CCNAME names. */
    static ConnectionSettings settings(LaunchContext launch, LaunchOptions options) {
        ConnectionOptions profile = options.profile() == null ? null
                : new ProfileStore(launch.files().configFile()).get(options.profile());
        ConnectionSettings settings = options.settings(profile);
        String ccache = launch.env().get("KRB5CCNAME");
        if (settings.ccache() == null && settings.keytab() == null && ccache != null
                && settings.auth() == kerbshell.directory.AuthMethod.GSSAPI && !launchHasPassword(launch, options)) {
            settings = settings.withCcache(Path.of(ccache.startsWith("FILE:") ? ccache.substring(5) : ccache));
        }
        try {
            return BindIdentity.settle(settings);
        } catch (KerbshellException e) {
            throw options.profile() == null ? e : KerbshellException.usage(e.getMessage() + " (profile '"
                    + options.profile() + "' in " + launch.files().configFile() + ")");
        }
    }

    private static boolean launchHasPassword(LaunchContext launch, LaunchOptions options) {
        return options.passwordFile() != null || launch.env().containsKey(PasswordSource.ENV_PASSWORD);
    }

    PasswordSource passwords(Path passwordFile) {
        return new PasswordSource(passwordFile, launch.env(), prompt.available() ? prompt::ask : null);
    }
}
