package kerbshell.journal;

/** How AD compares the values kerbshell writes: strings without regard to case, binary values byte for byte. */
final class AttributeValues {
    private AttributeValues() {
    }

    static boolean same(String a, String b, boolean binary) {
        return binary ? a.equals(b) : a.equalsIgnoreCase(b);
    }
}
