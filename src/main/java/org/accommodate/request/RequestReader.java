package org.accommodate.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.accommodate.InputException;
import org.accommodate.PrivacyRefusalException;

/** Parses and validates a request file (YAML or JSON, same schema; design.md). */
public final class RequestReader {
  private static final Set<String> TOP = Set.of("template", "language", "date", "level", "patient",
      "employer", "period", "unavailable", "accommodation", "authorization", "functional_limitations",
      "condition_category", "round_minutes", "work_restrictions", "time_zone",
      "episodes", "patient_copy");
  private static final Set<String> PATIENT = Set.of("name", "reference", "employee_id", "under_care_since");
  private static final Set<String> AUTHORIZATION = Set.of("reference", "signed", "signed_by", "expires", "recipient",
      "purpose", "discloses", "authority", "document", "document_sha256", "regimes", "form_code");
  // What only the signed form can tell: left empty while the form is being printed.
  private static final Set<String> SIGNATURE = Set.of("authorization.reference", "authorization.signed",
      "authorization.signed_by", "authorization.authority", "authorization.document", "authorization.document_sha256",
      "authorization.form_code");
  private static final Map<String, DayOfWeek> DAYS = dayNames();
  static final String DEFAULT_TEMPLATE = "schedule-adjustment";
  static final String DEFAULT_ATTENTION = "Human Resources";
  static final String DEFAULT_ATTENTION_ES = "Recursos Humanos";

  private final Clock clock;

  public RequestReader(Clock clock) {
    this.clock = clock;
  }

  /**
   * A request file's bytes, parsed with {@link #read(byte[], String)}; {@code display} is how
   * messages name it (as the user typed it).
   */
  public byte[] bytes(Path file, String display) {
    return Documents.bytes(file, display, "request");
  }

  /** A request streamed in, such as an EHR export piped to standard input. */
  public byte[] bytes(java.io.InputStream in, String display) {
    return Documents.bytes(in, display, "request");
  }

  /** A request whose relative paths (authorization.document) are from the working folder. */
  public LetterRequest read(byte[] document, String name) {
    return read(document, name, Path.of("").toAbsolutePath());
  }

  /**
   * A request; {@code folder} is where its relative paths start: the request file's own folder,
   * so that a request and its signed form can move together.
   */
  public LetterRequest read(byte[] document, String name, Path folder) {
    return read(Documents.parse(document, name, "request"), folder);
  }

  private LetterRequest read(JsonNode tree, Path folder) {
    refusePlaceholders(tree);
    Field root = Field.root(tree, "").mapping(TOP);
    if (!root.has("authorization")) {
      // 45 CFR 164.508 / 42 CFR 2.31: no letter without the patient's signed authorization.
      throw new PrivacyRefusalException("authorization: no patient authorization in the request;"
          + " a letter needs the patient's signed authorization on file");
    }
    String template = root.optional("template").map(RequestReader::templateId).orElse(null);
    Language language = root.optional("language").map(f -> f.keyword(Language.class)).orElse(Language.EN);
    LocalDate date = root.optional("date").map(Field::date).orElseGet(() -> LocalDate.now(clock));
    DisclosureLevel level = root.optional("level").map(f -> f.keyword(DisclosureLevel.class))
        .orElse(DisclosureLevel.SCHEDULE_ONLY);
    List<LifeActivity> limitations = new ArrayList<>();
    if (level == DisclosureLevel.SCHEDULE_ONLY) {
      for (String field : List.of("functional_limitations", "condition_category")) {
        if (root.has(field)) {
          throw new InputException(field + ": only with level functional or condition-category"
              + " (the default level, schedule-only, says nothing about limitations)");
        }
      }
    } else {
      for (Field item : root.required("functional_limitations").list(1, 4)) {
        LifeActivity activity = item.keyword(LifeActivity.class);
        if (limitations.contains(activity)) {
          throw new InputException(item.path() + ": repeats an activity already listed");
        }
        limitations.add(activity);
      }
    }
    ConditionCategory condition = null;
    if (level == DisclosureLevel.CONDITION_CATEGORY) {
      condition = root.required("condition_category").keyword(ConditionCategory.class);
    } else if (root.has("condition_category")) {
      throw new InputException("condition_category: only with level condition-category");
    }
    Integer round = root.optional("round_minutes").map(f -> f.integer(0, 60)).orElse(null);
    if (round != null && round != 0 && round != 15 && round != 30 && round != 60) {
      throw new InputException("round_minutes: must be 0, 15, 30 or 60");
    }
    if (root.has("time_zone") && !root.has("unavailable")) {
      throw new InputException("time_zone: only with unavailable times, which it is stated with");
    }
    Patient patient = patient(root.required("patient"));
    if (patient.underCareSince() != null && patient.underCareSince().isAfter(java.time.YearMonth.from(date))) {
      throw new InputException("patient.under_care_since: is after the letter date");
    }
    return new LetterRequest(template, language, date, level,
        patient,
        employer(root.required("employer"), language),
        period(root.required("period")),
        root.optional("unavailable").map(RequestReader::unavailable).orElse(List.of()),
        accommodation(root.required("accommodation")),
        authorization(root.required("authorization"), folder),
        limitations, condition, round, root.optional("work_restrictions").map(f -> f.string(300)).orElse(null),
        root.optional("time_zone").map(Field::zone).orElse(null),
        root.optional("episodes").map(RequestReader::episodes).orElse(null),
        root.optional("patient_copy").map(f -> f.keyword(Language.class)).orElse(null));
  }

