package org.accommodate;

import java.net.URI;
import java.nio.file.Path;

/**
 * How one letter is issued.
 *
 * @param output where to write it (null: letter-ID.pdf in the working directory)
 * @param force replace an existing file
 * @param acceptWarnings go on past WARN findings (recorded)
 * @param tsa the time-stamp authority for a B-T signature (null: B-B, offline)
 */
public record IssueOptions(Path output, boolean force, boolean acceptWarnings, URI tsa) {
  public static IssueOptions defaults() {
    return new IssueOptions(null, false, false, null);
  }
}
