package org.accommodate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.accommodate.InputException;
import org.accommodate.Letters;
import org.accommodate.ledger.Ledger;
import org.accommodate.ledger.LedgerCheck;
import org.accommodate.ledger.LedgerEntry;
import org.accommodate.privacy.AuthorizationCheck;
import org.accommodate.request.ClinicProfile;
import org.accommodate.request.References;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** accommodate ledger: the disclosure ledger. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
    description = "The disclosure ledger: what this office disclosed, to whom and when.",
    subcommands = {LedgerCommand.Verify.class, LedgerCommand.ListEntries.class, LedgerCommand.Report.class})
final class LedgerCommand {

  /** Which ledger: LEDGER or --ledger, else the profile's. */
  static final class Which {
    @Option(names = "--ledger", paramLabel = "FILE", description = "The ledger file (default: the profile's ledger).")
    Path option;

    // `ledger verify led.jsonl` is how most people first type it.
    @Parameters(arity = "0..1", paramLabel = "LEDGER", description = "The ledger file, as --ledger gives it.")
    Path positional;

    @Option(names = "--profile", paramLabel = "FILE", description = "Clinic profile (default: clinic.yaml here).")
    Path profile;

    Ledger open(Context context) {
      Letters letters = context.letters();
      if (option != null && positional != null) {
        throw new InputException("LEDGER: give the ledger once, as LEDGER or as --ledger FILE");
      }
      Path file = option != null ? option : positional;
      if (file == null && !letters.hasProfile(profile)) {
        // Reading a ledger needs only its file: name that way out first, and the demo's ledger
        // when it is here (a clinician trying the tool has no profile yet).
        Path demo = letters.demo().profile().ledger();
        throw new InputException("--ledger: which ledger? pass --ledger FILE"
            + (Files.isRegularFile(demo) ? " (demo letters are in " + letters.shown(demo) + ")" : "")
            + ", or --profile FILE, or create "
            + Letters.DEFAULT_PROFILE + " here");
      }
      ClinicProfile clinic = file != null ? null : letters.readProfile(profile);
      return letters.ledgerAt(file, clinic);
    }
  }

  /** ledger verify [--letter FILE.pdf]. */
  @Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = {"Check every entry and the hash chain; name the first bad line (exit 5).",
          "With --letter, also show whether this office issued that letter."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Which which;

    @Option(names = "--letter", paramLabel = "PDF",
        description = "A signed letter (- reads it from standard input): is its hash in the ledger?")
    Path letter;

    private final Context context;

    Verify(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Ledger ledger = which.open(context);
      PrintWriter out = spec.commandLine().getOut();
      LedgerCheck check = ledger.verify();
      if (!check.intact()) {
        out.printf("Ledger %s: DAMAGED - %s.%n", ledger.file(), check.problem());
        return ExitCodes.MODIFIED_OR_INVALID;
      }
      int entries = check.entries().size();
      out.printf("Ledger %s: %d %s, every entry and the chain intact.%n", ledger.file(), entries,
          entries == 1 ? "entry" : "entries");
      if (letter == null) {
        return ExitCodes.OK;
      }
      byte[] bytes = letterBytes();
      String hash = Ledger.sha256(bytes);
      for (LedgerEntry entry : check.entries()) {
        if (entry.pdfSha256().equals(hash)) {
          out.printf("Letter %s: issued by this office on %s (entry %d).%n", entry.letterId(), entry.time(), entry.seq());
          return ExitCodes.OK;
        }
      }
      // Not this exact file: say whether its letter ID was issued here, so the office can tell a
      // changed copy of its own letter from one it never issued.
      String id = context.letters().verifier(List.of(), List.of(), false, new java.io.ByteArrayInputStream(bytes))
          .apply(Path.of("-")).letterId();
      for (LedgerEntry entry : check.entries()) {
        if (entry.letterId().equals(id)) {
          out.printf("%s: NOT the letter this office issued as %s on %s (entry %d): the file differs from the one"
              + " recorded.%n", shown(), id, entry.time(), entry.seq());
          return ExitCodes.MODIFIED_OR_INVALID;
        }
      }
      out.printf("%s: NOT in this ledger - this office has no record of issuing this exact file.%n", shown());
      return ExitCodes.MODIFIED_OR_INVALID;
    }

    private String shown() {
      return Context.isStdin(letter) ? "(standard input)" : letter.toString();
    }

    // The letter's bytes, from its file or standard input, through a letter's size limit.
    private byte[] letterBytes() {
      boolean piped = Context.isStdin(letter);
      String shown = piped ? "standard input" : letter.toString();
      try {
        return piped ? org.accommodate.SmallFiles.read(context.stdin(), org.accommodate.SmallFiles.LETTER_BYTES)
            : org.accommodate.SmallFiles.read(context.letters().resolve(letter), org.accommodate.SmallFiles.LETTER_BYTES);
      } catch (org.accommodate.SmallFiles.TooLarge e) {
        throw new InputException("--letter: " + shown + " is larger than 32 MiB; not a letter");
      } catch (java.nio.file.NoSuchFileException e) {
        throw new InputException("--letter: no such file " + shown, e);
      } catch (java.io.IOException e) {
        throw InputException.io("--letter: cannot read " + shown, e);
      }
    }
  }

