package kerbshell.cli;

import kerbshell.account.AccountChange;
import kerbshell.account.AccountService;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** account and group commands: the account fixes the checks call for, and the settings they look at. */
@Command(group = "Accounts")
public class AccountCommands {
    private static final String DRY_RUN = "Print the exact LDAP change; write nothing.";

    private final SessionManager sessions;

    AccountCommands(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Example(value = "account enable HV02 --dry-run",
            says = "Shows the change that would clear ACCOUNTDISABLE on HV02; writes nothing.")
    @Example(value = "account enable HV02",
            says = "Enables HV02, taking the disable back.", after = "account disable HV02")
    @Command(command = "account enable", description = "Enable a disabled account (clears ACCOUNTDISABLE).")
    AccountChange enable(@Option(required = true, description = "The account.")
                         @OptionValues(provider = HostNameCompletion.NAME) String account,
                         @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().enable(account, dryRun);
    }

    @Example(value = "account delegable alice",
            says = "Clears 'sensitive and cannot be delegated' on alice.", after = "account sensitive alice")
    @Command(command = "account delegable", description = "Clear 'account is sensitive and cannot be delegated' "
            + "(NOT_DELEGATED) on an account.")
    AccountChange delegable(@Option(required = true, description = "The account.") String account,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().makeDelegable(account, dryRun);
    }

    @Example(value = "account disable HV02 --dry-run",
            says = "Shows the change that would disable HV02; writes nothing.")
    @Command(command = "account disable", description = "Disable an account (sets ACCOUNTDISABLE).")
    AccountChange disable(@Option(required = true, description = "The account.")
                          @OptionValues(provider = HostNameCompletion.NAME) String account,
                          @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().disable(account, dryRun);
    }

    @Example(value = "account sensitive Administrator",
            says = "Marks Administrator sensitive, so no host can act as it by delegation.")
    @Example(value = "account sensitive alice --dry-run", says = "Shows the change for alice; writes nothing.")
    @Command(command = "account sensitive", description = "Mark an account 'sensitive and cannot be delegated' "
            + "(NOT_DELEGATED), as privileged accounts should be.")
    AccountChange sensitive(@Option(required = true, description = "The account.") String account,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().makeSensitive(account, dryRun);
    }

    @Example(value = "account etypes HV01 aes128,aes256",
            says = "Lets HV01's tickets use AES only (msDS-SupportedEncryptionTypes 24).")
    @Example(value = "account etypes HV01 28 --dry-run", says = "Shows the change to RC4 and AES (28); writes nothing.")
    @Command(command = "account etypes", description = "Set an account's Kerberos encryption types "
            + "(msDS-SupportedEncryptionTypes), e.g. rc4,aes128,aes256.")
    AccountChange etypes(@Option(required = true, description = "The account.")
                         @OptionValues(provider = HostNameCompletion.NAME) String account,
                         @Option(required = true, description = "Types: rc4, aes128, aes256 (comma-separated) or a "
                                 + "number.") String types,
                         @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().setEncryptionTypes(account, types, dryRun);
    }

    @Example(value = "account dns-name HV01 --dry-run",
            says = "Shows the change that would set HV01's dNSHostName to hv01 in the session's domain; writes nothing.")
    @Example(value = "account dns-name HV02 hv02.lab.test", says = "Sets HV02's dNSHostName to hv02.lab.test.")
    @Command(command = "account dns-name", description = "Set a computer's dNSHostName, from which the DNS forms "
            + "of its SPNs are made (default: its name in the session's domain).")
    AccountChange dnsName(@Option(required = true, description = "The computer.")
                          @OptionValues(provider = HostNameCompletion.NAME) String account,
                          @Option(description = "The FQDN (default: NAME.<the session's domain>).") String name,
                          @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().setDnsHostName(account, name, dryRun);
    }

    @Example(value = "group add-member \"Protected Users\" alice --dry-run",
            says = "Shows the change that would put alice into Protected Users; writes nothing.")
    @Command(command = "group add-member", description = "Put an account into a group.")
    AccountChange addMember(@Option(required = true, description = "The group.") String group,
                            @Option(required = true, description = "The member.") String member,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().addToGroup(group, member, dryRun);
    }

    @Example(value = "group remove-member \"Protected Users\" alice",
            says = "Takes alice out of Protected Users, whose members cannot be delegated.",
            after = "group add-member \"Protected Users\" alice")
    @Command(command = "group remove-member", description = "Take an account out of a group, e.g. Protected Users.")
    AccountChange removeMember(@Option(required = true, description = "The group.") String group,
                               @Option(required = true, description = "The member.") String member,
                               @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().removeFromGroup(group, member, dryRun);
    }

    private AccountService service() {
        return new AccountService(sessions.current());
    }
}
