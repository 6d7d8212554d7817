package org.accommodate.privacy;

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
}

record Minimized(String templateId, Set<Category> categories, Map<String, Object> view,
    DisclosureManifest manifest) implements AuthorizedModel {
  Minimized {
    categories = Set.copyOf(categories);
    view = Map.copyOf(view);
  }

  @Override
  public String toString() {
    return "AuthorizedModel[" + templateId + "]";
  }
}
