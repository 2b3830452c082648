package kerbshell.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The KDC's own judgement, through MIT's tools: the operator logs on from its keytab ({@code kinit -k}) and asks
 * for a service ticket ({@code kvno SPN}); with a host's keytab ({@code kvno -k KEYTAB SPN}) the ticket must also
 * decrypt with that host's key, which proves which account the KDC encrypted it for.
 */
public final class Kvno {
    private Kvno() {
    }

    /** What kvno said, and whether it succeeded. */
    public record Answer(boolean ok, String output) {
    }

    /** {@code kvno [-k keytab] spn} as the operator; keytab may be null. */
    public static Answer ask(SambaTestBed bed, String spn, Path keytab) {
        try {
            Path cache = Files.createTempFile("kvno-", ".ccache");
            try {
                Answer logon = run(bed, cache, List.of("kinit", "-k", "-t", bed.operatorKeytab().toString(),
                        bed.operatorUser() + "@" + bed.realm()));
                if (!logon.ok()) {
                    throw new IllegalStateException("kinit as the operator failed: " + logon.output());
                }
                List<String> kvno = new ArrayList<>(List.of("kvno"));
                if (keytab != null) {
                    kvno.addAll(List.of("-k", keytab.toString()));
                }
                kvno.add(spn);
                return run(bed, cache, kvno);
            } finally {
                Files.deleteIfExists(cache);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kvno: " + e, e);
        }
    }

    private static Answer run(SambaTestBed bed, Path cache, List<String> command) throws IOException {
        Path out = Files.createTempFile("kvno-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.put("KRB5_CONFIG", bed.krb5Conf().toString());
            env.put("KRB5CCNAME", "FILE:" + cache);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
            }
            return new Answer(process.exitValue() == 0, Files.readString(out).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
