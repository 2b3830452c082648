package kerbshell.picture;

import kerbshell.cli.KerbshellRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report page as a browser sees it: check cluster --html on the lab, opened by headless Chromium (Debian's
 * chromium, installed by scripts/test). The page is parsed with its matrix holding one row per host and the graph
 * as SVG, Chromium's console stays silent, nothing outside the page is referenced, and a screenshot is kept under
 * target/screenshots/ as a build artifact.
 */
class HtmlReportBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path home;

    @Test
    void theReportLoadsInChromiumWithOneMatrixRowPerHost() throws Exception {
        Path report = home.resolve("cluster.html");
        KerbshellRun.Result run = KerbshellRun.in(home).stdin(String.join("\n", "delegate pair HV01 HV02",
                "check cluster HV01 HV02 HV03 --user operator --html " + report)).args("--keep-going");
        assertTrue(Files.exists(report), run::toString);
        assertTrue(run.stderr().contains("report written to " + report), run::toString);
        String html = Files.readString(report);
        assertFalse(html.matches("(?s).*(src=|href=|url\\(|<script).*"), "self-contained: nothing to fetch");

        String chromium = chromium();
        Path profile = Files.createDirectories(home.resolve("chromium-profile"));
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0");
        Browser dom = browse(common, "--dump-dom", report.toUri().toString());
        assertEquals(0, dom.exit(), dom::toString);
        assertEquals(List.of("HV01", "HV02", "HV03"), rowHeads(dom.stdout()), "one matrix row per host: " + dom);
        assertTrue(dom.stdout().contains("<svg"), "the graph is inline SVG: " + dom);
        assertTrue(dom.stdout().contains("class=\"edge"), "with its edges");
        assertEquals(List.of(), dom.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList(),
                "the browser reported nothing about the page");

        Files.createDirectories(SCREENSHOTS);
        Path screenshot = SCREENSHOTS.resolve("check-cluster-report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Browser shot = browse(common, "--hide-scrollbars", "--window-size=1280,1600",
                "--screenshot=" + screenshot, report.toUri().toString());
        assertEquals(0, shot.exit(), shot::toString);
        assertTrue(Files.size(screenshot) > 10_000, "a real picture of the page: " + Files.size(screenshot));
    }

    private static List<String> rowHeads(String dom) {
        List<String> heads = new ArrayList<>();
        Matcher m = Pattern.compile("<tr class=\"host\"><th class=\"source\">([^<]+)</th>").matcher(dom);
        while (m.find()) {
            heads.add(m.group(1));
        }
        return heads;
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new AssertionError("headless Chromium is needed for this test: apt-get install chromium "
                + "(scripts/test installs it)");
    }

    private record Browser(int exit, String stdout, String stderr) {
    }

    private static Browser browse(List<String> common, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(common);
        command.addAll(List.of(args));
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Chromium did not finish in 120 s: " + Files.readString(err));
            }
            return new Browser(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
