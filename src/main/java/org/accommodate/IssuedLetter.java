package org.accommodate;

import java.nio.file.Path;
import org.accommodate.privacy.DisclosureManifest;

/**
 * A signed letter that has been written.
 *
 * @param id the random letter ID
 * @param path where it was written
 * @param sha256 hex SHA-256 of the signed file
 * @param manifest what it discloses and withholds
 * @param specimen whether it was signed with a demo key
 */
public record IssuedLetter(String id, Path path, String sha256, DisclosureManifest manifest, boolean specimen) {}
