package kerbshell.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole-result search on a pool, its entries handed to the consumer on the connection's reader thread, against
 * UnboundID's in-memory server over a real socket; its interceptor holds the answers back where time matters.
 */
class ReaderThreadSearchTest {
    private static final Filter SPNS = Filter.createPresenceFilter("servicePrincipalName");
    private InMemoryDirectoryServer server;
    private LDAPConnectionPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.shutDown(true);
        }
    }

    /** Ten hosts; the server waits {@code beforeSearch} ms before it answers, then {@code perEntry} per entry. */
    private void start(int sizeLimit, long beforeSearch, long perEntry, long operationLimit) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=t");
        config.setMaxSizeLimit(sizeLimit);
        config.setSchema(null);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                pause(beforeSearch);
            }

            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                pause(perEntry);
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add(new Entry("dn: DC=t", "objectClass: top", "objectClass: domain", "dc: t"));
        for (int i = 0; i < 10; i++) {
            server.add(new Entry("dn: CN=h" + i + ",DC=t", "objectClass: top", "objectClass: device", "cn: h" + i,
                    "servicePrincipalName: HOST/h" + i));
        }
        server.startListening();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setUseSynchronousMode(false); // as DirectoryConnector's connections
        options.setResponseTimeoutMillis(operationLimit);
        pool = new LDAPConnectionPool(new LDAPConnection(options, "127.0.0.1", server.getListenPort()), 1, 2);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theEntriesReachTheConsumerOnTheConnectionsReaderThread() throws Exception {
        start(0, 0, 0, 10_000);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        long count = PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> e -> {
            threads.add(Thread.currentThread());
            seen.add(e.getDN());
        }, 3, "servicePrincipalName");
        assertThat(count).isEqualTo(10);
        assertThat(seen).hasSize(10);
        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(pool.getRootDSE()).as("the connection went back to the pool in working order").isNotNull();
    }

    @Test
    void aSizeLimitStartsOverInPagesWithAFreshConsumer() throws Exception {
        start(4, 0, 0, 10_000);
        List<List<String>> passes = new ArrayList<>();
        long count = PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            passes.add(seen);
            Consumer<SearchResultEntry> each = e -> seen.add(e.getDN());
            return each;
        }, 3, "servicePrincipalName");
        assertThat(count).isEqualTo(10);
        assertThat(passes).hasSize(2);
        assertThat(passes.get(0)).as("the unpaged pass, cut short by the server").hasSizeLessThanOrEqualTo(4);
        assertThat(passes.get(1)).as("the paged pass saw every entry once").hasSize(10);
    }

    @Test
    void theConsumersFailureReachesTheCallerAndThePoolServesOn() throws Exception {
        start(0, 0, 0, 10_000);
        int[] calls = {0};
        assertThatThrownBy(() -> PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> e -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("the third entry");
            }
        }, 3, "servicePrincipalName")).isInstanceOf(IllegalStateException.class).hasMessage("the third entry");
        assertThat(calls[0]).as("nothing after the failure reached the consumer").isEqualTo(3);
        assertThat(pool.getRootDSE()).isNotNull();
    }

    @Test
    void theTimeLimitRunsFromOneAnswerToTheNextNotOverTheWholeSearch() throws Exception {
        start(0, 0, 150, 600); // ten entries 150 ms apart: 1.5 s in all, never 600 ms without an answer
        long count = PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> e -> { }, 3, "servicePrincipalName");
        assertThat(count).isEqualTo(10);
    }

    @Test
    void silenceBeyondTheTimeLimitIsATimeout() throws Exception {
        start(0, 3_000, 0, 300);
        long started = System.nanoTime();
        assertThatThrownBy(() -> PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> e -> { }, 3,
                "servicePrincipalName")).isInstanceOfSatisfying(LDAPException.class,
                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.TIMEOUT));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_500);
    }

    @Test
    void anInterruptEndsTheWaitAtOnce() throws Exception {
        start(0, 5_000, 0, 60_000);
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            pause(300);
            caller.interrupt();
        });
        interrupter.start();
        long started = System.nanoTime();
        try {
            assertThatThrownBy(() -> PagedSearch.forEachWhole(pool, "DC=t", SPNS, () -> e -> { }, 3,
                    "servicePrincipalName")).isInstanceOfSatisfying(LDAPException.class,
                    e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.USER_CANCELED));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
            interrupter.join();
        }
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4_000);
    }
}
