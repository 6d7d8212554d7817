package org.accommodate.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.accommodate.InputException;
import org.accommodate.Typos;

/**
 * One node of a parsed request or profile, with the path that names it in messages.
 *
 * <p>Every message names the path and the rule, never the value: the value may be health
 * information the clinician typed by mistake.
 */
final class Field {
  /** Field names that must never appear anywhere in a request: they carry health details. */
  static final Set<String> HEALTH_FIELDS = Set.of(
      "diagnosis", "diagnoses", "dx", "icd", "icd10", "icd-10", "dsm", "condition", "conditions",
      "medication", "medications", "meds", "prescription", "prescriptions", "dose", "dosage",
      "notes", "note", "clinical_notes", "counseling_notes", "progress_notes", "treatment",
      "treatment_type", "program", "program_name", "level_of_care", "test_results", "results",
      "lab_results", "prognosis", "referral_source", "symptoms", "history");

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
  private static final Pattern TIME = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]");

  private final JsonNode node;
  private final String path;

  private Field(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static Field root(JsonNode node, String name) {
    return new Field(node, name);
  }

  String path() {
    return path;
  }

  /** Checks that this node is a mapping whose keys are all in {@code allowed}. */
  Field mapping(Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new InputException(path + ": must be a mapping of fields");
    }
    int position = 1;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      String child = child(key);
      if (HEALTH_FIELDS.contains(key.toLowerCase(Locale.ROOT))) {
        throw healthField(child);
      }
      if (!allowed.contains(key)) {
        throw new InputException(unknown(key, position, allowed));
      }
      position++;
    }
    return this;
  }

  // An unknown name is repeated only when it is a typo of one of ours. Any other may be a value
  // typed as a name ("details Start after methadone dosing: yes" has no ": " after "details") or
  // a word of the patient's, and the message reaches the terminal, manifest.json and the journal.
  private String unknown(String key, int position, Set<String> allowed) {
    String names = String.join(", ", allowed.stream().sorted().toList());
    List<String> typo = NAME.matcher(key).matches() ? Typos.nearMisses(key, allowed, 1) : List.of();
    if (!typo.isEmpty()) {
      return child(key) + ": unknown field; did you mean " + typo.get(0) + "? (allowed here: " + names + ")";
    }
    return (path.isEmpty() ? "request" : path) + ": field " + position + " is none of " + names
        + "; its name is not repeated here, as it may hold text meant as a value (a missing \": \"?)";
  }

  private static InputException healthField(String path) {
    // A profile's fields are named from its root, "profile"; a request's from the top.
    String document = path.startsWith("profile.") ? "a clinic profile" : "a request";
    return new InputException(path + ": health details never belong in " + document + "; remove"
        + " this field (a letter states work availability only)");
  }

  /**
   * Refuses a health field anywhere under this node, at any depth: for a reader that maps only
   * the parts it uses, so that the rest is still never a place for health details.
   */
  void refuseHealthFieldsBelow() {
    refuseHealthFields(node, path);
  }

  private static void refuseHealthFields(JsonNode node, String path) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseHealthFields(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (HEALTH_FIELDS.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
          throw healthField(child);
        }
        refuseHealthFields(entry.getValue(), child);
      }
    }
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Optional<Field> optional(String key) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Field(child, child(key)));
  }

  Field required(String key) {
    return optional(key).orElseThrow(() -> new InputException(child(key) + ": is required"));
  }

  boolean has(String key) {
    return optional(key).isPresent();
  }

  /** A non-blank single-line string of at most {@code maxLength} characters. */
  String line(int maxLength) {
    String text = string(maxLength);
    if (text.contains("\n")) {
      throw new InputException(path + ": must be a single line");
    }
    return text;
  }

  /** A file named relative to {@code base}; a name this system cannot hold is refused by field. */
  Path file(Path base) {
    String name = line(400);
    try {
      return base.resolve(name);
    } catch (InvalidPathException e) {
      throw new InputException(path + ": is not a file name this system can use");
    }
  }

  /**
   * A single line holding at least one letter: a name or a phrase. A number, a date or a time
   * in its place (a value typed into the wrong field) would be printed as someone's name.
   */
  String words(int maxLength) {
    String text = line(maxLength);
    if (text.codePoints().noneMatch(Character::isLetter)) {
      throw new InputException(path + ": must contain letters");
    }
    return text;
  }

  /** A non-blank string of at most {@code maxLength} characters; line breaks allowed. */
  String string(int maxLength) {
    if (!node.isTextual() && !node.isNumber()) {
      throw new InputException(path + ": must be text");
    }
    String text = node.asText().strip();
    if (text.isEmpty()) {
      throw new InputException(path + ": must not be empty");
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      throw new InputException(path + ": is longer than " + maxLength + " characters");
    }
    // Control and bidi-override characters can hide text from the reader of the letter.
    if (CONTROL.matcher(text).find()) {
      throw new InputException(path + ": contains control or text-direction override characters");
    }
    return text.replace("\t", " ");
  }

  // Four digits for the year: LocalDate also reads "+10000-01-01" and "-2026-01-01".
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** A date as YYYY-MM-DD from the year 2000 on: no letter of this tool concerns an earlier one. */
  LocalDate date() {
    String text = node.isTextual() ? node.asText().strip() : "";
    if (!DATE.matcher(text).matches()) {
      throw new InputException(path + ": must be a date written as YYYY-MM-DD");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(text);
    } catch (DateTimeException e) {
      throw new InputException(path + ": must be a date written as YYYY-MM-DD", e);
    }
    if (date.getYear() < 2000) {
      throw new InputException(path + ": must be in the year 2000 or later");
    }
    return date;
  }

  private static final Pattern MONTH = Pattern.compile("([0-9]{4})-([0-9]{2})(-[0-9]{2})?");

  /**
   * A month as YYYY-MM (a full YYYY-MM-DD is taken for its month: only the month is ever
   * printed), from 1900 on.
   */
  java.time.YearMonth month() {
    String text = node.isTextual() ? node.asText().strip() : "";
    var matcher = MONTH.matcher(text);
    String format = path + ": must be a month written as YYYY-MM";
    if (!matcher.matches()) {
      throw new InputException(format);
    }
    try {
      if (matcher.group(3) != null) {
        LocalDate.parse(text);  // a full date must be a real one
      }
      java.time.YearMonth month = java.time.YearMonth.of(Integer.parseInt(matcher.group(1)),
          Integer.parseInt(matcher.group(2)));
      if (month.getYear() < 1900) {
        throw new InputException(path + ": must be in the year 1900 or later");
      }
      return month;
    } catch (DateTimeException e) {
      throw new InputException(format, e);
    }
  }

  // A region of the tz database ("America/Chicago"), or UTC; not "CST" or "-06:00", which name
  // one side of daylight saving time only.
  private static final Pattern ZONE = Pattern.compile("[A-Za-z_]+(/[A-Za-z0-9_+-]+)+|UTC");

  ZoneId zone() {
    String text = node.isTextual() ? node.asText().strip() : "";
    try {
      if (ZONE.matcher(text).matches()) {
        return ZoneId.of(text);
      }
    } catch (DateTimeException e) {
      // an unknown region: refused below
    }
    throw new InputException(path + ": must be a time zone name such as America/Chicago (the workplace's)");
  }

  LocalTime time() {
    if (!node.isTextual()) {
      // YAML 1.1 reads an unquoted 9:00 as the number 540.
      throw new InputException(path + ": must be a 24-hour time in quotes, such as \"09:00\"");
    }
    String text = node.asText().strip();
    if (!TIME.matcher(text).matches()) {
      throw new InputException(path + ": must be a 24-hour time HH:MM, such as \"09:00\"");
    }
    return LocalTime.parse(text.length() == 4 ? "0" + text : text);
  }

  int integer(int min, int max) {
    if (!node.canConvertToExactIntegral() || !node.isNumber()) {
      throw new InputException(path + ": must be a whole number");
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw new InputException(path + ": must be between " + min + " and " + max);
    }
    return (int) value;
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw new InputException(path + ": must be true or false");
    }
    return node.booleanValue();
  }

  boolean isList() {
    return node.isArray();
  }

  List<Field> list(int min, int max) {
    if (!node.isArray()) {
      throw new InputException(path + ": must be a list");
    }
    if (node.size() < min) {
      throw new InputException(path + ": needs at least " + min + (min == 1 ? " entry" : " entries"));
    }
    if (node.size() > max) {
      throw new InputException(path + ": has more than " + max + " entries");
    }
    List<Field> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      items.add(new Field(node.get(i), path + "[" + i + "]"));
    }
    return items;
  }

  /** The value as a keyword, for enumerations; the value itself is never echoed. */
  <E extends Enum<E> & Keyword> E keyword(Class<E> type) {
    String word = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
    for (E constant : type.getEnumConstants()) {
      if (constant.keyword().equals(word)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.keyword());
    }
    throw new InputException(path + ": must be one of " + String.join(", ", allowed));
  }

  /** An enumeration whose request spelling is a lower-case keyword. */
  interface Keyword {
    String keyword();
  }
}
