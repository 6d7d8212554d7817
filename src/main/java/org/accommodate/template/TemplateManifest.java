package org.accommodate.template;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.accommodate.request.AccommodationType;
import org.accommodate.request.Category;
import org.accommodate.request.DisclosureLevel;
import org.accommodate.request.Language;

/**
 * A template folder's manifest.yaml.
 *
 * @param id the folder name and request `template` value
 * @param title the letter kind; also the PDF's document title (never a patient detail)
 * @param types the accommodation types it covers
 * @param categories the disclosure categories it needs
 * @param levels the disclosure levels it supports
 * @param languages the languages it has a template for
 * @param folder the clinic folder it was loaded from (null for a shipped template)
 */
public record TemplateManifest(String id, String title, Set<AccommodationType> types,
    Set<Category> categories, Set<DisclosureLevel> levels, List<Language> languages, java.nio.file.Path folder) {
  public TemplateManifest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    types = Set.copyOf(types);
    categories = Set.copyOf(categories);
    levels = Set.copyOf(levels);
    languages = List.copyOf(languages);
  }
}
