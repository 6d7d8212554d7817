package org.accommodate.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accommodate.privacy.ScanFinding.Severity;

/**
 * Finds words that reveal substance-use or mental-health care in anything an employer could see
 * (domain.md §4): versioned English and Spanish term lists, accent-, case- and
 * hyphenation-insensitive matching with plural and gender endings, abbreviations that need
 * context, the ICD-10 F-code pattern, and the clinic's own sensitive names. Recall first:
 * ambiguous terms warn rather than pass.
 */
public final class SensitiveTermScanner {
  private static final String LISTS = "org/accommodate/privacy/terms/";
  private static final int CONTEXT_WORDS = 6;
  private static final int UNLESS_WORDS = 5;
  private static final String BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String AFTER = "(?![\\p{L}\\p{N}])";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static volatile SensitiveTermScanner standard;

  private final List<Term> terms;
  private final Set<String> context;
  private final Map<String, String> versions;

  private SensitiveTermScanner(List<Term> terms, Set<String> context, Map<String, String> versions) {
    this.terms = List.copyOf(terms);
    this.context = Set.copyOf(context);
    this.versions = Map.copyOf(versions);
  }

  /** The shipped English and Spanish lists; both always apply, whatever the letter's language. */
  public static SensitiveTermScanner standard() {
    SensitiveTermScanner scanner = standard;
    if (scanner == null) {
      List<Term> terms = new ArrayList<>();
      Set<String> context = new HashSet<>();
      Map<String, String> versions = new LinkedHashMap<>();
      for (String language : List.of("en", "es")) {
        load(language, terms, context, versions);
      }
      scanner = new SensitiveTermScanner(terms, context, versions);
      standard = scanner;
    }
    return scanner;
  }

  /** This scanner plus the clinic's own program and unit names, each a BLOCK. */
  public SensitiveTermScanner withClinicNames(List<String> names) {
    if (names.isEmpty()) {
      return this;
    }
    List<Term> all = new ArrayList<>(terms);
    for (int i = 0; i < names.size(); i++) {
      all.add(Term.words(Kind.BLOCK, "clinic-name", names.get(i), "profile:sensitive_names[" + i + "]", Set.of(), Set.of()));
    }
    return new SensitiveTermScanner(all, context, versions);
  }

  /** "en 2026.11.1, es 2026.11.1": the list versions, for the manifest and the README. */
  public String versions() {
    List<String> parts = new ArrayList<>();
    versions.forEach((language, version) -> parts.add(language + " " + version));
    return String.join(", ", parts);
  }

  /** Every finding in {@code text}, at most one per rule; {@code field} names where it was. */
  public List<ScanFinding> scan(String field, String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Views views = new Views(TextFolding.folded(text), TextFolding.joined(text), TextFolding.cased(text));
    List<ScanFinding> findings = new ArrayList<>();
    for (Term term : terms) {
      Severity severity = term.match(views, context);
      if (severity != null) {
        findings.add(new ScanFinding(field, term.category, severity, term.rule));
      }
    }
    return findings;
  }

  private record Views(String folded, String joined, String cased) {}

  private enum Kind { BLOCK, WARN, INFO, ABBR, ABBR_CTX, PATTERN }

  private static final class Term {
    final Kind kind;
    final String category;
    final String rule;
    final Pattern folded;
    final Pattern joined;
    final Set<String> unless;
    final Set<String> near;

    private Term(Kind kind, String category, String rule, Pattern folded, Pattern joined, Set<String> unless,
        Set<String> near) {
      this.kind = kind;
      this.category = category;
      this.rule = rule;
      this.folded = folded;
      this.joined = joined;
      this.unless = unless;
      this.near = near;
    }

    static Term words(Kind kind, String category, String text, String rule, Set<String> unless, Set<String> near) {
      return new Term(kind, category, rule, Pattern.compile(inflected(TextFolding.folded(text))),
          Pattern.compile(inflected(TextFolding.joined(text))), unless, near);
    }

    static Term abbreviation(Kind kind, String category, String text, String rule, Set<String> unless, Set<String> near) {
      // Plural "IOPs" and possessive forms still match; the case must be as written.
      Pattern pattern = Pattern.compile(BEFORE + Pattern.quote(text) + "s?" + AFTER);
      return new Term(kind, category, rule, pattern, null, unless, near);
    }

    static Term pattern(String category, String regex, String rule, Set<String> unless, Set<String> near) {
      return new Term(Kind.PATTERN, category, rule, Pattern.compile(BEFORE + regex + AFTER), null, unless, near);
    }

    /** The severity this term reports in the text, or null. */
    Severity match(Views views, Set<String> sharedContext) {
      Severity worst = null;
      if (kind == Kind.ABBR || kind == Kind.ABBR_CTX) {
        worst = worse(worst, contextual(folded.matcher(views.cased()), views.cased(), sharedContext, kind == Kind.ABBR));
      } else if (kind == Kind.PATTERN) {
        worst = worse(worst, contextual(folded.matcher(views.folded()), views.folded(), sharedContext, true));
      } else {
        Severity plain = Severity.valueOf(kind.name());
        worst = worse(worst, first(folded.matcher(views.folded()), views.folded()) ? plain : null);
        worst = worse(worst, first(joined.matcher(views.joined()), views.joined()) ? plain : null);
      }
      return worst;
    }

