package org.accommodate.privacy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.accommodate.request.Category;

/**
 * Template data limited to the categories the authorization covers. Only {@link Minimizer} can
 * make one, so a template can never be filled from a raw request.
 */
public sealed interface AuthorizedModel permits Minimized {
  String templateId();

  /** The categories whose data the view holds. */
  Set<Category> categories();

  /** Plain maps, lists, strings and booleans: nothing a template could call into. */
  Map<String, Object> view();

  /** The disclosure manifest: what went in and what was withheld. */
  DisclosureManifest manifest();

  /** Text the scanner may skip: verified regulation text (the 2.32 notice) and the letter ID. */
  List<String> exemptText();

  /** Advice for the clinician that does not stop the letter (e.g. the schedule's shape). */
  List<String> advisories();

  /** What the rendered page must show, whichever template draws it. */
  List<RequiredText> requiredText();
}

record Minimized(String templateId, Set<Category> categories, Map<String, Object> view,
    DisclosureManifest manifest, List<String> exemptText, List<String> advisories,
    List<RequiredText> requiredText) implements AuthorizedModel {
  Minimized {
    categories = Set.copyOf(categories);
    view = Map.copyOf(view);
    exemptText = List.copyOf(exemptText);
    advisories = List.copyOf(advisories);
    requiredText = List.copyOf(requiredText);
  }

  @Override
  public String toString() {
    return "AuthorizedModel[" + templateId + "]";
  }
}
