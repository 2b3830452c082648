package kerbshell.spn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan's hash from an SPN's bytes must be the hash of its family key made the String way, and its class number
 * the one the String way finds, for every shape of SPN: mapped and unmapped classes in any case, spaces,
 * ports and service names, non-ASCII (also a character whose lower case is ASCII), no class, no slash.
 */
class SpnFamilyHashTest {
    private static final SpnMappings MAPPINGS = SpnMappings.parse(List.of(
            "host=alerter,appmgmt,cisvc,cifs,http,rpcss,wsman,www", "http=notify", "bogus"));

    @ParameterizedTest
    @ValueSource(strings = {"HOST/hv02.corp.example", "host/HV02", "cifs/hv02.corp.example", "CIFS/HV02",
            "Http/web.corp.example:8080", "WSMAN/hv01.corp.example/corp.example", "notify/x",
            "Microsoft Virtual System Migration Service/HV01", "Hyper-V Replica Service/hv01.corp.example",
            "MSSQLSvc/sql01.corp.example:1433", "HTTP/ünïcode.example", "cifs/\u212Aab", "CIFS/kab",
            "h\u0130st/x", "noslash", "/leading", "host/", "a/b/c/D", "cifs/ÄB/x"})
    void bytesHashAsTheFamilyKeyDoes(String spn) {
        List<String> aliases = MAPPINGS.aliases();
        Map<String, Short> originOf = new HashMap<>();
        for (int i = 0; i < aliases.size(); i++) {
            originOf.put(aliases.get(i), (short) (i + 1));
        }
        SpnFamilyHash hash = new SpnFamilyHash(MAPPINGS, originOf);

        long fromBytes = hash.hash(spn.getBytes(StandardCharsets.UTF_8));

        assertThat(fromBytes).isEqualTo(SpnHashIndex.hash(MAPPINGS.familyKey(spn)));
        int slash = spn.indexOf('/');
        String serviceClass = (slash < 0 ? spn : spn.substring(0, slash)).toLowerCase(Locale.ROOT);
        assertThat(hash.origin()).isEqualTo(originOf.getOrDefault(serviceClass, (short) 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cifs/HV02.corp.example", "HOST/hv02.CORP.example"})
    void anAliasAndItsTargetShareAFamily(String spn) {
        SpnFamilyHash hash = new SpnFamilyHash(MAPPINGS, Map.of());
        assertThat(hash.hash(spn.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(hash.hash("host/hv02.corp.example".getBytes(StandardCharsets.UTF_8)));
    }
}
