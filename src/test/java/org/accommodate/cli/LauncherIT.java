package org.accommodate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/accommodate as a user runs it, on the packaged jar, installed in a folder whose name has a
 * space: the class-data archive is made once per Java and reused, single letters and batches
 * work, and nothing but the commands' own output reaches the terminal.
 */
class LauncherIT {
  private Path install;

  // Each test installs its own copy, so archives and caches start from none.
  @BeforeEach
  void install(@TempDir Path temp) throws IOException {
    install = temp.resolve("my tools");
    Files.createDirectories(install.resolve("bin"));
    Files.createDirectories(install.resolve("target"));
    Path launcher = install.resolve("bin/accommodate");
    Files.copy(Path.of("bin/accommodate"), launcher);
    launcher.toFile().setExecutable(true);
    Files.copy(Path.of("target/accommodate.jar"), install.resolve("target/accommodate.jar"));
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(Path workDir, Map<String, String> environment, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(install.resolve("bin/accommodate").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(environment);
    // Output goes to files beside the install (a pipe left unread could fill and hold the process).
    Path out = Files.createTempFile(install.getParent(), "launcher", ".out");
    Path err = Files.createTempFile(install.getParent(), "launcher", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "launcher timed out");
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static List<Path> files(Path dir, String glob) throws IOException {
    List<Path> found = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(found::add);
    }
    return found;
  }

  // A clinic profile signing with the demo key that 'demo' made in the same folder.
  private static void writeDemoProfile(Path work) throws IOException {
    Files.writeString(work.resolve("clinic.yaml"), String.join("\n",
        "clinic: {name: Demo Clinic, address: [200 Elm Street], phone: (555) 010-0199}",
        "clinician: {name: Alex Morgan, credential: MD}",
        "signing: {keystore: keys/demo/clinician.p12}",
        "ledger: ledger.jsonl", ""), StandardCharsets.UTF_8);
  }

  // The JVM's own complaints (class-data sharing, AOT cache, unknown options) start like this.
  private static void assertNoJvmNoise(String err) {
    assertFalse(err.contains("[warning]") || err.contains("[error") || err.contains("Unrecognized VM option")
        || err.contains("Error occurred during initialization of VM"), err);
  }

  @Test
  void lettersAndBatchesRunWithOneArchivePerJava(@TempDir Path work) throws Exception {
    Run demo = run(work, Map.of(), "demo");
    assertEquals(ExitCodes.OK, demo.exitCode(), demo.err());
    assertTrue(demo.out().contains("VALID - authentic"), demo.out());
    assertNoJvmNoise(demo.err());
    // The verify command it offers works when pasted where the user is (the install path has a space).
    String offered = demo.out().lines().filter(l -> l.startsWith("Check it yourself: ")).findFirst().orElseThrow()
        .substring("Check it yourself: ".length());
    Process pasted = new ProcessBuilder("sh", "-c", offered).directory(work.toFile()).redirectErrorStream(true).start();
    String shown = new String(pasted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.OK, pasted.waitFor(), offered + "\n" + shown);
    assertTrue(shown.contains("VALID - authentic"), shown);

    // Linked into a folder on PATH, as a tool is installed: it finds its jar through the link and
    // offers itself by its bare name.
    Path links = Files.createDirectories(work.resolve("links"));
    Files.createSymbolicLink(links.resolve("accommodate"), install.resolve("bin/accommodate"));
    String path = links + ":" + System.getenv("PATH");
    ProcessBuilder linked = new ProcessBuilder("sh", "-c", "accommodate demo -o linked.pdf").directory(work.toFile());
    linked.environment().put("PATH", path);
    Process viaPath = linked.redirectErrorStream(true).start();
    String linkedOut = new String(viaPath.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.OK, viaPath.waitFor(), linkedOut);
    assertTrue(linkedOut.contains("\nCheck it yourself: accommodate verify "), linkedOut);
    Files.delete(links.resolve("accommodate"));  // the link, not the launcher it points to
    List<Path> archives = files(install.resolve("target"), "accommodate-*.jsa");
    assertEquals(1, archives.size(), archives.toString());
    FileTime made = Files.getLastModifiedTime(archives.get(0));

    Run again = run(work, Map.of(), "demo", "-o", "second.pdf");
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertEquals(made, Files.getLastModifiedTime(archives.get(0)), "the archive is made once per build");

    // A batch through the launcher's batch settings, signed with the demo key made above.
    Run requests = run(work, Map.of("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal"), "demo", "--letters", "2", "--out-dir", "seed");
    assertEquals(ExitCodes.OK, requests.exitCode(), requests.err());
    assertTrue(requests.out().matches("(?s).*\\bTier4InvocationThreshold\\s+= 40000\\b.*"), "demo letters run as a batch");
    writeDemoProfile(work);
    Run batch = run(work, Map.of("ACCOMMODATE_KEY_PASSWORD", "demo"), "batch", "seed/requests", "--out-dir", "out");
    assertEquals(ExitCodes.OK, batch.exitCode(), batch.err());
    assertEquals(2, files(work.resolve("out"), "letter-*.pdf").size());
    assertNoJvmNoise(batch.err());
    // Many workers: the command says how many it takes; the launcher's heap must not stop the JVM first.
    for (String many : new String[] {"500", "99999999999999999999999"}) {
      Run crowd = run(work, Map.of("ACCOMMODATE_KEY_PASSWORD", "demo"), "batch", "seed/requests", "--out-dir", "crowd",
          "--workers", many);
      assertEquals(ExitCodes.USAGE, crowd.exitCode(), crowd.err());
      assertTrue(crowd.err().startsWith("error: --workers: "), crowd.err());
    }
    Run noJava = run(work, Map.of("JAVA_HOME", work.resolve("no-such-java").toString()), "templates", "list");
    assertEquals(ExitCodes.USAGE, noJava.exitCode(), noJava.err());
    assertTrue(noJava.err().startsWith("accommodate: no Java at "), noJava.err());
    Run help = run(work, Map.of(), "batch", "--help");
    assertEquals(ExitCodes.OK, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: accommodate batch"), help.out());
    // An option before the command does not hide it: the batch gets the batch settings.
    Run debug = run(work, Map.of("ACCOMMODATE_KEY_PASSWORD", "demo", "JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal"),
        "--debug", "batch", "seed/requests", "--out-dir", "out-debug");
    assertEquals(ExitCodes.OK, debug.exitCode(), debug.err());
    assertTrue(debug.out().matches("(?s).*\\bTier4InvocationThreshold\\s+= 40000\\b.*"), "batch JIT settings");

    // Chinese names drawn with a 16 MB font collection, two workers in the batch's small heap: the
    // collection's first face only is read (reading every face ran the heap out).
    Path font = org.accommodate.testing.Tools.fontCollection();
    Files.writeString(work.resolve("clinic.yaml"), Files.readString(work.resolve("clinic.yaml")) + "fonts: [" + font + "]\n");
    Files.createDirectories(work.resolve("zh"));
    String[] names = {"王小明", "李华", "张伟", "刘洋"};
    String request = Files.readString(work.resolve("seed/requests/demo-0001.yaml"));
    for (int i = 0; i < names.length; i++) {
      Files.writeString(work.resolve("zh/r" + i + ".yaml"), request.replace("name: Jordan Rivera", "name: " + names[i]));
    }
    Run chinese = run(work, Map.of("ACCOMMODATE_KEY_PASSWORD", "demo"), "batch", "zh", "--out-dir", "out-zh",
        "--workers", "2", "--no-ledger");
    assertEquals(ExitCodes.OK, chinese.exitCode(), chinese.err());
    assertEquals(names.length, files(work.resolve("out-zh"), "letter-*.pdf").size());

    // On a terminal (script(1) makes one): a progress bar, then what failed and why.
    Files.writeString(work.resolve("zh/r9.yaml"), request.replace("expires:", "expires: 2020-01-01\n  was:"));
    ProcessBuilder terminal = new ProcessBuilder("script", "-q", "-e", "-c", "'" + install.resolve("bin/accommodate")
        + "' batch zh --out-dir out-tty --no-ledger", "/dev/null").directory(work.toFile()).redirectErrorStream(true);
    terminal.environment().put("ACCOMMODATE_KEY_PASSWORD", "demo");
    Process onTerminal = terminal.start();
    String screen = new String(onTerminal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.USAGE, onTerminal.waitFor(), screen);
    assertTrue(screen.contains("Letters 100%"), screen);
    assertTrue(screen.contains("FAIL  r9.yaml: authorization: field 5 is none of"), screen);

    // A PDF for standard output: refused when that is the terminal, even with the request piped
    // in (Java 17's console is null then); written when a program reads it.
    String launcher = "'" + install.resolve("bin/accommodate") + "'";
    for (String line : List.of(launcher + " preview zh/r1.yaml -o -", "cat zh/r1.yaml | " + launcher + " preview - -o -")) {
      Process toScreen = new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null").directory(work.toFile())
          .redirectErrorStream(true).start();
      String refused = new String(toScreen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(ExitCodes.USAGE, toScreen.waitFor(), refused);
      assertTrue(refused.contains("error: -o -: standard output is a terminal"), refused);
      assertFalse(refused.contains("%PDF"), refused);
    }
    // A request typed at the terminal: told how to end it (Ctrl-D, sent here after the text).
    Process typed = new ProcessBuilder("script", "-q", "-e", "-c", launcher + " check -", "/dev/null")
        .directory(work.toFile()).redirectErrorStream(true).start();
    typed.getOutputStream().write("patient: [\n\u0004".getBytes(StandardCharsets.UTF_8));
    typed.getOutputStream().flush();
    String typedScreen = new String(typed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(ExitCodes.USAGE, typed.waitFor(), typedScreen);
    assertTrue(typedScreen.contains("Reading the request from the terminal; end it with Ctrl-D"), typedScreen);
    assertTrue(typedScreen.contains("error: request on standard input: not valid YAML"), typedScreen);
    Process toProgram = new ProcessBuilder("script", "-q", "-e", "-c",
        "cat zh/r1.yaml | " + launcher + " preview - -o - 2>/dev/null | head -c 5", "/dev/null")
        .directory(work.toFile()).redirectErrorStream(true).start();
    String piped = new String(toProgram.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, toProgram.waitFor(), piped);
    assertTrue(piped.startsWith("%PDF-"), piped);

    // Asked for the key's password on a terminal: the progress bar waits for the answer. Drawn
    // before it, the bar redrew itself over the prompt, which the clinician never saw. A
    // mistyped password is asked for again.
    Terminal asked = new Terminal(work, launcher + " batch zh --out-dir out-asked --no-ledger");
    asked.await("Password for clinician.p12");
    Thread.sleep(1500);  // a bar built before the answer draws itself at once, and every second
    assertFalse(asked.screen().contains("Letters"), "nothing drawn over the prompt: " + asked.screen());
    asked.type("not-the-password");
    asked.await("Wrong password; try again.");
    assertTrue(asked.screen().matches("(?s).*Wrong password; try again\\.\\s+Password for clinician\\.p12.*"),
        asked.screen());
    asked.type("demo");
    assertEquals(ExitCodes.USAGE, asked.exit(), asked.screen());
    assertTrue(asked.screen().contains("Letters 100%"), asked.screen());
    assertTrue(asked.screen().contains("FAIL  r9.yaml"), asked.screen());

    // The clinic CA's password too; three wrong ones end the command.
    Run init = run(work, Map.of("ACCOMMODATE_KEY_PASSWORD", "clinician-pass-1", "ACCOMMODATE_CA_PASSWORD", "ca-pass-0815"),
        "keys", "init", "--org", "Riverside", "--clinician", "Sam Lee");
    assertEquals(ExitCodes.OK, init.exitCode(), init.err());
    Terminal crl = new Terminal(work, launcher + " keys crl");
    crl.await("Password for the CA key ca.p12");
    crl.type("mistyped");
    crl.await("Wrong password; try again.");
    crl.type("ca-pass-0815");
    assertEquals(ExitCodes.OK, crl.exit(), crl.screen());
    assertTrue(crl.screen().contains("written to "), crl.screen());
    Terminal wrong = new Terminal(work, launcher + " keys crl");
    for (String attempt : List.of("one", "two", "three")) {
      wrong.await("Password for the CA key ca.p12");
      wrong.type(attempt);
      Thread.sleep(300);
    }
    assertEquals(ExitCodes.SIGNING, wrong.exit(), wrong.screen());
    assertTrue(wrong.screen().contains("error: CA keystore "), wrong.screen());
    assertTrue(wrong.screen().contains(": wrong password"), wrong.screen());
  }

  // A command on a terminal that script(1) makes, read as it prints and answered as a person
  // would answer it; no password comes from the environment.
  private static final class Terminal {
    private final Process process;
    private final StringBuffer seen = new StringBuffer();
    private final Thread reading;

    Terminal(Path dir, String commandLine) throws IOException {
      ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", commandLine, "/dev/null")
          .directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().remove("ACCOMMODATE_KEY_PASSWORD");
      builder.environment().remove("ACCOMMODATE_CA_PASSWORD");
      process = builder.start();
      reading = new Thread(() -> {
        byte[] chunk = new byte[4096];
        try (java.io.InputStream in = process.getInputStream()) {
          for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
            seen.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          seen.append("(reading the terminal failed: ").append(e.getMessage()).append(')');
        }
      });
      reading.start();
    }

    // Waits up to a minute for {@code text} to appear after what was last awaited.
    private int from;

    void await(String text) throws InterruptedException {
      for (int waited = 0; seen.indexOf(text, from) < 0 && waited < 600; waited++) {
        Thread.sleep(100);
      }
      int at = seen.indexOf(text, from);
      assertTrue(at >= 0, "waited for " + text + ": " + seen);
      from = at + text.length();
    }

    void type(String line) throws IOException {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    int exit() throws InterruptedException {
      int code = process.waitFor();
      reading.join();
      return code;
    }

    String screen() {
      return seen.toString();
    }
  }

  // A JVM that crashes writes a report of its threads and of what its registers point at (which
  // can be a patient's name) into the working folder, and may dump its whole heap as a core file.
  // Through the launcher the report goes to a folder only this user can read, and no core is made.
  @Test
  void aCrashLeavesNoReportInTheWorkingFolder(@TempDir Path work, @TempDir Path home) throws Exception {
    writeDemoProfile(work);
    Path pipe = org.accommodate.testing.Fixtures.namedPipe(work.resolve("request.yaml"));
    ProcessBuilder builder = new ProcessBuilder(install.resolve("bin/accommodate").toString(), "check", "request.yaml")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile());
    builder.environment().put("XDG_STATE_HOME", home.resolve("state").toString());
    Process process = builder.start();
    // The launcher execs Java under the same process ID once its archive is made; Java then waits
    // on the pipe, which nothing writes to.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!process.info().command().orElse("").endsWith("/java") && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Thread.sleep(1500);
    assertEquals(0, new ProcessBuilder("kill", "-SEGV", Long.toString(process.pid())).start().waitFor());
    assertTrue(process.waitFor(1, TimeUnit.MINUTES));
    String said = Files.readString(home.resolve("out.txt"));
    assertTrue(said.contains("A fatal error has been detected"), said);
    assertTrue(said.contains("CreateCoredumpOnCrash turned off, no core file dumped"), said);
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of("clinic.yaml", "request.yaml"), left.map(f -> f.getFileName().toString()).sorted().toList());
    }
    Path reports = home.resolve("state/accommodate");
    assertEquals(1, files(reports, "crash-*.log").size(), said);
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(reports)));
  }

  // The first command after a build makes the start-up archive: several seconds, then perhaps a
  // password prompt. On a terminal it says so, so that nobody types a password ahead into a
  // terminal that still echoes it; once only, and never into a program's output.
  @Test
  void theFirstRunOnATerminalSaysItIsPreparing(@TempDir Path work) throws Exception {
    String launcher = "'" + install.resolve("bin/accommodate") + "' --version";
    String[] screens = new String[2];
    for (int i = 0; i < 2; i++) {
      Process terminal = new ProcessBuilder("script", "-q", "-e", "-c", launcher, "/dev/null").directory(work.toFile())
          .redirectErrorStream(true).start();
      screens[i] = new String(terminal.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, terminal.waitFor(), screens[i]);
      assertTrue(screens[i].matches("(?s).*accommodate \\d+\\.\\d+.*"), screens[i]);
    }
    assertTrue(screens[0].contains("accommodate: preparing this Java's start-up archive (once per build"), screens[0]);
    assertFalse(screens[1].contains("preparing"), screens[1]);
  }

  // On a Java 25 beside the default one, batches start from an ahead-of-time cache made once,
  // from demo letters; the default Java's archive is left alone.
  @Test
  void aJava25MakesItsOwnBatchCache(@TempDir Path work) throws Exception {
    Path jdk25;
    try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
      jdk25 = jdks.filter(p -> p.getFileName().toString().matches(".*-25-.*") && Files.isExecutable(p.resolve("bin/java")))
          .findFirst().orElse(null);
    } catch (IOException e) {
      jdk25 = null;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(jdk25 != null, "no Java 25 under /usr/lib/jvm");
    Map<String, String> java25 = Map.of("JAVA_HOME", jdk25.toString(), "ACCOMMODATE_KEY_PASSWORD", "demo");
    // The default Java's archive first: a Java 25 must neither map it (it printed cds errors)
    // nor replace it.
    assertEquals(ExitCodes.OK, run(work, Map.of(), "templates", "list").exitCode());
    List<Path> defaultArchive = files(install.resolve("target"), "accommodate-*.jsa");
    assertEquals(1, defaultArchive.size(), defaultArchive.toString());
    FileTime made = Files.getLastModifiedTime(defaultArchive.get(0));
    Run list25 = run(work, java25, "templates", "list");  // Java 25's own class-data archive
    assertEquals(ExitCodes.OK, list25.exitCode(), list25.err());
    assertNoJvmNoise(list25.err());
    // demo --letters runs as a batch does: the first such command makes the cache.
    Run seed = run(work, java25, "demo", "--letters", "2", "--out-dir", "seed");
    assertEquals(ExitCodes.OK, seed.exitCode(), seed.err());
    assertTrue(seed.err().startsWith("accommodate: preparing this Java's batch start-up cache"), seed.err());
    assertNoJvmNoise(seed.err());
    assertEquals(1, files(install.resolve("target"), "accommodate-batch-*.aot").size());
    writeDemoProfile(work);
    Run first = run(work, java25, "batch", "seed/requests", "--out-dir", "out");
    assertEquals(ExitCodes.OK, first.exitCode(), first.err());
    assertFalse(first.err().contains("preparing"), first.err());
    assertNoJvmNoise(first.err());
    assertEquals(2, files(work.resolve("out"), "letter-*.pdf").size());
    Run second = run(work, java25, "batch", "seed/requests", "--out-dir", "out2");
    assertEquals(ExitCodes.OK, second.exitCode(), second.err());
    assertFalse(second.err().contains("preparing"), second.err());
    assertNoJvmNoise(second.err());
    assertEquals(2, files(work.resolve("out2"), "letter-*.pdf").size());
    assertEquals(made, Files.getLastModifiedTime(defaultArchive.get(0)), "the default Java's archive is left alone");
    assertEquals(2, files(install.resolve("target"), "accommodate-*.jsa").size(), "one archive per Java");
  }
}
