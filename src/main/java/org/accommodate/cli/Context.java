package org.accommodate.cli;

import java.io.Console;
import java.util.Map;
import org.accommodate.Letters;

/**
 * What commands need from the outside world, injected so tests control it.
 *
 * @param letters the core API
 * @param environment environment variables (for ACCOMMODATE_KEY_PASSWORD)
 * @param console the terminal for password prompts, or null
 */
record Context(Letters letters, Map<String, String> environment, Console console) {}
