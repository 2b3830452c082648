package kerbshell.cli;

import kerbshell.account.AccountChange;
import kerbshell.account.AccountService;
import kerbshell.session.SessionManager;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** account enable, account delegable, group remove-member: the account fixes the checks call for. */
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
