package kerbshell.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole-result search: unpaged where the server allows it, in pages from scratch where it sets a limit. */
class PagedSearchTest {
    private static InMemoryDirectoryServer serverLimitedTo(int sizeLimit) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=t");
        config.setMaxSizeLimit(sizeLimit);
        config.setSchema(null);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add(new Entry("dn: DC=t", "objectClass: top", "objectClass: domain", "dc: t"));
        for (int i = 0; i < 10; i++) {
            server.add(new Entry("dn: CN=h" + i + ",DC=t", "objectClass: top", "objectClass: device", "cn: h" + i,
                    "servicePrincipalName: HOST/h" + i));
        }
        return server;
    }

    private static List<List<String>> run(InMemoryDirectoryServer server) throws Exception {
        List<List<String>> passes = new ArrayList<>();
        long count = PagedSearch.forEachWhole(server, "DC=t", Filter.createPresenceFilter("servicePrincipalName"),
                () -> {
                    List<String> seen = new ArrayList<>();
                    passes.add(seen);
                    Consumer<SearchResultEntry> each = e -> seen.add(e.getDN());
                    return each;
                }, 3, "servicePrincipalName");
        assertEquals(10, count);
        return passes;
    }

    @Test
    void anUnlimitedServerIsAskedOnceWithoutPages() throws Exception {
        List<List<String>> passes = run(serverLimitedTo(0));
        assertEquals(1, passes.size());
        assertEquals(10, passes.get(0).size());
    }

    @Test
    void aSizeLimitStartsOverInPagesWithAFreshConsumer() throws Exception {
        List<List<String>> passes = run(serverLimitedTo(4));
        assertEquals(2, passes.size(), "the unpaged pass was cut short and dropped");
        assertEquals(10, passes.get(1).size(), "the paged pass saw every entry once");
    }
}
