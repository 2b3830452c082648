package kerbshell.cli;

import kerbshell.account.AccountChange;
import kerbshell.account.AccountService;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** account and group commands: the account fixes the checks call for, and the settings they look at. */
@Command(group = "Accounts")
class AccountCommands {
    private static final String DRY_RUN = "Print the exact LDAP change; write nothing.";

    private final SessionManager sessions;

    AccountCommands(SessionManager sessions) {
        this.sessions = sessions;
    }

    @Command(command = "account enable", description = "Enable a disabled account (clears ACCOUNTDISABLE).")
    AccountChange enable(@Option(required = true, description = "The account.")
                         @OptionValues(provider = HostNameCompletion.NAME) String account,
                         @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().enable(account, dryRun);
    }

    @Command(command = "account delegable", description = "Clear 'account is sensitive and cannot be delegated' "
            + "(NOT_DELEGATED) on an account.")
    AccountChange delegable(@Option(required = true, description = "The account.") String account,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().makeDelegable(account, dryRun);
    }

    @Command(command = "account disable", description = "Disable an account (sets ACCOUNTDISABLE).")
    AccountChange disable(@Option(required = true, description = "The account.")
                          @OptionValues(provider = HostNameCompletion.NAME) String account,
                          @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().disable(account, dryRun);
    }

    @Command(command = "account sensitive", description = "Mark an account 'sensitive and cannot be delegated' "
            + "(NOT_DELEGATED), as privileged accounts should be.")
    AccountChange sensitive(@Option(required = true, description = "The account.") String account,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().makeSensitive(account, dryRun);
    }

    @Command(command = "account etypes", description = "Set an account's Kerberos encryption types "
            + "(msDS-SupportedEncryptionTypes), e.g. rc4,aes128,aes256.")
    AccountChange etypes(@Option(required = true, description = "The account.")
                         @OptionValues(provider = HostNameCompletion.NAME) String account,
                         @Option(required = true, description = "Types: rc4, aes128, aes256 (comma-separated) or a "
                                 + "number.") String types,
                         @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().setEncryptionTypes(account, types, dryRun);
    }

    @Command(command = "account dns-name", description = "Set a computer's dNSHostName, from which the DNS forms "
            + "of its SPNs are made (default: its name in the session's domain).")
    AccountChange dnsName(@Option(required = true, description = "The computer.")
                          @OptionValues(provider = HostNameCompletion.NAME) String account,
                          @Option(description = "The FQDN (default: NAME.<the session's domain>).") String name,
                          @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().setDnsHostName(account, name, dryRun);
    }

    @Command(command = "group add-member", description = "Put an account into a group.")
    AccountChange addMember(@Option(required = true, description = "The group.") String group,
                            @Option(required = true, description = "The member.") String member,
                            @Option(longNames = "dry-run", description = DRY_RUN) boolean dryRun) {
        return service().addToGroup(group, member, dryRun);
    }

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
