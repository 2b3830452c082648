package kerbshell.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import kerbshell.error.KerbshellException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The first-hour tutorial: connect, status, spn list, check pair, explain, and a fix, one step at a time on the lab.
 * A step counts as done only when kerbshell sees it was (see {@link TutorialStep}); where it is in the tutorial
 * is kept with the trainee's progress.
 */
public final class Tutorial {
    private static final String STEPS = "/kerbshell/training/tutorial.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The session as the tutorial checks it: where it is bound, as whom, and whether it is the lab's own. */
    public record SessionView(String server, int port, String user, boolean builtInLab) {
    }

    private record Steps(List<TutorialStep> steps) {
    }

    private final List<TutorialStep> steps;
    private final ShellAccess shell;
    private final Supplier<SessionView> session;
    private final Supplier<Integer> labLdapPort;
    private final ProgressStore store;
    private final Clock clock;

    /**
     * @param session     the current session (fails when there is none)
     * @param labLdapPort the running lab's LDAP port (fails when no lab runs)
     */
    public Tutorial(ShellAccess shell, Supplier<SessionView> session, Supplier<Integer> labLdapPort,
                    ProgressStore store, Clock clock) {
        this.steps = load();
        this.shell = shell;
        this.session = session;
        this.labLdapPort = labLdapPort;
        this.store = store;
        this.clock = clock;
    }

    /** Resets the lab to the freshly built site the steps describe and begins at the first step. */
    public TutorialReport start() {
        Object reset = shell.run("lab reset");
        if (reset instanceof Throwable failure) {
            throw KerbshellException.failure("the tutorial could not reset the lab (" + failure.getMessage()
                    + "): run 'lab start', then 'tutorial start' again");
        }
        Progress progress = store.load();
        store.save(progress.withTutorial(new Progress.TutorialState(0, clock.instant(), null)));
        return TutorialReport.step(0, steps, null, null);
    }

    /** The step to do now. */
    public TutorialReport current() {
        Progress.TutorialState state = state();
        if (state.finishedAt() != null) {
            return TutorialReport.finished(steps, null);
        }
        return TutorialReport.step(state.step(), steps, null, null);
    }

    /** Checks the current step; when done, moves on and shows the next one. */
    public TutorialReport done(String answer) {
        Progress progress = store.load();
        Progress.TutorialState state = state();
        if (state.finishedAt() != null) {
            return TutorialReport.finished(steps, null);
        }
        TutorialStep step = steps.get(state.step());
        String missing = whatIsMissing(step, answer);
        if (missing != null) {
            return TutorialReport.step(state.step(), steps, missing, null);
        }
        int next = state.step() + 1;
        if (next == steps.size()) {
            store.save(progress.withTutorial(new Progress.TutorialState(next, state.startedAt(), clock.instant())));
            return TutorialReport.finished(steps, step.learned());
        }
        store.save(progress.withTutorial(new Progress.TutorialState(next, state.startedAt(), null)));
        return TutorialReport.step(next, steps, null, step.learned());
    }

    /** Why the step does not count as done yet, or null when it does; never the answer itself. */
    private String whatIsMissing(TutorialStep step, String answer) {
        if (step.connectedAs() != null) {
            SessionView view = session.get();
            boolean labDirectory = (view.server().equals("127.0.0.1") || view.server().equalsIgnoreCase("localhost"))
                    && view.port() == labLdapPort.get();
            if (!labDirectory || !accountOf(view.user()).equals(step.connectedAs().toLowerCase(Locale.ROOT))) {
                return "not yet: the session is " + view.user() + " on " + view.server() + ":" + view.port()
                        + "; connect to the lab's LDAP port (" + labLdapPort.get() + ") as " + step.connectedAs();
            }
        }
        if (Boolean.TRUE.equals(step.onLab()) && !session.get().builtInLab()) {
            return "not yet: this session is not the lab's own; 'lab start' opens it, as the lab's Administrator";
        }
        if (step.check() != null) {
            GoalOutcome outcome = GoalJudge.judge(new Scenario.Goal(step.check(), null), shell.run(step.check()))
                    .outcome();
            if (!outcome.passes()) {
                return "not yet: '" + step.check() + "' still reports " + outcome.blockers() + " blocker(s)";
            }
        }
        if (step.asksQuestion()) {
            if (answer == null || answer.isBlank()) {
                return "this step asks a question: answer it with 'tutorial done ANSWER'";
            }
            if (!accepted(step, answer)) {
                return "not quite: '" + answer.strip() + "' is not the answer; look at the command's output again";
            }
        }
        return null;
    }

    private static boolean accepted(TutorialStep step, String answer) {
        String given = normal(answer);
        if (step.answers() != null && step.answers().stream().anyMatch(a -> normal(a).equals(given))) {
            return true;
        }
        return step.answerContains() != null && step.answerContains().stream().anyMatch(a -> given.contains(normal(a)));
    }

    private static String normal(String text) {
        return text.strip().replaceAll("^[\"']|[\"'.]$", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** "operator", "operator@lab.test", "LAB\operator" or a DN all name the account operator. */
    private static String accountOf(String user) {
        String name = user.toLowerCase(Locale.ROOT);
        if (name.startsWith("cn=")) {
            name = name.substring(3, name.contains(",") ? name.indexOf(',') : name.length());
        }
        name = name.replaceFirst("^.*\\\\", "").replaceFirst("@.*$", "");
        return name;
    }

    private Progress.TutorialState state() {
        Progress.TutorialState state = store.load().tutorial();
        if (state == null) {
            throw KerbshellException.usage("the tutorial has not started: 'tutorial start' begins it (it resets the "
                    + "lab)");
        }
        return state;
    }

    private static List<TutorialStep> load() {
        try (InputStream in = Tutorial.class.getResourceAsStream(STEPS)) {
            if (in == null) {
                throw new IllegalStateException("the tutorial's steps " + STEPS + " are missing from the jar");
            }
            return YAML.readValue(in, Steps.class).steps();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tutorial's steps: " + e.getMessage(), e);
        }
    }
}
