package kerbshell.cli;

import kerbshell.config.ConnectionOptions;
import kerbshell.config.ProfileStore;
import kerbshell.directory.DirectorySession;
import kerbshell.output.Json;
import kerbshell.output.Message;
import kerbshell.output.Renderable;
import kerbshell.output.TextOut;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

import java.util.Map;

/** profile save, list, show and delete: named connection settings in config.yaml. */
@Command(command = "profile", group = "Session")
public class ProfileCommands {
    private final SessionManager sessions;
    private final LaunchContext launch;

    ProfileCommands(SessionManager sessions, LaunchContext launch) {
        this.sessions = sessions;
        this.launch = launch;
    }

    @Example(value = "profile save corp",
            says = "Saves the current connection's settings (never its password) as profile corp.",
            notOnLab = "the lab needs no profile; this needs a session on a domain controller")
    @Command(command = "save", description = "Save the current connection's settings (never its password) as a "
            + "named profile.")
    Message save(@Option(required = true, description = "Name of the profile.") String name) {
        DirectorySession session = sessions.current();
        session.environment().requireDomainController("profile save");
        ProfileStore store = store();
        store.save(name, ConnectionOptions.profileOf(session.settings()));
        return new Message("saved profile '" + name + "' in " + store.file() + "; use it with --profile " + name);
    }

    @Example(value = "profile list", says = "Lists the saved connection profiles.")
    @Command(command = "list", description = "List the saved connection profiles.")
    Profiles list() {
        ProfileStore store = store();
        return new Profiles(store.file().toString(), store.all());
    }

    @Example(value = "profile show corp", says = "Shows the settings saved as profile corp.",
            notOnLab = "needs a saved profile")
    @Command(command = "show", description = "Show a saved profile's settings, as config.yaml holds them.")
    Shown show(@Option(required = true, description = "Name of the profile.")
               @OptionValues(provider = NameCompletion.PROFILES) String name) {
        ProfileStore store = store();
        return new Shown(name, store.file().toString(), store.get(name));
    }

    @Example(value = "profile delete corp", says = "Removes profile corp from config.yaml; the others stay.",
            notOnLab = "needs a saved profile")
    @Command(command = "delete", description = "Remove a saved profile from config.yaml.")
    Message delete(@Option(required = true, description = "Name of the profile.")
                   @OptionValues(provider = NameCompletion.PROFILES) String name) {
        ProfileStore store = store();
        store.delete(name);
        return new Message("deleted profile '" + name + "' from " + store.file());
    }

    private ProfileStore store() {
        return store(launch);
    }

    /** The profiles of config.yaml, the file --profile reads. */
    static ProfileStore store(LaunchContext launch) {
        return new ProfileStore(launch.files().configFile());
    }

    /** One profile: its name, its file, its settings. */
    record Shown(String name, String file, ConnectionOptions settings) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            out.line("profile " + name + " (" + file + ")");
            // The keys and values as config.yaml and the launch options spell them (tls: ldaps, ca-file: ...).
            Map<?, ?> fields = Json.mapper().convertValue(settings, Map.class);
            fields.forEach((key, value) -> out.line("  " + key + ": " + value));
        }
    }

    /** The saved profiles and the file they live in. */
    record Profiles(String file, Map<String, ConnectionOptions> profiles) implements Renderable {
        @Override
        public void renderText(TextOut out) {
            if (profiles.isEmpty()) {
                out.line("no profiles in " + file + ": connect, then 'profile save NAME'");
                return;
            }
            TextOut.Table table = out.table("PROFILE", "SERVER", "DOMAIN", "USER", "AUTH", "TLS");
            profiles.forEach((name, p) -> table.row(name, p.server() + (p.port() == null ? "" : ":" + p.port()),
                    p.domain(), p.user(), p.auth() == null ? "" : p.auth().word(),
                    p.tls() == null ? "" : p.tls().word()));
            table.print();
        }
    }
}
