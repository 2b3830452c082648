package kerbshell.hostcontrol;

import java.nio.file.Path;

/**
 * How to log on over SSH.
 *
 * @param user              the account on the Windows host, e.g. admin@corp.example or CORP\admin
 * @param identity          a private key file; null for the SSH agent (SSH_AUTH_SOCK) or else ~/.ssh/id_ed25519,
 *                          id_ecdsa, id_rsa
 * @param knownHosts        the known_hosts file; null for ~/.ssh/known_hosts
 * @param acceptNewHostKey  trust and record the host key of a host known_hosts has no key for (never a changed key)
 */
public record SshOptions(String user, Path identity, Path knownHosts, boolean acceptNewHostKey) {
}
