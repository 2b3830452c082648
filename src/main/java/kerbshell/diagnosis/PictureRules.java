package kerbshell.diagnosis;

import kerbshell.picture.MeshPicture;

/** Which rule of the pictures' legend a rule book finding stands for, by the rule's id (docs/check.md). */
final class PictureRules {
    private PictureRules() {
    }

    static MeshPicture.Rule of(String rule) {
        if (rule == null) {
            return MeshPicture.Rule.OTHER;
        }
        if (rule.equals("delegation-kerberos-only")) {
            return MeshPicture.Rule.PROTOCOL_TRANSITION;
        }
        if (rule.endsWith("-unconstrained")) {
            return MeshPicture.Rule.UNCONSTRAINED;
        }
        String family = rule.contains("-") ? rule.substring(0, rule.indexOf('-')) : rule;
        return switch (family) {
            case "host" -> MeshPicture.Rule.HOST;
            case "spn" -> MeshPicture.Rule.SPN;
            case "delegation" -> MeshPicture.Rule.DELEGATION;
            case "operator" -> MeshPicture.Rule.OPERATOR;
            case "clock" -> MeshPicture.Rule.CLOCK;
            case "etype" -> MeshPicture.Rule.ENCRYPTION;
            default -> MeshPicture.Rule.OTHER;
        };
    }
}
