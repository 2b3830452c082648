package kerbshell.directory;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The descriptor codec without a directory: Samba's own bytes, Windows' layout, object ACEs, broken input. */
class SecurityDescriptorTest {
    /** What samba-tool 4.17 wrote for 'delegation add-principal HV02$ HV01$' on a test bed (HV01's RID 1103). */
    private static final String SAMBA_WROTE = "AQAEgBQAAAAAAAAAAAAAACQAAAABAgAAAAAABSAAAAAgAgAABAAsAAEAAAAAACQA/wEPAAEFAAAAAAAF"
            + "FQAAAMs7aWM9xA/ILaVRdk8EAAA=";
    private static final Sid HV01 = new Sid("S-1-5-21-1667840971-3356476477-1985062189-1103");
    private static final Sid HV02 = new Sid("S-1-5-21-1667840971-3356476477-1985062189-1104");

    @Test
    void sambasDescriptorDecodesAndEncodesToTheSameBytes() {
        byte[] samba = Base64.getDecoder().decode(SAMBA_WROTE);
        SecurityDescriptor sd = SecurityDescriptor.decode(samba);
        assertEquals(new Sid("S-1-5-32-544"), sd.owner());
        assertEquals(1, sd.aces().size());
        assertEquals(HV01, sd.aces().get(0).sid().orElseThrow());
        assertEquals(0xF01FF, sd.aces().get(0).mask().orElseThrow());
        assertEquals("O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;" + HV01 + ")", Sddl.of(sd));
        assertArrayEquals(samba, sd.encode());
        assertArrayEquals(samba, SecurityDescriptor.empty().withAces(List.of(SecurityDescriptor.Ace.allow(HV01)))
                .encode(), "built from nothing, it is what Samba builds");
    }

    @Test
    void windowsLayoutWithObjectAceSaclAndGroupIsReadAndKept() {
        // Windows lays out SACL and DACL before the owner: offsets, not order, locate the parts.
        byte[] objectAceBody = objectAllowBody(0x100, HV02);
        byte[] dacl = acl(ace(0x1, 0x2, plainBody(0x10, HV01)), ace(0x5, 0, objectAceBody));
        byte[] sacl = acl(ace(0x2, 0x40, plainBody(0x20, HV01)));
        byte[] owner = new Sid("S-1-5-32-544").toBytes();
        byte[] group = new Sid("S-1-5-18").toBytes();
        int control = 0x8000 | 0x0004 | 0x0010 | 0x1000;
        ByteBuffer header = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 1).put((byte) 0).putShort((short) control)
                .putInt(20 + sacl.length + dacl.length).putInt(20 + sacl.length + dacl.length + owner.length)
                .putInt(20).putInt(20 + sacl.length);
        byte[] windows = concat(header.array(), sacl, dacl, owner, group);

        SecurityDescriptor sd = SecurityDescriptor.decode(windows);
        assertEquals(new Sid("S-1-5-18"), sd.group());
        assertArrayEquals(sacl, sd.sacl());
        assertEquals(List.of(HV01, HV02), sd.aces().stream().map(a -> a.sid().orElseThrow()).toList());
        assertTrue(sd.aces().get(0).denies());
        assertTrue(sd.aces().get(1).allows());
        assertEquals("O:BAG:SYD:P(D;CI;RP;;;" + HV01 + ")(OA;;CR;;;" + HV02 + ")S:(" + sacl.length
                + " bytes not shown)", Sddl.of(sd));

        SecurityDescriptor again = SecurityDescriptor.decode(sd.encode());
        assertArrayEquals(sd.sacl(), again.sacl());
        assertEquals(sd.control(), again.control());
        for (int i = 0; i < sd.aces().size(); i++) {
            assertArrayEquals(sd.aces().get(i).body(), again.aces().get(i).body());
            assertEquals(sd.aces().get(i).flags(), again.aces().get(i).flags());
        }
    }

    @Test
    void brokenDescriptorsAreRefusedSayingWhere() {
        byte[] samba = Base64.getDecoder().decode(SAMBA_WROTE);
        byte[] truncated = java.util.Arrays.copyOf(samba, samba.length - 10);
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> SecurityDescriptor.decode(truncated));
        assertTrue(cut.getMessage().contains("more than the descriptor holds")
                || cut.getMessage().contains("outside") || cut.getMessage().contains("truncated"), cut.getMessage());
        byte[] revision = samba.clone();
        revision[0] = 2;
        assertEquals("revision 2, not 1", assertThrows(IllegalArgumentException.class,
                () -> SecurityDescriptor.decode(revision)).getMessage());
    }

    private static byte[] plainBody(int mask, Sid sid) {
        return concat(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mask).array(), sid.toBytes());
    }

    private static byte[] objectAllowBody(int mask, Sid sid) {
        ByteBuffer head = ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(mask).putInt(0x1).put(new byte[16]);
        return concat(head.array(), sid.toBytes());
    }

    private static byte[] ace(int type, int flags, byte[] body) {
        ByteBuffer out = ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        return out.put((byte) type).put((byte) flags).putShort((short) (4 + body.length)).put(body).array();
    }

    private static byte[] acl(byte[]... aces) {
        byte[] body = concat(aces);
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 4).put((byte) 0).putShort((short) (8 + body.length)).putShort((short) aces.length)
                .putShort((short) 0);
        return concat(head.array(), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
