package org.accommodate.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses and validates a clinic profile (clinic.yaml). */
public final class ProfileReader {
  private static final Set<String> TOP = Set.of("clinic", "clinician", "organization",
      "sensitive_names", "signing", "letters", "fonts", "ledger", "revoked_authorizations");

  public ClinicProfile read(Path file, String display) {
    Path base = file.toAbsolutePath().getParent();
    return read(Documents.read(file, display, "profile"), base);
  }

  public ClinicProfile read(byte[] document, String name, Path base) {
    return read(Documents.parse(document, name, "profile"), base);
  }

  private static ClinicProfile read(JsonNode tree, Path base) {
    Field root = Field.root(tree, "profile").mapping(TOP);
    Field clinic = root.required("clinic").mapping(Set.of("name", "address", "phone", "logo", "accent"));
    byte[] logo = clinic.optional("logo").map(f -> Branding.logo(f.path(), f.file(base))).orElse(null);
    String accent = clinic.optional("accent").map(f -> Branding.accent(f.path(), f.line(7))).orElse(Branding.DEFAULT_ACCENT);
    Field clinician = root.required("clinician")
        .mapping(Set.of("name", "credential", "title", "license", "npi"));
    clinician.optional("npi").ifPresent(npi -> {
      // Accepted so profiles can keep it, but never printed: the NPI registry reveals specialty.
      if (!npi.line(10).matches("[0-9]{10}")) {
        throw new org.accommodate.InputException(npi.path() + ": must be 10 digits");
      }
    });
    boolean part2 = false;
    int statement = 1;
    String jurisdiction = null;
    if (root.has("organization")) {
      Field organization = root.required("organization")
          .mapping(Set.of("part2_program", "part2_statement", "jurisdiction"));
      part2 = organization.optional("part2_program").map(Field::bool).orElse(false);
      statement = organization.optional("part2_statement").map(f -> f.integer(1, 2)).orElse(1);
      jurisdiction = organization.optional("jurisdiction").map(ProfileReader::jurisdiction).orElse(null);
    }
    List<String> address = lines(clinic.optional("address").orElse(null));
    if (jurisdiction == null) {
      jurisdiction = defaultJurisdiction(address);
    }
    List<String> sensitive = new ArrayList<>();
    root.optional("sensitive_names").ifPresent(f -> f.list(0, 200).forEach(n -> sensitive.add(n.line(200))));
    Path keystore = null;
    String alias = null;
    if (root.has("signing")) {
      Field signing = root.required("signing").mapping(Set.of("keystore", "alias"));
      keystore = signing.optional("keystore").map(f -> f.file(base)).orElse(null);
      alias = signing.optional("alias").map(f -> f.line(100)).orElse(null);
    }
    int round = 0;
    if (root.has("letters")) {
      Field letters = root.required("letters").mapping(Set.of("round_minutes"));
      round = letters.optional("round_minutes").map(f -> f.integer(0, 60)).orElse(0);
      if (round != 0 && round != 15 && round != 30 && round != 60) {
        throw new org.accommodate.InputException("profile.letters.round_minutes: must be 0, 15, 30 or 60");
      }
    }
    List<Path> fonts = new ArrayList<>();
    root.optional("fonts").ifPresent(list -> list.list(1, 4).forEach(f -> {
      Path font = f.file(base);
      String name = font.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if (!java.nio.file.Files.isRegularFile(font)
          || !(name.endsWith(".ttf") || name.endsWith(".otf") || name.endsWith(".ttc"))) {
        throw new org.accommodate.InputException(f.path() + ": must name an existing .ttf, .otf or .ttc font file");
      }
      fonts.add(font);
    }));
    return new ClinicProfile(
        clinic.required("name").words(120),
        address,
        phone(clinic.required("phone")),
        clinician.required("name").words(120),
        clinician.required("credential").words(60),
        clinician.optional("title").map(f -> f.words(120)).orElse(null),
        clinician.optional("license").map(f -> f.line(120)).orElse(null),
        part2, statement, sensitive, keystore, alias, round, logo, accent, fonts,
        root.optional("ledger").map(f -> f.file(base)).orElse(null),
        root.optional("revoked_authorizations")
            .map(f -> RevokedAuthorizations.read(f.file(base), f.path())).orElse(Set.of()),
        jurisdiction);
  }

  // The states, the District of Columbia and the territories, by their postal codes.
  private static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
      "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
      "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
      "WA", "WV", "WI", "WY", "DC", "PR", "GU", "VI", "AS", "MP");

  private static String jurisdiction(Field field) {
    String code = field.line(40).strip().toUpperCase(java.util.Locale.ROOT);
    if (code.equals("US") || code.startsWith("US-") && STATES.contains(code.substring(3))) {
      return code;
    }
    throw new org.accommodate.InputException(field.path() + ": must be US, or US- and a state's two-letter code"
        + " such as US-CA");
  }

  // "Los Angeles, CA 90012", or "California" where no state and ZIP code say otherwise (a
  // California Avenue in Chicago): a California clinic that has not said so would issue letters
  // without the notice California law asks for, so it must say where it is.
  private static final java.util.regex.Pattern STATE_ZIP = java.util.regex.Pattern.compile(
      "\\b([A-Z]{2}),?\\s+[0-9]{5}(-[0-9]{4})?\\b");
  private static final java.util.regex.Pattern CALIFORNIA = java.util.regex.Pattern.compile("(?i)\\bcalif(ornia)?\\b");

  private static String defaultJurisdiction(List<String> address) {
    String state = null;
    for (String line : address) {
      java.util.regex.Matcher m = STATE_ZIP.matcher(line);
      while (m.find()) {
        if (STATES.contains(m.group(1))) {
          state = m.group(1);
        }
      }
    }
    boolean california = state != null ? state.equals("CA")
        : address.stream().anyMatch(line -> CALIFORNIA.matcher(line).find());
    if (california) {
      throw new org.accommodate.InputException("profile.organization.jurisdiction: the clinic's address is in"
          + " California; set jurisdiction: US-CA under organization (California law adds a notice to each"
          + " letter), or the state the clinic practises in");
    }
    return "US";
  }

  private static List<String> lines(Field field) {
    List<String> lines = new ArrayList<>();
    if (field != null) {
      field.list(1, 4).forEach(line -> lines.add(line.line(120)));
    }
    return lines;
  }

  // Printed as the number HR may call to confirm the letter: it must hold one (a phone number's
  // digits, with the usual punctuation and an optional extension).
  private static String phone(Field field) {
    String phone = field.line(40);
    if (phone.chars().filter(Character::isDigit).count() < 3) {
      throw new org.accommodate.InputException(field.path() + ": must be a phone number, such as (555) 010-0123");
    }
    return phone;
  }
}
