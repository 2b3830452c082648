package kerbshell.cli;

import kerbshell.error.ExitStatus;
import kerbshell.error.KerbshellException;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication.AbandonedRunException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts one run of kerbshell: parses the launch options, boots the shell on the given streams, returns the
 * exit status. Tests call {@link #run} in-process; {@code kerbshell.Kerbshell.main} calls it for real.
 */
public final class ShellLauncher {
    private ShellLauncher() {
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                          boolean stdinIsTerminal, boolean stdoutIsTerminal) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (KerbshellException e) {
            err.println("error: " + e.getMessage());
            return e.status().code();
        }
        if (options.help()) {
            out.print(LaunchOptions.USAGE);
            return ExitStatus.OK.code();
        }
        if (options.version()) {
            String version = ShellLauncher.class.getPackage().getImplementationVersion();
            out.println("kerbshell " + (version == null ? "(development build)" : version));
            return ExitStatus.OK.code();
        }
        LaunchContext launch = new LaunchContext(options, env, in, out, err, stdinIsTerminal, stdoutIsTerminal);
        java.util.Optional<OneShotWithoutShell> oneShot = OneShotWithoutShell.of(launch);
        if (oneShot.isPresent()) {
            return oneShot.get().run();
        }
        // The build's AOT processor runs this method to capture the context's bean definitions: no session then.
        CompletableFuture<Void> loggingReady = new CompletableFuture<>();
        EarlySession early = Boolean.getBoolean("spring.aot.processing") ? EarlySession.none()
                : EarlySession.start(launch, loggingReady);
        // Boot would pre-initialise bean validation, Jackson and more on a second thread; kerbshell uses the
        // second core for the launch's session, and most of that work for nothing (a system property only).
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        SpringApplication app = new SpringApplication(ShellApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setAddCommandLineProperties(false);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties(launch));
        app.addListeners(new LoggingConfigured(loggingReady));
        app.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("launchContext", launch);
            context.getBeanFactory().registerSingleton("earlySession", early);
        });
        try (ConfigurableApplicationContext context = app.run()) {
            return context.getBean(CommandStatus.class).worst().code();
        } catch (AbandonedRunException e) {
            throw e; // the build's AOT processor stops the run here on purpose, once it has what it needs
        } catch (RuntimeException e) {
            err.println("error: kerbshell could not start: " + e.getMessage());
            if (options.debug()) {
                e.printStackTrace(err);
            }
            return ExitStatus.PROBLEM.code();
        } finally {
            loggingReady.complete(null); // a boot that failed before logging: the early work must not wait forever
            early.discard();
        }
    }

    /** Tells the early session that Boot has configured logging (its listener runs just before this one). */
    private record LoggingConfigured(CompletableFuture<Void> ready)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ready.complete(null);
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }

    private static Map<String, Object> properties(LaunchContext launch) {
        Map<String, Object> props = new HashMap<>();
        props.put("spring.shell.history.name", launch.files().historyFile().toString());
        props.put("spring.shell.history.enabled", launch.historyOn());
        if (launch.options().debug()) {
            props.put("logging.level.kerbshell", "DEBUG");
        }
        return props;
    }
}
