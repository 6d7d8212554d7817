package org.accommodate.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.privacy.AuthorizationCheck;
import org.accommodate.request.LetterRequest;

/**
 * Requests of one batch that give the same signed form's file (by its hash) for different
 * patients. A form is one patient's: when two patients' requests give one, at least one letter
 * would go out on another patient's authorization (a request copied whole from another), and
 * which one cannot be told, so every such request is refused.
 */
public final class SharedForms {
  private SharedForms() {}

  /**
   * The refusal for each request (by index) whose form another patient's request gives too.
   *
   * @param files the request files, for naming them
   * @param requests the parsed requests, null where a request could not be read
   */
  public static Map<Integer, PrivacyRefusalException> refusals(List<Path> files, List<LetterRequest> requests) {
    Map<String, List<Integer>> byForm = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      LetterRequest request = requests.get(i);
      if (request != null && request.authorization().documentSha256() != null) {
        byForm.computeIfAbsent(request.authorization().documentSha256(), k -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, PrivacyRefusalException> refusals = new HashMap<>();
    for (List<Integer> sharing : byForm.values()) {
      for (int i : sharing) {
        String patient = AuthorizationCheck.normalizedName(requests.get(i).patient().name());
        List<String> others = sharing.stream()
            .filter(j -> !AuthorizationCheck.normalizedName(requests.get(j).patient().name()).equals(patient))
            .map(j -> files.get(j).getFileName().toString()).toList();
        if (!others.isEmpty()) {
          refusals.put(i, new PrivacyRefusalException("authorization.document: is also the signed form of "
              + listed(others) + ", for " + (others.size() == 1 ? "another patient" : "other patients")
              + "; a letter needs its own patient's signed form: correct the requests"));
        }
      }
    }
    return refusals;
  }

  // "a.yaml", "a.yaml and b.yaml", "a.yaml, b.yaml, c.yaml and 4 more".
  private static String listed(List<String> names) {
    if (names.size() > 4) {
      return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
    return names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }
}
