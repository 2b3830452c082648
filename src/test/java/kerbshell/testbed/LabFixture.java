package kerbshell.testbed;

import kerbshell.directory.DirectoryConnector;
import kerbshell.directory.DirectorySession;
import kerbshell.lab.LabDomain;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The built-in lab on free ports and a session on it, opened the way the shell opens one, for a test class:
 * {@code @RegisterExtension static final LabFixture LAB = LabFixture.perClass();} shares one lab among the
 * class's tests (they must leave it as they found it), {@link #perTest()} gives each test a fresh one (for tests
 * that plant faults). Closed after the class or the test, session first.
 */
public final class LabFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final boolean perClass;
    private LabDomain lab;
    private DirectorySession session;

    private LabFixture(boolean perClass) {
        this.perClass = perClass;
    }

    /** One lab for all the tests of the class. */
    public static LabFixture perClass() {
        return new LabFixture(true);
    }

    /** A fresh lab for each test. */
    public static LabFixture perTest() {
        return new LabFixture(false);
    }

    public LabDomain lab() {
        return require(lab);
    }

    public DirectorySession session() {
        return require(session);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            open();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    private void open() {
        lab = LabDomain.start(0, 0);
        try {
            session = lab.openSession(new DirectoryConnector());
        } catch (RuntimeException e) {
            lab.close();
            lab = null;
            throw e;
        }
    }

    private void close() {
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            session = null;
            if (lab != null) {
                lab.close();
            }
            lab = null;
        }
    }

    private static <T> T require(T open) {
        if (open == null) {
            throw new IllegalStateException("the lab is not open: register LabFixture with @RegisterExtension on a "
                    + "static field");
        }
        return open;
    }
}
