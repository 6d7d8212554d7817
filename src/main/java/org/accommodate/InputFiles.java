package org.accommodate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The files a command was given: files as named, and the matching files of folders. */
final class InputFiles {
  private final Function<Path, Path> resolve;

  /** {@code resolve} places a path as typed in the working folder. */
  InputFiles(Function<Path, Path> resolve) {
    this.resolve = resolve;
  }

  /**
   * Every request file named, folders expanded to their *.yaml, *.yml and *.json files (hidden
   * ones aside), sorted.
   */
  List<Path> requests(List<Path> inputs) {
    // Each file once, however it was named (twice, through its folder and by name, by another
    // path): a request given twice would otherwise disclose the same facts in two letters.
    List<Path> files = expand(inputs, "(?i).*\\.(ya?ml|json)$", "REQUEST", true, InputFiles::batchManifest);
    if (files.isEmpty()) {
      throw new InputException("REQUEST: no request files (*.yaml, *.yml, *.json) found");
    }
    return files;
  }

  /**
   * The PDFs to verify: files as given, and each folder's {@code *.pdf} files (not its
   * sub-folders, nor hidden files) in name order. Refuses when folders were given and none holds a PDF.
   */
  List<Path> pdfs(List<Path> inputs) {
    List<Path> files = expand(inputs, "(?i).*\\.pdf$", "PDF", false, file -> false);
    if (files.isEmpty()) {
      throw new InputException("PDF: no .pdf files in " + String.join(", ", inputs.stream().map(Path::toString).toList()));
    }
    return files;
  }

  // A batch's manifest.json in a folder of requests (letters written beside their requests) is
  // no request; a request never starts with a "letters" field.
  private static boolean batchManifest(Path file) {
    if (!file.getFileName().toString().equals("manifest.json")) {
      return false;
    }
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(64), StandardCharsets.UTF_8).replaceAll("\\s", "").startsWith("{\"letters\":");
    } catch (IOException e) {
      return false;
    }
  }

  private List<Path> expand(List<Path> inputs, String pattern, String label, boolean once,
      java.util.function.Predicate<Path> skipInFolder) {
    // Keyed by identity only when each file is to be taken once: resolving links costs a system call.
    java.util.Map<Path, Path> files = new java.util.LinkedHashMap<>();
    List<Path> all = new ArrayList<>();
    for (Path input : inputs) {
      Path path = resolve.apply(input);
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(path)) {
        try (var entries = Files.list(path)) {
          // Files only: a named pipe in the folder (x.yaml made by mkfifo) blocked the whole run on
          // opening it, waiting for a writer. A broken link stays, to be reported as missing.
          // Hidden files are left out, as a shell's * leaves them: a Mac's ._r.yaml beside each
          // file copied to a USB stick, an editor's lock or backup (.#r.yaml).
          entries.filter(f -> f.getFileName().toString().matches(pattern) && !f.getFileName().toString().startsWith(".")
              && !Files.isDirectory(f)
              && (Files.isRegularFile(f) || !Files.exists(f)) && !skipInFolder.test(f))
              .sorted().forEach(found::add);
        } catch (IOException e) {
          throw new InputException(label + ": cannot list " + input, e);
        }
      } else {
        found.add(path);
      }
      if (once) {
        found.forEach(f -> files.putIfAbsent(identity(f), f));
      } else {
        all.addAll(found);
      }
    }
    return List.copyOf(once ? files.values() : all);
  }

  // The file itself, links and dots resolved; a missing file keeps its normalized path and is
  // reported by the batch as missing.
  private static Path identity(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
