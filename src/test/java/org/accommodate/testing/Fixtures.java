package org.accommodate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.accommodate.Letters;
import org.accommodate.keys.ClinicCa;
import org.accommodate.keys.DemoKeys;

/** Shared test fixtures: a fixed clock, demo keys made once per run, request texts. */
public final class Fixtures {
  /** Letters in tests are issued on 2026-12-01. */
  public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC);
  private static Path sharedKeys;

  private Fixtures() {}

  /** A working directory whose keys/demo/ holds demo keys (generated once, then copied). */
  public static Letters letters(Path workDir) {
    copyDemoKeys(workDir);
    return Letters.create(CLOCK, workDir);
  }

  public static synchronized void copyDemoKeys(Path workDir) {
    try {
      if (sharedKeys == null) {
        Path dir = Files.createTempDirectory("accommodate-keys");
        // Test keys are made per run; the folder goes with the JVM rather than piling up in /tmp.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        // RSA-2048 keeps the suite fast; the product's default for new keys is 3072.
        new DemoKeys(dir.resolve("keys/demo"), CLOCK).ensure(ClinicCa.KeyType.RSA_2048);
        sharedKeys = dir.resolve("keys/demo");
      }
      Path target = workDir.resolve("keys/demo");
      if (!Files.exists(target)) {
        Files.createDirectories(target);
        try (var files = Files.list(sharedKeys)) {
          for (Path file : files.toList()) {
            Files.copy(file, target.resolve(file.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort at exit: a folder left in the temp directory is harmless test data.
    }
  }

  /** Makes a named pipe (mkfifo) at {@code path}, which nothing writes to. */
  public static Path namedPipe(Path path) {
    try {
      if (new ProcessBuilder("mkfifo", path.toString()).start().waitFor() != 0) {
        throw new IllegalStateException("mkfifo failed");
      }
      return path;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lets go a reader that may be stuck opening the pipe: a writer opens and closes it (or gives up after 2 s). */
  public static void letGo(Path pipe) {
    try {
      new ProcessBuilder("timeout", "2", "sh", "-c", "exec 3>\"$0\"", pipe.toString()).start().waitFor();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request with an authorization that is also a 42 CFR Part 2 consent, as a Part 2 program's letters need. */
  public static String part2Consent(String request) {
    return request.replace("  discloses: [", "  regimes: [hipaa, part2]\n  discloses: [");
  }

  /** The request without its unavailable times (for templates and requests that print none). */
  public static String withoutTimes(String request) {
    return request.substring(0, request.indexOf("unavailable:")) + request.substring(request.indexOf("accommodation:"));
  }

  /** A valid request for the fixed clock's date; tests edit it with String.replace. */
  public static String request() {
    return String.join("\n",
        "template: schedule-adjustment",
        "language: en",
        "date: 2026-12-01",
        "patient:",
        "  name: Jordan Rivera",
        "  reference: MRN-0042",
        "employer:",
        "  organization: Acme Logistics",
        "  attention: Human Resources",
        "  address: [100 Main Street, \"Springfield, IL 62701\"]",
        "period:",
        "  start: 2026-12-07",
        "  end: 2027-01-29",
        "unavailable:",
        "  - days: [MON, WED, FRI]",
        "    from: \"09:00\"",
        "    to: \"12:00\"",
        "accommodation:",
        "  type: shifted-hours",
        "  details: Start work at 1:00 p.m. on these days",
        "authorization:",
        "  reference: AUTH-2026-0142",
        "  signed: 2026-11-30",
        "  signed_by: patient",
        "  expires: 2027-03-01",
        "  recipient: Acme Logistics",
        "  purpose: work schedule accommodation",
        "  discloses: [identity, care-status, schedule, duration, accommodation]",
        "");
  }

  public static String profile() {
    return String.join("\n",
        "clinic:",
        "  name: Riverside Health Partners",
        "  address: [12 River Road, \"Springfield, IL 62704\"]",
        "  phone: (555) 010-0123",
        "clinician:",
        "  name: Sam Lee",
        "  credential: MD",
        "  title: Attending Physician",
        "  npi: \"1234567893\"",
        "signing:",
        "  keystore: keys/demo/clinician.p12",
        "ledger: ledger.jsonl",
        "");
  }

  /** A clinic profile and a folder requests/ holding a.yaml, the usual request. */
  public static Letters requestFolder(Path dir) {
    Letters letters = letters(dir);
    write(dir, "clinic.yaml", profile());
    try {
      Files.createDirectories(dir.resolve("requests"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(dir, "requests/a.yaml", request());
    return letters;
  }

  /** A password or PIN file as its owner keeps it: readable by that user alone. */
  public static Path secret(Path dir, String name, String text) {
    Path file = write(dir, name, text);
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
