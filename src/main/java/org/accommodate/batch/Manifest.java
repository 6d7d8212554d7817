package org.accommodate.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.accommodate.InputException;
import org.accommodate.batch.Batch.Item;
import org.accommodate.batch.Batch.Letter;
import org.accommodate.batch.Batch.Warnings;
import org.accommodate.output.AtomicOutput;

/**
 * A batch folder's manifest.json, and its journal's lines, which have the same shape: each
 * request file with its letter or its error. Field names and rules only, never request text.
 */
final class Manifest {
  static final String NAME = "manifest.json";
  static final ObjectMapper JSON = new ObjectMapper();

  private Manifest() {}

  static void write(Path manifest, List<Item> items, Path folder, boolean force) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("letters");
    items.forEach(item -> list.add(node(item, folder)));
    try {
      AtomicOutput.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), force);
    } catch (IOException e) {
      throw new InputException("--out-dir: cannot write " + manifest, e);
    }
  }

  static ObjectNode node(Item item, Path folder) {
    ObjectNode node = JSON.createObjectNode();
    node.put("input", item.input().toString());
    node.put("exitCode", item.exitCode());
    if (item.error() != null) {
      node.put("error", item.error());
    }
    Letter letter = item.letter();
    if (letter == null) {
      return node;
    }
    node.put("letterId", letter.id());
    node.put("file", folder.relativize(letter.file()).toString());
    node.put("sha256", letter.sha256());
    if (letter.patientCopy() != null) {
      node.put("patientCopy", folder.relativize(letter.patientCopy()).toString());
    }
    if (letter.requestSha256() != null) {
      node.put("requestSha256", letter.requestSha256());
    }
    if (!letter.warnings().advice().isEmpty()) {
      letter.warnings().advice().forEach(node.putArray("warnings")::add);
    }
    if (!letter.warnings().accepted().isEmpty()) {
      letter.warnings().accepted().stream().sorted().forEach(node.putArray("acceptedWarnings")::add);
    }
    return node;
  }

  /** The items of an earlier run's manifest, marked as earlier. */
  static List<Item> read(Path manifest, Path folder, String shown) {
    JsonNode root;
    try {
      root = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new InputException("--resume: " + shown + " is not a readable batch manifest", e);
    }
    JsonNode letters = root == null ? null : root.get("letters");
    if (letters == null || !letters.isArray()) {
      throw new InputException("--resume: " + shown + " is not a batch manifest (no \"letters\" list)");
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode node : letters) {
      items.add(item(node, folder, shown));
    }
    return items;
  }

  /** One manifest entry or journal line; refused by the file's name when a field is missing. */
  static Item item(JsonNode node, Path folder, String shown) {
    String input = text(node, "input", shown);
    JsonNode code = node.get("exitCode");
    if (code == null || !code.isInt()) {
      throw new InputException("--resume: " + shown + " has an entry without its exitCode");
    }
    String error = code.intValue() == 0 ? null : node.path("error").asText("");
    if (!node.has("letterId")) {
      return new Item(Path.of(input), code.intValue(), error, null, true);
    }
    Set<String> accepted = new TreeSet<>();
    node.path("acceptedWarnings").forEach(a -> accepted.add(a.asText()));
    List<String> advice = new ArrayList<>();
    node.path("warnings").forEach(a -> advice.add(a.asText()));
    JsonNode request = node.get("requestSha256");
    Path file = inFolder(folder, text(node, "file", shown), shown);
    Path copy = node.has("patientCopy") ? inFolder(folder, text(node, "patientCopy", shown), shown) : null;
    // A copy is named after its letter (letter-ID-copy-es.pdf): --resume removes a stray one by
    // this name, and must never take another letter for it.
    String stem = file.getFileName().toString().replaceFirst("(?i)\\.pdf$", "") + "-copy-";
    if (copy != null && !copy.getFileName().toString().matches(java.util.regex.Pattern.quote(stem) + "[a-z]{2}\\.pdf")) {
      throw new InputException("--resume: " + shown + " names a patient's copy that is not named after its letter");
    }
    Letter letter = new Letter(text(node, "letterId", shown), file,
        text(node, "sha256", shown), request == null ? null : request.asText(), new Warnings(advice, accepted), copy);
    return new Item(Path.of(input), code.intValue(), error, letter, true);
  }

  // A manifest names files of its own folder only: --resume never reads or removes others.
  private static Path inFolder(Path folder, String name, String shown) {
    Path file = folder.resolve(name).normalize();
    if (!folder.equals(file.getParent())) {
      throw new InputException("--resume: " + shown + " names a letter outside its folder");
    }
    return file;
  }

  private static String text(JsonNode node, String field, String shown) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new InputException("--resume: " + shown + " has an entry without its " + field);
    }
    return value.asText();
  }
}