  /**
   * The part of a request an authorization form is filled from ({@link FormRequest}): read
   * before the patient signs, so the signature fields may still be missing or hold the example's
   * placeholders; every field the form prints is checked as a letter's is, and an authorization
   * already expired is refused.
   */
  public FormRequest readForForm(byte[] document, String name) {
    JsonNode tree = Documents.parse(document, name, "request");
    List<String> printed = List.of("template", "level", "accommodation.type", "language", "patient_copy", "patient.name",
        "authorization.recipient", "authorization.purpose", "authorization.discloses", "authorization.expires",
        "authorization.regimes");
    List<String> unfilled = placeholders(tree);
    refusePlaceholders(unfilled, path -> printed.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "[")));
    Field root = Field.root(tree, "").mapping(TOP);
    root.refuseHealthFieldsBelow();  // also in the parts a form does not read
    Field authorization = root.required("authorization").mapping(AUTHORIZATION);
    EnumSet<Category> categories = discloses(authorization);
    Field expires = authorization.required("expires");
    LocalDate last = expires.date();
    if (last.isBefore(LocalDate.now(clock))) {
      throw new InputException(expires.path() + ": is already past; a new form needs the last day it is to be valid");
    }
    Field patient = root.required("patient").mapping(PATIENT);
    // What the letter will print, so that the form asks for that and no more.
    String template = root.optional("template").map(RequestReader::templateId).orElse(null);
    AccommodationType type = root.optional("accommodation").flatMap(a -> a.mapping(Set.of("type", "details"))
        .optional("type")).map(f -> f.keyword(AccommodationType.class)).orElse(null);
    // The employer and the period, once typed in: a form whose recipient is not the letter's
    // employer, or that ends before the letter's period does, would have to be signed again.
    String employer = unfilled.contains("employer.organization") ? null
        : root.optional("employer").flatMap(e -> e.optional("organization")).map(f -> f.words(200)).orElse(null);
    LocalDate lastDay = unfilled.stream().anyMatch(p -> p.startsWith("period.")) ? null
        : root.optional("period").map(RequestReader::period).map(Period::lastDay).orElse(null);
    return new FormRequest(patient.required("name").words(200),
        root.optional("language").map(f -> f.keyword(Language.class)).orElse(Language.EN),
        root.optional("patient_copy").map(f -> f.keyword(Language.class)).orElse(null),
        authorization.required("recipient").words(200), authorization.required("purpose").words(300),
        categories, last, regimes(authorization), template, type,
        root.optional("level").map(f -> f.keyword(DisclosureLevel.class)).orElse(DisclosureLevel.SCHEDULE_ONLY),
        employer, lastDay);
  }

  private static EnumSet<Category> discloses(Field authorization) {
    EnumSet<Category> categories = EnumSet.noneOf(Category.class);
    for (Field category : authorization.required("discloses").list(1, Category.values().length)) {
      categories.add(category.keyword(Category.class));
    }
    return categories;
  }

  private static String templateId(Field field) {
    String template = field.line(64);
    if (!template.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new InputException("template: must be a template id such as " + DEFAULT_TEMPLATE);
    }
    return template;
  }

  private static Patient patient(Field field) {
    field.mapping(PATIENT);
    String reference = field.optional("reference").map(f -> f.line(100)).orElse(null);
    Field id = field.optional("employee_id").orElse(null);
    String employeeId = id == null ? null : id.line(40);
    if (employeeId != null && !employeeId.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ./-]*")) {
      throw new InputException(id.path() + ": must be the employer's ID for the employee:"
          + " letters, digits, spaces, dots, slashes and dashes");
    }
    // The clinic's record number typed into the wrong field would be printed.
    if (employeeId != null && reference != null && References.key(employeeId).equals(References.key(reference))) {
      throw new InputException(id.path() + ": is the same as patient.reference, the clinic's own"
          + " ID, which is never printed; give the employer's ID for the employee or leave it out");
    }
    return new Patient(field.required("name").words(200), reference, employeeId,
        field.optional("under_care_since").map(Field::month).orElse(null));
  }

  private static Employer employer(Field field, Language language) {
    field.mapping(Set.of("organization", "attention", "address"));
    List<String> address = new ArrayList<>();
    field.optional("address").ifPresent(f -> f.list(1, 6).forEach(line -> address.add(line.line(120))));
    return new Employer(field.required("organization").words(200),
        field.optional("attention").map(f -> f.words(120))
            .orElse(language == Language.ES ? DEFAULT_ATTENTION_ES : DEFAULT_ATTENTION), address);
  }

  private static Period period(Field field) {
    field.mapping(Set.of("start", "end", "weeks", "review"));
    LocalDate start = field.required("start").date();
    int given = (field.has("end") ? 1 : 0) + (field.has("weeks") ? 1 : 0) + (field.has("review") ? 1 : 0);
    if (given != 1) {
      throw new InputException(field.path() + ": give exactly one of end, weeks or review");
    }
    if (field.has("review")) {
      LocalDate review = field.required("review").date();
      if (review.isBefore(start)) {
        throw new InputException(field.path() + ".review: must be on or after period.start");
      }
      return new Period(start, null, review);
    }
    LocalDate end;
    if (field.has("weeks")) {
      end = start.plusWeeks(field.required("weeks").integer(1, 52)).minusDays(1);
    } else {
      end = field.required("end").date();
      if (end.isBefore(start)) {
        throw new InputException(field.path() + ".end: must be on or after period.start");
      }
    }
    if (end.isAfter(start.plusYears(1))) {
      throw new InputException(field.path() + ": may span at most one year; use a review date");
    }
    return new Period(start, end, null);
  }

  private static List<UnavailableBlock> unavailable(Field field) {
    List<UnavailableBlock> blocks = new ArrayList<>();
    List<Field> items = field.list(1, 14);
    for (int i = 0; i < items.size(); i++) {
      Field item = items.get(i).mapping(Set.of("days", "from", "to"));
      EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      Field daysField = item.required("days");
      if (!daysField.isList()) {
        throw new InputException(daysField.path() + ": must be a list of weekdays, such as [MON, WED, FRI]");
      }
      for (Field day : daysField.list(1, 7)) {
        DayOfWeek parsed = day(day);
        if (!days.add(parsed)) {
          throw new InputException(day.path() + ": repeats a day already listed");
        }
      }
      LocalTime from = item.required("from").time();
      LocalTime to = item.required("to").time();
      if (!to.isAfter(from)) {
        throw new InputException(item.path() + ".to: must be later than " + item.path() + ".from");
      }
      UnavailableBlock block = new UnavailableBlock(days, from, to);
      for (int j = 0; j < blocks.size(); j++) {
        if (blocks.get(j).overlaps(block)) {
          throw new InputException(item.path() + ": overlaps " + field.path() + "[" + j + "]");
        }
      }
      blocks.add(block);
    }
    return blocks;
  }

  private static Episodes episodes(Field field) {
    field.mapping(Set.of("times", "per", "days", "hours"));
    int times = field.required("times").integer(1, 10);
    Episodes.Per per = field.required("per").keyword(Episodes.Per.class);
    if (field.has("days") == field.has("hours")) {
      throw new InputException(field.path() + ": give days or hours, how long each absence may last");
    }
    int days = field.optional("days").map(f -> f.integer(1, 10)).orElse(0);
    int hours = field.optional("hours").map(f -> f.integer(1, 12)).orElse(0);
    return new Episodes(times, per, days, hours);
  }

  private static DayOfWeek day(Field field) {
    String name;
    try {
      name = field.line(12).toLowerCase(Locale.ROOT);
    } catch (InputException e) {
      throw new InputException(field.path() + ": must be a weekday such as MON or Monday");
    }
    DayOfWeek day = DAYS.get(name);
    String[] ends = name.split("\\s*[-\u2013]\\s*", -1);
    boolean span = ends.length == 2 && DAYS.containsKey(ends[0]) && DAYS.containsKey(ends[1]);
    if (day == null && (span || name.equals("weekdays") || name.equals("weekends") || name.equals("daily"))) {
      // "MON-FRI" or "weekdays": a span the reader would have to guess the ends of.
      throw new InputException(field.path() + ": must be one weekday per entry; list each day, such as"
          + " [MON, TUE, WED, THU, FRI]");
    }
    if (day == null) {
      throw new InputException(field.path() + ": must be a weekday such as MON or Monday");
    }
    return day;
  }

  private static Accommodation accommodation(Field field) {
    field.mapping(Set.of("type", "details"));
    return new Accommodation(field.required("type").keyword(AccommodationType.class),
        field.optional("details").map(f -> f.string(500)).orElse(null));
  }

  private static Authorization authorization(Field field, Path folder) {
    field.mapping(AUTHORIZATION);
    EnumSet<Category> categories = discloses(field);
    // 45 CFR 164.508(c)(1)(vi): a representative's signature comes with a description of their
    // authority to act for the patient; without it the authorization is incomplete.
    Signer signer = field.required("signed_by").keyword(Signer.class);
    String authority = null;
    if (signer == Signer.REPRESENTATIVE) {
      authority = field.optional("authority").map(f -> f.words(200)).orElseThrow(() -> new InputException(
          field.path() + ".authority: is required when signed_by is representative: the representative's authority"
              + " to act for the patient, as the authorization states it (45 CFR 164.508(c)(1)(vi))"));
    } else if (field.has("authority")) {
      throw new InputException(field.path() + ".authority: only when signed_by is representative");
    }
    return new Authorization(
        field.required("reference").line(100),
        field.required("signed").date(),
        signer,
        field.required("expires").date(),
        field.required("recipient").words(200),
        field.required("purpose").words(300),
        categories, authority, formSha256(field, folder), regimes(field),
        field.optional("form_code").map(RequestReader::formCode).orElse(null));
  }

  // As printed on the form (XXXX-XXXX), read as Crockford's base 32 is.
  private static String formCode(Field field) {
    String typed = org.accommodate.Crockford.digits(field.line(40));
    if (typed == null || typed.length() != 8) {
      throw new InputException(field.path() + ": must be the 8-character scope code printed on the form, such as"
          + " 7KQF-2MXA");
    }
    return typed.substring(0, 4) + "-" + typed.substring(4);
  }

  // The signed form's SHA-256: as the request gives it, or read from the form's file, or both,
  // when they must agree (domain.md rule 10: the authorization is pinned by its hash).
  private static String formSha256(Field authorization, Path folder) {
    String given = authorization.optional("document_sha256").map(RequestReader::sha256).orElse(null);
    Field document = authorization.optional("document").orElse(null);
    if (document == null) {
      return given;
    }
    String read = SignedForm.sha256(document, folder);
    if (given != null && !given.equals(read)) {
      throw new PrivacyRefusalException(document.path() + ": the file's SHA-256 is not the one "
          + authorization.path() + ".document_sha256 gives; the form on file is not the one the request names");
    }
    return read;
  }

  // An example's <...> left in place (templates show ID --example) would print as a name or a
  // purpose: refused, naming every such field at once, and never echoed (the brackets may hold
  // what was typed).
  private static void refusePlaceholders(JsonNode tree) {
    refusePlaceholders(placeholders(tree), path -> true);
  }

  // Only the fields {@code read} accepts: a form leaves the signature's fields for later.
  private static void refusePlaceholders(List<String> found, java.util.function.Predicate<String> read) {
    List<String> fields = new ArrayList<>(found);
    fields.removeIf(read.negate());
    // Only the signature's fields left: the patient has likely not signed yet.
    String unsigned = !fields.isEmpty() && SIGNATURE.containsAll(fields)
        ? "; not signed yet? the authorization-form command prints the form for the patient to sign" : "";
    if (fields.size() == 1) {
      throw new InputException(fields.get(0) + ": still holds a placeholder in angle brackets; replace it with the value"
          + unsigned);
    }
    if (!fields.isEmpty()) {
      String shown = String.join(", ", fields.subList(0, Math.min(8, fields.size())))
          + (fields.size() > 8 ? " and " + (fields.size() - 8) + " more" : "");
      throw new InputException(shown + ": still hold placeholders in angle brackets; replace them with the values"
          + unsigned);
    }
  }

  // The paths of every field still holding a placeholder.
  private static List<String> placeholders(JsonNode tree) {
    List<String> found = new ArrayList<>();
    placeholders(tree, "", found);
    return found;
  }

  private static void placeholders(JsonNode node, String path, List<String> found) {
    if (node.isTextual()) {
      String text = node.asText().strip();
      if (text.length() > 1 && text.startsWith("<") && text.endsWith(">")) {
        found.add(path);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        placeholders(node.get(i), path + "[" + i + "]", found);
      }
    } else if (node.isObject()) {
      // A health field is refused by its own name, whatever it holds (Field.mapping).
      node.fields().forEachRemaining(e -> {
        if (!Field.HEALTH_FIELDS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
          placeholders(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), found);
        }
      });
    }
  }

  private static Set<Regime> regimes(Field authorization) {
    if (!authorization.has("regimes")) {
      return Set.of(Regime.HIPAA);
    }
    EnumSet<Regime> regimes = EnumSet.noneOf(Regime.class);
    for (Field regime : authorization.required("regimes").list(1, Regime.values().length)) {
      regimes.add(regime.keyword(Regime.class));
    }
    return regimes;
  }

  // As sha256sum prints it: 64 hex digits (the file name after them is tolerated and dropped).
  private static String sha256(Field field) {
    String[] words = field.line(600).split("\\s+", 2);
    if (!words[0].matches("[0-9a-fA-F]{64}")) {
      throw new InputException(field.path() + ": must be the SHA-256 of the signed form's file, 64 hex digits"
          + " as sha256sum prints them");
    }
    return words[0].toLowerCase(Locale.ROOT);
  }

  private static Map<String, DayOfWeek> dayNames() {
    Map<String, DayOfWeek> names = new java.util.HashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      String full = day.name().toLowerCase(Locale.ROOT);
      names.put(full, day);
      names.put(full + "s", day);  // "Tuesdays", as the letter itself says it
      names.put(full.substring(0, 3), day);
    }
    return Map.copyOf(names);
  }
}
