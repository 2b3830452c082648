package kerbshell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-hour tutorial walked as a new user would: each step counts only once kerbshell sees it done (the
 * session, the check, or an answer only the command's output gives), and a step not done does not advance.
 */
class TutorialTest {
    @TempDir
    Path home;

    @Test
    void walksConnectStatusSpnListCheckPairExplainAndAFixOneCheckedStepAtATime() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home).env("KERBSHELL_PASSWORD", "LabOperator-2025!"),
                List.of(
                        "lab stop", "lab start --ldap-port " + port,
                        "tutorial start",
                        "tutorial done",
                        "connect --server 127.0.0.1 --port " + port + " --domain lab.test --user operator --tls none",
                        "tutorial done",
                        "status",
                        "tutorial done",
                        "tutorial done dc2.lab.test",
                        "tutorial done dc1.lab.test",
                        "spn list HV02",
                        "tutorial done 8",
                        "check pair HV01 HV02 --user operator",
                        "tutorial done 2",
                        "explain 0x80090303",
                        "tutorial done The specified target is unknown or unreachable.",
                        "tutorial done",
                        "delegate pair HV01 HV02",
                        "tutorial step",
                        "tutorial done",
                        "tutorial step"));
        List<JsonNode> reports = script.all(TrainingScript.TUTORIAL);
        List<String> trail = reports.stream().map(r -> (r.get("finished").asBoolean() ? "finished"
                : r.get("step").asInt() + (r.has("notYet") ? " not yet" : ""))).toList();
        assertEquals(List.of(
                "1",                 // tutorial start
                "1 not yet",         // done before connecting
                "2",                 // connected as operator
                "2 not yet",         // no answer
                "2 not yet",         // wrong answer
                "3",                 // dc1.lab.test
                "4",                 // 8 SPNs (a connect to the lab's own port is a lab session)
                "5",                 // 2 blockers
                "6",                 // explain's text
                "6 not yet",         // check pair still blocks
                "6",                 // tutorial step
                "finished",          // delegate pair, then done
                "finished"), trail, script.result()::toString);

        assertTrue(reports.get(1).get("notYet").asText().contains("connect to the lab's LDAP port (" + port
                + ") as operator"), reports.get(1)::toString);
        assertEquals("not quite: 'dc2.lab.test' is not the answer; look at the command's output again",
                reports.get(4).get("notYet").asText());
        assertFalse(reports.get(4).toString().contains("dc1"), "a wrong answer gets no spoiler: " + reports.get(4));
        assertEquals("not yet: 'check pair HV01 HV02 --user operator' still reports 2 blocker(s)",
                reports.get(9).get("notYet").asText());
        assertNull(reports.get(10).get("notYet"));
        assertTrue(reports.get(11).get("learned").asText().startsWith("That is the loop for every migration failure"));
        assertEquals(1, script.result().exitCode(), "the not-yet steps exit 1: " + script.result());
    }

    @Test
    void introIsTheTutorialToo() {
        TrainingScript script = TrainingScript.run(KerbshellRun.in(home), List.of("lab scenario start intro",
                "tutorial step"));
        assertEquals(List.of("Connect", "Connect"), script.all(TrainingScript.TUTORIAL).stream()
                .map(r -> r.get("title").asText()).toList(), script.result()::toString);
    }

    @Test
    void theTutorialMustBeStartedFirst() {
        KerbshellRun.Result run = KerbshellRun.in(home).args("tutorial", "done");
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: the tutorial has not started: 'tutorial start' begins it (it resets the lab)",
                run.stderr().strip());
    }
}
