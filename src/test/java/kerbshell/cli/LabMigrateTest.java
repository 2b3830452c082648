package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lab migrate beyond the scenarios: where the move starts, storage moves, resource-based delegation, an operator
 * the KDC refuses, and the text that says who decided. A host acts on the delegation it cached when its VMMS last
 * started (the lab started or was reset), so after a delegation change the source gets a 'vmms restart'.
 */
class LabMigrateTest {
    @TempDir
    Path home;

    @Test
    void kerberosOnlyWorksOnTheSourceAndFailsRemotely() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "delegate pair HV01 HV02 --kerberos-only",
                "vmms restart HV01",
                "lab migrate HV01 HV02 --as operator --on-source",
                "lab migrate HV01 HV02 --as operator"));
        JsonNode onSource = script.nth(TrainingScript.MIGRATION, 0);
        assertTrue(onSource.get("authenticated").asBoolean(), onSource::toString);
        assertEquals("on the source host", onSource.get("startedFrom").asText());
        assertFalse(onSource.toString().contains("for remote management"), "no WinRM hop: " + onSource);
        JsonNode remote = script.nth(TrainingScript.MIGRATION, 1);
        assertEquals("0x8009030E", remote.get("windows").get("code").asText(), remote::toString);
        JsonNode events = remote.get("windows").get("events");
        assertEquals(20306, events.get(0).get("id").asInt());
        assertEquals("The Virtual Machine Management Service failed to establish a connection for a Virtual Machine "
                + "migration with host 'hv02.lab.test': No credentials are available in the security package "
                + "(0x8009030E).", events.get(0).get("text").asText());
        assertEquals(21502, events.get(1).get("id").asInt());
        assertEquals("Virtual machine migration operation for 'VM1' failed at migration source 'HV01'.",
                events.get(1).get("text").asText());
    }

    @Test
    void aStorageMoveAlsoNeedsCifs() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "delegate pair HV01 HV02 --services migration",
                "vmms restart HV01",
                "lab migrate HV01 HV02 --as operator",
                "lab migrate HV01 HV02 --as operator --include-storage"));
        assertTrue(script.nth(TrainingScript.MIGRATION, 0).get("authenticated").asBoolean(), script.result()::toString);
        JsonNode storage = script.nth(TrainingScript.MIGRATION, 1);
        assertEquals("0x80090303", storage.get("windows").get("code").asText(), storage::toString);
        assertTrue(storage.toString().contains("may not delegate to cifs/HV02, cifs/hv02.lab.test"), storage::toString);
        assertTrue(storage.toString().contains("the KDC issued it (cifs/hv02.lab.test@LAB.TEST)"),
                "the KDC itself issued cifs through HOST: " + storage);
    }

    @Test
    void resourceBasedDelegationIsEnough() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "delegate rbcd HV02 --allow HV01",
                "lab migrate HV01 HV02 --as operator",
                "lab migrate HV02 HV01 --as operator"));
        JsonNode allowed = script.nth(TrainingScript.MIGRATION, 0);
        assertTrue(allowed.get("authenticated").asBoolean(), allowed::toString);
        assertTrue(allowed.toString().contains("HV02 allows HV01 through resource-based delegation"), allowed::toString);
        JsonNode other = script.nth(TrainingScript.MIGRATION, 1);
        assertEquals("0x8009030E", other.get("windows").get("code").asText(), "no delegation at all: " + other);
    }

    @Test
    void anOperatorTheKdcRefusesNeverStartsAMove() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of(
                "delegate pair HV01 HV02",
                "account disable operator",
                "lab migrate HV01 HV02 --as operator"));
        JsonNode move = script.nth(TrainingScript.MIGRATION, 0);
        assertFalse(move.get("authenticated").asBoolean(), move::toString);
        assertNull(move.get("windows"), "Hyper-V logs nothing: " + move);
        JsonNode first = move.get("steps").get(0);
        assertEquals("FAILED", first.get("outcome").asText(), move::toString);
        assertEquals("KDC", first.get("decidedBy").asText());
        assertTrue(first.get("detail").asText().contains("KDC_ERR_CLIENT_REVOKED"), first::toString);
        assertEquals("not reached", move.get("steps").get(1).get("outcome").asText());
    }

    @Test
    void theTextSaysWhatWindowsShowsAndWhoDecided() {
        KerbshellRun.Result run = KerbshellRun.in(home).stdin("delegate pair HV01 HV02\n"
                + "spn remove HV02 \"Microsoft Virtual System Migration Service/hv02.lab.test\"\n"
                + "lab migrate HV01 HV02 --as operator --vm SQL01\n").args("--keep-going");
        assertEquals(1, run.exitCode(), run::toString);
        String out = run.stdout();
        assertTrue(out.contains("lab migrate: SQL01 from HV01 to HV02 as operator, started remotely"), out);
        assertTrue(out.contains("FAILED      KDC        operator asks for a ticket to Microsoft Virtual System "
                + "Migration Service/hv02.lab.test: the KDC refused it: 7 KDC_ERR_S_PRINCIPAL_UNKNOWN"), out);
        assertTrue(out.contains("not reached simulation HV01 delegates operator to HV02"), out);
        assertTrue(out.contains("  Failed to authenticate the connection at the source host: The specified target is "
                + "unknown or unreachable (0x80090303)\n"), out);
        assertTrue(out.contains("Hyper-V-VMMS event 21502: Virtual machine migration operation for 'SQL01' failed at "
                + "migration source 'HV01'."), out);
        assertTrue(out.contains("decided by: the lab KDC decided this failure: it refused the request for real"), out);
    }

    @Test
    void anUnknownHostIsOneClearError() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("lab", "migrate", "HV01", "HV99");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.stderr().startsWith("error: no account named HV99 in lab.test"), run::toString);
        assertEquals(1, run.stderr().strip().lines().count(), run::toString);
    }
}
