package org.accommodate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.accommodate.InputException;
import org.accommodate.request.AccommodationType;
import org.accommodate.request.Category;
import org.accommodate.request.DisclosureLevel;
import org.accommodate.request.Language;

/** The templates the tool ships (inside the jar, under templates/), read once. */
public final class TemplateCatalog {
  static final String ROOT = "templates/";
  private static final Set<String> FIELDS = Set.of("id", "title", "types", "categories", "levels", "languages");
  private static final YAMLMapper YAML = new YAMLMapper();  // one mapper for every manifest: making one is not cheap

  private final Map<String, TemplateManifest> manifests;

  private TemplateCatalog(Map<String, TemplateManifest> manifests) {
    this.manifests = manifests;
  }

  /** The shipped catalog, listed in templates/templates.list. */
  public static TemplateCatalog shipped() {
    Map<String, TemplateManifest> manifests = new LinkedHashMap<>();
    for (String id : resource(ROOT + "templates.list").split("\\R")) {
      if (!id.isBlank() && !id.startsWith("#")) {
        String name = ROOT + id.strip() + "/manifest.yaml";
        manifests.put(id.strip(), manifest(resource(name), name, null));
      }
    }
    return new TemplateCatalog(manifests);
  }

  /**
   * This catalog plus a clinic's own folder (one sub-folder per template, the shipped layout),
   * each validated now: a bad manifest or template is an input error naming the file and line.
   * A clinic template with a shipped id replaces the shipped one.
   */
  public TemplateCatalog with(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new InputException("--templates: no such folder " + folder);
    }
    Map<String, TemplateManifest> all = new LinkedHashMap<>(manifests);
    int added = 0;
    try (var entries = Files.list(folder)) {
      for (Path sub : entries.sorted().toList()) {
        Path manifestFile = sub.resolve("manifest.yaml");
        if (!Files.isRegularFile(manifestFile)) {
          continue;
        }
        TemplateManifest manifest = manifest(Files.readString(manifestFile), manifestFile.toString(), sub);
        if (!manifest.id().equals(sub.getFileName().toString())) {
          throw new InputException(manifestFile + ": id must equal the folder name");
        }
        TemplateRenderer.validate(manifest);
        all.put(manifest.id(), manifest);
        added++;
      }
    } catch (IOException e) {
      throw new InputException("--templates: cannot read " + folder, e);
    }
    if (added == 0) {
      // A mistyped folder would otherwise leave the shipped template of the same id in use, unsaid.
      throw new InputException("--templates: " + folder + " holds no template (one sub-folder per template, each with"
          + " its manifest.yaml)" + (Files.isRegularFile(folder.resolve("manifest.yaml"))
          ? "; it is a template itself: give the folder that holds it" : ""));
    }
    return new TemplateCatalog(all);
  }

  public List<TemplateManifest> list() {
    return List.copyOf(manifests.values());
  }

  public TemplateManifest find(String id) {
    return Optional.ofNullable(manifests.get(id)).orElseThrow(() -> {
      // Only our own ids are offered, never what was typed.
      List<String> near = org.accommodate.Typos.nearMisses(id, manifests.keySet(), 2);
      return new InputException("template: no template with that id"
          + (near.isEmpty() ? "" : "; did you mean '" + String.join("' or '", near) + "'?")
          + " (see 'accommodate templates list')");
    });
  }

  /** The first template in the catalog that covers {@code type}. */
  public TemplateManifest forType(org.accommodate.request.AccommodationType type) {
    return manifests.values().stream().filter(m -> m.types().contains(type)).findFirst()
        .orElseThrow(() -> new InputException("accommodation.type: no template covers " + type.keyword()));
  }

  static String resource(String name) {
    try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TemplateManifest manifest(String yaml, String name, Path folder) {
    JsonNode node;
    try {
      node = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(name + ": not valid YAML at line " + line, e);
    } catch (IOException e) {
      throw new InputException(name + ": not valid YAML", e);
    }
    if (node == null || !node.isObject()) {
      throw new InputException(name + ": must be a mapping of fields");
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!FIELDS.contains(key)) {
        throw new InputException(name + ": unknown field " + key);
      }
    });
    return new TemplateManifest(
        text(node, "id", name), text(node, "title", name),
        keywords(node, "types", AccommodationType.class, name),
        keywords(node, "categories", Category.class, name),
        keywords(node, "levels", DisclosureLevel.class, name),
        new ArrayList<>(keywords(node, "languages", Language.class, name)), folder);
  }

  private static String text(JsonNode node, String field, String name) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new InputException(name + ": " + field + " is required");
    }
    return value.asText().strip();
  }

  private static <E extends Enum<E>> EnumSet<E> keywords(JsonNode node, String field, Class<E> type, String name) {
    JsonNode list = node.get(field);
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InputException(name + ": " + field + " must be a non-empty list");
    }
    EnumSet<E> values = EnumSet.noneOf(type);
    for (JsonNode item : list) {
      String word = item.asText().toLowerCase(Locale.ROOT);
      E match = null;
      for (E constant : type.getEnumConstants()) {
        if (constant.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(word)) {
          match = constant;
        }
      }
      if (match == null) {
        throw new InputException(name + ": " + field + " has an unknown entry");
      }
      values.add(match);
    }
    return values;
  }
}
