package org.accommodate.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** Signature level options; everything stays offline unless a time-stamp authority is named. */
final class SigningOptions {
  @Option(names = "--tsa", paramLabel = "URL",
      description = "RFC 3161 time-stamp authority: adds a signature time-stamp (PAdES B-T). Uses the network.")
  URI tsa;
}
