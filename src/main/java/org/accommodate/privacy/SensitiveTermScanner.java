package org.accommodate.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accommodate.privacy.ScanFinding.Severity;

/**
 * Finds words that reveal substance-use or mental-health care in anything an employer could see
 * (domain.md §4): versioned English and Spanish term lists, accent-, case- and
 * hyphenation-insensitive matching with plural and gender endings, abbreviations that need
 * context, the ICD-10 F-code pattern, and the clinic's own sensitive names. Recall first:
 * ambiguous terms warn rather than pass.
 *
 * <p>Texts are split into words once and terms are looked up by their first word, so a scan costs
 * about one hash lookup per word whatever the size of the lists.
 */
public final class SensitiveTermScanner {
  private static final String LISTS = "org/accommodate/privacy/terms/";
  private static final int CONTEXT_WORDS = 6;
  private static final int UNLESS_WORDS = 5;
  private static volatile SensitiveTermScanner standard;

  private final List<Term> terms;
  private final Map<String, List<Term>> byFirstWord;
  private final Map<String, List<Term>> abbreviations;
  private final List<Term> patterns;
  private final Set<String> context;
  private final Map<String, String> versions;

  private SensitiveTermScanner(List<Term> terms, Set<String> context, Map<String, String> versions) {
    this.terms = List.copyOf(terms);
    this.context = Set.copyOf(context);
    // Sorted: Map.copyOf's order changes from run to run, and "Term lists:" is read by people.
    this.versions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(versions));
    Map<String, List<Term>> first = new HashMap<>();
    Map<String, List<Term>> abbreviated = new HashMap<>();
    List<Term> regexes = new ArrayList<>();
    for (Term term : terms) {
      switch (term.kind) {
        case ABBR:
        case ABBR_CTX:
          abbreviated.computeIfAbsent(term.words[0][0], k -> new ArrayList<>()).add(term);
          abbreviated.computeIfAbsent(term.words[0][0] + "s", k -> new ArrayList<>()).add(term);
          break;
        case PATTERN:
          regexes.add(term);
          break;
        default:
          for (String[] words : term.variants()) {
            for (String form : term.firstForms(words)) {
              first.computeIfAbsent(form, k -> new ArrayList<>()).add(term);
            }
          }
      }
    }
    this.byFirstWord = first;
    this.abbreviations = abbreviated;
    this.patterns = List.copyOf(regexes);
  }

  /** The shipped English and Spanish lists; both always apply, whatever the letter's language. */
  public static SensitiveTermScanner standard() {
    SensitiveTermScanner scanner = standard;
    return scanner != null ? scanner : built();
  }

  // Built once: a second caller (the start-up thread of Letters.prepare and the letter's own)
  // waits for the first instead of building it again.
  private static synchronized SensitiveTermScanner built() {
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

  /** "en 2026.12.1, es 2026.12.1": the list versions, for the manifest and the README. */
  public String versions() {
    List<String> parts = new ArrayList<>();
    versions.forEach((language, version) -> parts.add(language + " " + version));
    return String.join(", ", parts);
  }

  /**
   * Whether a random code (a letter ID) reads as one of the listed terms: the scan finds a term
   * in one of its dash-separated groups, or a group holds an abbreviation of three letters or
   * more anywhere in it. The letter ID is exempt from the scan of the letter it names, and it is
   * the file's name too: "ADHD-FZ2A-8ZPF-Y3WM" came out of a test run.
   */
  public boolean spelledIn(String code) {
    for (String group : code.split("-")) {
      if (!scan("code", group).isEmpty()) {
        return true;
      }
      for (Term term : terms) {
        if ((term.kind == Kind.ABBR || term.kind == Kind.ABBR_CTX) && term.words[0][0].length() >= 3
            && group.contains(term.words[0][0].toUpperCase(java.util.Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every finding in {@code text}, at most one per rule; {@code field} names where it was. */
  public List<ScanFinding> scan(String field, String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    Map<Term, Severity> found = new LinkedHashMap<>();
    TextFolding.Views views = TextFolding.views(text);
    String[] folded = words(views.folded());
    String[] joined = words(views.joined());
    scanWords(folded, found);
    scanWords(joined, found);
    scanAbbreviations(words(views.cased()), folded, found);
    if (!views.joinedCased().equals(views.cased())) {
      scanAbbreviations(words(views.joinedCased()), joined, found);  // "I.O.P.", "A.A."
    }
    if (!patterns.isEmpty()) {
      String withDots = views.folded();
      for (Term term : patterns) {
        if (!term.starts.isEmpty() && term.starts.stream().noneMatch(withDots::contains)) {
          continue;  // what every match begins with is not there: no regex run over the text
        }
        for (MatchResult matcher : matches(term.pattern, withDots)) {
          String[] before = words(withDots.substring(0, matcher.start()));
          String[] after = words(withDots.substring(matcher.end()));
          String[] window = concat(tail(before, CONTEXT_WORDS), head(after, CONTEXT_WORDS));
          String[] near = concat(tail(before, UNLESS_WORDS), head(after, UNLESS_WORDS));
          if (Arrays.stream(near).anyMatch(term.unless::contains)) {
            continue;
          }
          boolean inContext = matcher.group().contains(".")
              || Arrays.stream(window).anyMatch(w -> context.contains(w) || term.near.contains(w));
          record(found, term, inContext ? Severity.BLOCK : Severity.WARN);
        }
      }
    }
    List<ScanFinding> findings = new ArrayList<>();
    found.forEach((term, severity) -> findings.add(new ScanFinding(field, term.category, severity, term.rule)));
    return findings;
  }

  /**
   * The matches of a term's pattern that no letter or digit precedes, as the regex
   * {@code (?<![\p{L}\p{N}])pattern} would find them. The look-behind is tested only where the
   * rest matched: as part of the regex it ran at every position of the text (a third of the
   * output scan).
   */
  static List<MatchResult> matches(Pattern pattern, String text) {
    List<MatchResult> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && matcher.find(from)) {
      // One char back, as java.util.regex looks behind: a letter outside the BMP before the
      // match does not count (the scanned text is NFKC-folded, so such letters are rare).
      if (matcher.start() > 0 && wordCharacter(text.charAt(matcher.start() - 1))) {
        from = matcher.start() + 1;  // where the regex's own search would go on
      } else {
        found.add(matcher.toMatchResult());
        from = Math.max(matcher.end(), matcher.start() + 1);
      }
    }
    return found;
  }

  private void scanWords(String[] words, Map<Term, Severity> found) {
    for (int i = 0; i < words.length; i++) {
      List<Term> candidates = byFirstWord.get(words[i]);
      if (candidates == null) {
        continue;
      }
      for (Term term : candidates) {
        int end = term.matchAt(words, i);
        if (end > 0 && !term.excused(words, i, end)) {
          // An ambiguous word beside one of its own care words ("depression" near "treatment")
          // is its care sense: BLOCK. The shared context list is too broad for plain words.
          boolean boosted = term.kind == Kind.WARN && !term.near.isEmpty() && nearOwnWords(words, i, end, term);
          record(found, term, boosted ? Severity.BLOCK : Severity.valueOf(term.kind.name()));
        }
      }
    }
  }

  // Abbreviations match as written, in capitals; the words around them, folded, give context.
  private void scanAbbreviations(String[] casedWords, String[] folded, Map<Term, Severity> found) {
    for (int i = 0; i < casedWords.length; i++) {
      List<Term> candidates = abbreviations.get(casedWords[i]);
      if (candidates == null) {
        continue;
      }
      for (Term term : candidates) {
        if (term.excused(folded, i, i + 1)) {
          continue;
        }
        boolean inContext = nearContext(folded, i, i + 1, term);
        record(found, term, inContext ? Severity.BLOCK : term.kind == Kind.ABBR ? Severity.WARN : null);
      }
    }
  }

  private boolean nearContext(String[] words, int start, int end, Term term) {
    for (int i = Math.max(0, start - CONTEXT_WORDS); i < Math.min(words.length, end + CONTEXT_WORDS); i++) {
      if ((i < start || i >= end) && (context.contains(words[i]) || term.near.contains(words[i]))) {
        return true;
      }
    }
    return false;
  }

  private static boolean nearOwnWords(String[] words, int start, int end, Term term) {
    for (int i = Math.max(0, start - CONTEXT_WORDS); i < Math.min(words.length, end + CONTEXT_WORDS); i++) {
      if ((i < start || i >= end) && term.near.contains(words[i])) {
        return true;
      }
    }
    return false;
  }

  private static void record(Map<Term, Severity> found, Term term, Severity severity) {
    if (severity == null) {
      return;
    }
    Severity previous = found.get(term);
    if (previous == null || severity.ordinal() < previous.ordinal()) {
      found.put(term, severity);
    }
  }

  /** The runs of letters and digits (\\p{L}, \\p{N}), in order. */
  static String[] words(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (wordCharacter(c)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      }
      i += Character.charCount(c);
    }
    if (start >= 0) {
      words.add(text.substring(start));
    }
    return words.toArray(new String[0]);
  }

  private static boolean wordCharacter(int c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  private static String[] tail(String[] words, int count) {
    return Arrays.copyOfRange(words, Math.max(0, words.length - count), words.length);
  }

  private static String[] head(String[] words, int count) {
    return Arrays.copyOf(words, Math.min(count, words.length));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private enum Kind { BLOCK, WARN, INFO, ABBR, ABBR_CTX, PATTERN }

  static final class Term {
    final Kind kind;
    final String category;
    final String rule;
    /** The term's words, as folded (index 0) and with hyphens joined (index 1, when different). */
    final String[][] words;
    /** Accepted forms of the last word (plural and gender endings). */
    final Set<String>[] lastForms;
    final Pattern pattern;
    final List<String> starts;  // patterns only: see literalStarts
    final Set<String> unless;
    final Set<String> near;

    @SuppressWarnings("unchecked")
    // regex: a pattern's, matched where no letter or digit follows (null for words)
    private Term(Kind kind, String category, String rule, String[][] words, String regex, Set<String> unless,
        Set<String> near) {
      this.kind = kind;
      this.category = category;
      this.rule = rule;
      this.words = words;
      this.pattern = regex == null ? null : Pattern.compile("(?:" + regex + ")(?![\\p{L}\\p{N}])");
      this.starts = regex == null ? List.of() : literalStarts(regex);
      this.unless = unless;
      this.near = near;
      this.lastForms = new Set[words.length];
      for (int v = 0; v < words.length; v++) {
        String[] variant = words[v];
        lastForms[v] = variant.length == 0 ? Set.of() : inflections(variant[variant.length - 1]);
      }
    }

    static Term words(Kind kind, String category, String text, String rule, Set<String> unless, Set<String> near) {
      TextFolding.Views views = TextFolding.views(text);
      String[] folded = SensitiveTermScanner.words(views.folded());
      String[] joined = SensitiveTermScanner.words(views.joined());
      String[][] variants = Arrays.equals(folded, joined) ? new String[][] {folded} : new String[][] {folded, joined};
      return new Term(kind, category, rule, variants, null, unless, near);
    }

    static Term abbreviation(Kind kind, String category, String text, String rule, Set<String> unless, Set<String> near) {
      return new Term(kind, category, rule, new String[][] {{TextFolding.plain(text)}}, null, unless, near);
    }

    static Term pattern(String category, String regex, String rule, Set<String> unless, Set<String> near) {
      return new Term(Kind.PATTERN, category, rule, new String[][] {}, regex, unless, near);
    }

    // What every match of a pattern begins with: one of these plain strings ("born " of "born (on
    // |in )?…"; "5150", "5250"… of "5150|5250|…"), or anything when the list is empty. Each runs
    // up to the first character with a meaning in a regex; one a quantifier follows may be absent.
    static List<String> literalStarts(String regex) {
      List<String> starts = new ArrayList<>();
      int depth = 0;
      boolean inClass = false;
      int from = 0;
      for (int i = 0; i <= regex.length(); i++) {
        char c = i < regex.length() ? regex.charAt(i) : '|';
        if (c == '\\') {
          i++;
        } else if (inClass) {
          inClass = c != ']';
        } else if (c == '[') {
          inClass = true;
        } else if (c == '(' || c == ')') {
          depth += c == '(' ? 1 : -1;
        } else if (c == '|' && depth == 0) {
          String start = literalStart(regex.substring(from, i));
          if (start.isEmpty()) {
            return List.of();  // this alternative may begin with anything
          }
          starts.add(start);
          from = i + 1;
        }
      }
      return starts;
    }

    private static String literalStart(String alternative) {
      int end = 0;
      while (end < alternative.length() && "\\[](){}.*+?|^$".indexOf(alternative.charAt(end)) < 0) {
        end++;
      }
      if (end < alternative.length() && "?*{".indexOf(alternative.charAt(end)) >= 0 && end > 0) {
        end--;
      }
      return alternative.substring(0, end);
    }

    List<String[]> variants() {
      return Arrays.asList(words);
    }

    /** Index keys for a variant: its first word, or every form of it when it is also the last. */
    Set<String> firstForms(String[] variant) {
      if (variant.length == 0) {
        return Set.of();
      }
      if (variant.length == 1) {
        return lastForms[Arrays.asList(words).indexOf(variant)];
      }
      return Set.of(variant[0]);
    }

    /** The end index when a variant of this term starts at {@code start}, else -1. */
    int matchAt(String[] text, int start) {
      for (int v = 0; v < words.length; v++) {
        String[] variant = words[v];
        int end = start + variant.length;
        if (variant.length == 0 || end > text.length) {
          continue;
        }
        boolean same = true;
        for (int i = 0; i < variant.length - 1 && same; i++) {
          same = variant[i].equals(text[start + i]);
        }
        if (same && lastForms[v].contains(text[end - 1])) {
          return end;
        }
      }
      return -1;
    }

    boolean excused(String[] text, int start, int end) {
      if (unless.isEmpty()) {
        return false;
      }
      for (int i = Math.max(0, start - UNLESS_WORDS); i < Math.min(text.length, end + UNLESS_WORDS); i++) {
        if ((i < start || i >= end) && unless.contains(text[i])) {
          return true;
        }
      }
      return false;
    }

    /** The word and its plural and gender endings (Spanish -o/-a/-os/-as, English -y/-ies, -s/-es). */
    static Set<String> inflections(String word) {
      Set<String> forms = new HashSet<>();
      forms.add(word);
      if (word.length() < 4 || !word.chars().allMatch(Character::isLetter)) {
        return Set.copyOf(forms);
      }
      String stem = word.substring(0, word.length() - 1);
      if (word.endsWith("o") || word.endsWith("a")) {
        forms.addAll(List.of(stem + "o", stem + "a", stem + "os", stem + "as"));
      } else if (word.endsWith("y")) {
        forms.add(stem + "ies");
      } else {
        forms.add(word + "s");
        forms.add(word + "es");
      }
      return Set.copyOf(forms);
    }
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