    private boolean first(Matcher matcher, String text) {
      while (matcher.find()) {
        if (!excused(text, matcher.start(), matcher.end())) {
          return true;
        }
      }
      return false;
    }

    // BLOCK with a context word nearby; otherwise WARN, or nothing when context is required.
    private Severity contextual(Matcher matcher, String text, Set<String> sharedContext, boolean warnAlone) {
      Severity worst = null;
      while (matcher.find()) {
        if (excused(text, matcher.start(), matcher.end())) {
          continue;
        }
        List<String> around = neighbours(text, matcher.start(), matcher.end(), CONTEXT_WORDS);
        boolean inContext = around.stream().anyMatch(w -> sharedContext.contains(w) || near.contains(w));
        if (kind == Kind.PATTERN && matcher.group().contains(".")) {
          inContext = true;  // F10.20: a decimal makes a code unambiguous
        }
        worst = worse(worst, inContext ? Severity.BLOCK : warnAlone ? Severity.WARN : null);
      }
      return worst;
    }

    private boolean excused(String text, int start, int end) {
      return !unless.isEmpty() && neighbours(text, start, end, UNLESS_WORDS).stream().anyMatch(unless::contains);
    }

    private static Severity worse(Severity a, Severity b) {
      if (a == null) {
        return b;
      }
      return b == null || a.ordinal() <= b.ordinal() ? a : b;
    }
  }

  /** Up to {@code count} words either side of a match, folded. */
  private static List<String> neighbours(String text, int start, int end, int count) {
    List<String> words = new ArrayList<>();
    List<String> before = new ArrayList<>();
    Matcher left = WORD.matcher(text.substring(Math.max(0, start - 120), start));
    while (left.find()) {
      before.add(left.group().toLowerCase(Locale.ROOT));
    }
    words.addAll(before.subList(Math.max(0, before.size() - count), before.size()));
    Matcher right = WORD.matcher(text.substring(end, Math.min(text.length(), end + 120)));
    for (int i = 0; i < count && right.find(); i++) {
      words.add(right.group().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /** A regex for a folded term whose last word may take plural and gender endings. */
  private static String inflected(String term) {
    String[] words = term.split(" ");
    StringBuilder regex = new StringBuilder(BEFORE);
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        regex.append("\\s+");
      }
      String word = words[i];
      if (i < words.length - 1 || word.length() < 4 || !word.chars().allMatch(Character::isLetter)) {
        regex.append(Pattern.quote(word));
      } else if (word.endsWith("o") || word.endsWith("a")) {
        regex.append(Pattern.quote(word.substring(0, word.length() - 1))).append("(?:o|a|os|as)");
      } else if (word.endsWith("y")) {
        regex.append(Pattern.quote(word.substring(0, word.length() - 1))).append("(?:y|ies)");
      } else {
        regex.append(Pattern.quote(word)).append("(?:s|es)?");
      }
    }
    return regex.append(AFTER).toString();
  }

  private static void load(String language, List<Term> terms, Set<String> context, Map<String, String> versions) {
    String name = LISTS + language + ".tsv";
    List<String> lines;
    try (InputStream in = SensitiveTermScanner.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing term list " + name);
      }
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1);
      if (line.startsWith("# version:")) {
        versions.put(language, line.substring("# version:".length()).strip().split(" ")[0]);
        continue;
      }
      if (line.startsWith("#context\t")) {
        for (String word : line.split("\t")[1].split("\\|")) {
          context.add(TextFolding.folded(word));
        }
        continue;
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length < 3) {
        throw new IllegalStateException(name + ":" + number + ": needs KIND, category and term");
      }
      Set<String> unless = Set.of();
      Set<String> near = Set.of();
      for (String option : Arrays.copyOfRange(parts, 3, parts.length)) {
        if (option.startsWith("unless=")) {
          unless = folded(option.substring(7));
        } else if (option.startsWith("near=")) {
          near = folded(option.substring(5));
        } else {
          throw new IllegalStateException(name + ":" + number + ": unknown option");
        }
      }
      String rule = language + ":" + number;
      Kind kind = Kind.valueOf(parts[0].replace('-', '_'));
      switch (kind) {
        case ABBR:
        case ABBR_CTX:
          terms.add(Term.abbreviation(kind, parts[1], parts[2], rule, unless, near));
          break;
        case PATTERN:
          terms.add(Term.pattern(parts[1], parts[2], rule, unless, near));
          break;
        default:
          terms.add(Term.words(kind, parts[1], parts[2], rule, unless, near));
      }
    }
  }

  private static Set<String> folded(String words) {
    Set<String> set = new HashSet<>();
    for (String word : words.split("\\|")) {
      set.add(TextFolding.folded(word));
    }
    return Set.copyOf(set);
  }
}