  /** Filters shared by list and report. */
  static final class Filters {
    @Option(names = "--recipient", paramLabel = "NAME",
        description = "Only letters to this organization (case, accents, punctuation and spacing ignored).")
    String recipient;

    @Option(names = "--from", paramLabel = "DATE", description = "Only letters signed on or after this date (YYYY-MM-DD, UTC).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Only letters signed on or before this date (YYYY-MM-DD, UTC).")
    LocalDate to;

    @Option(names = "--json", description = "One JSON array instead of text.")
    boolean json;

    /** Refuses a window that holds no day, which would list nothing and look like no disclosures. */
    void check() {
      if (from != null && to != null && to.isBefore(from)) {
        throw new org.accommodate.InputException("--to: is before --from; the window holds no day");
      }
    }

    // An accounting that missed letters because a reference or a name was typed in other case
    // would tell the patient less than was disclosed: both are compared as the letter check
    // compares them (a reference by case and spacing, a recipient as the authorization's).
    boolean keep(LedgerEntry entry, String patient) {
      LocalDate day = Instant.parse(entry.time()).atZone(ZoneOffset.UTC).toLocalDate();
      boolean samePatient = patient == null
          || entry.patient() != null && References.key(patient).equals(References.key(entry.patient()));
      boolean sameRecipient = recipient == null
          || AuthorizationCheck.normalizedName(recipient).equals(AuthorizationCheck.normalizedName(entry.recipient()));
      return samePatient && sameRecipient
          && (from == null || !day.isBefore(from))
          && (to == null || !day.isAfter(to));
    }
  }

  /** ledger list. */
  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "List the letters in the ledger.")
  static final class ListEntries implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Which which;
    @Mixin Filters filters;

    @Option(names = "--patient", paramLabel = "REF", description = "Only letters about this patient reference.")
    String patient;

    @Option(names = "--letter-id", paramLabel = "ID", description = "Only the letter with this ID (as quoted by its reader).")
    String letterId;

    private final Context context;

    ListEntries(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      // An ID read out over the phone: case, spaces and dashes as the caller gives them.
      String wanted = letterId == null ? null : letterId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^0-9A-Z]", "");
      filters.check();
      List<LedgerEntry> entries = which.open(context).entries().stream().filter(e -> filters.keep(e, patient))
          .filter(e -> wanted == null || e.letterId().replace("-", "").equals(wanted)).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (filters.json) {
        out.println(JsonOutput.line(entries));
        return ExitCodes.OK;
      }
      out.printf("%5s  %-20s  %-19s  %-24s  %-14s  %s%n", "entry", "signed (UTC)", "letter ID", "template", "patient ref", "recipient");
      for (LedgerEntry e : entries) {
        out.printf("%5d  %-20s  %-19s  %-24s  %-14s  %s%n", e.seq(), e.time().substring(0, Math.min(19, e.time().length())),
            e.letterId(), e.template(), e.patient() == null ? "-" : e.patient(), e.recipient());
      }
      out.printf("%s.%n", Counts.of(entries.size(), "letter"));
      return ExitCodes.OK;
    }
  }

  /** ledger report --patient REF: an accounting of disclosures. */
  @Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
      description = "An accounting of disclosures for one patient (45 CFR 164.528, 42 CFR 2.25 practice).")
  static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Which which;
    @Mixin Filters filters;

    @Option(names = "--patient", paramLabel = "REF", required = true, description = "The clinic's patient reference.")
    String patient;

    private final Context context;

    Report(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      filters.check();
      Ledger ledger = which.open(context);
      List<LedgerEntry> all = ledger.entries();
      List<LedgerEntry> entries = all.stream().filter(e -> filters.keep(e, patient)).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (filters.json) {
        out.println(JsonOutput.line(entries));
        return ExitCodes.OK;
      }
      out.printf("Accounting of disclosures for patient reference %s%n", patient);
      SortedSet<String> written = new TreeSet<>();
      entries.forEach(e -> written.add(e.patient()));
      if (!written.isEmpty() && !written.equals(Set.of(patient))) {
        out.printf("(case and spacing ignored; the ledger writes it as %s)%n", String.join(", ", written));
      }
      out.printf("Ledger %s (verified), %s%n", ledger.file(), Counts.of(entries.size(), "disclosure"));
      // A letter issued without a patient reference may concern this patient too: say it exists.
      long unreferenced = all.stream().filter(e -> e.patient() == null && filters.keep(e, null)).count();
      if (unreferenced > 0) {
        out.printf("Not listed: %s with no patient reference (issued without one), which 'ledger list' shows.%n",
            Counts.of(unreferenced, "letter"));
      }
      out.println();
      for (LedgerEntry e : entries) {
        out.printf("%s  to %s%n", e.time(), e.recipient());
        out.printf("    what:          %s (template %s, %s)%n", String.join(", ", e.categories()), e.template(), e.language());
        out.printf("    authorization: %s%s%n", e.authorization(),
            e.authorizationSha256() == null ? "" : " (signed form's file SHA-256 " + e.authorizationSha256() + ")");
        out.printf("    letter:        %s, signed by certificate %s…%n", e.letterId(), e.signer().substring(0, 16));
        if (!e.acceptedWarnings().isEmpty()) {
          out.printf("    accepted scanner warnings: %s%n", String.join(", ", e.acceptedWarnings()));
        }
      }
      return ExitCodes.OK;
    }
  }

}
