package org.accommodate.request;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.accommodate.InputException;
import org.accommodate.SmallFiles;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads small YAML or JSON documents (requests, profiles) into trees, with safe error messages. */
final class Documents {
  /** Requests and profiles are a few hundred bytes; anything far larger is not one. */
  static final int MAX_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectMapper YAML = yamlMapper();

  private Documents() {}

  private static ObjectMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_BYTES);
    return YAMLMapper.builder(YAMLFactory.builder().loaderOptions(options).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  static JsonNode read(Path file, String display, String what) {
    return parse(bytes(file, display, what), display, what);
  }

  /** A document's bytes, refused by name when missing, unreadable or far too large. */
  static byte[] bytes(Path file, String display, String what) {
    try {
      return SmallFiles.read(file, MAX_BYTES);
    } catch (SmallFiles.TooLarge e) {
      throw tooLarge(display, what);
    } catch (NoSuchFileException e) {
      throw new InputException(what + " " + display + ": no such file", e);
    } catch (IOException e) {
      throw new InputException(what + " " + display + ": cannot be read", e);
    }
  }

  /** A document streamed in (standard input), refused by name when far too large or unreadable. */
  static byte[] bytes(java.io.InputStream in, String display, String what) {
    try {
      return SmallFiles.read(in, MAX_BYTES);
    } catch (SmallFiles.TooLarge e) {
      throw tooLarge(display, what);
    } catch (IOException e) {
      throw new InputException(what + " " + display + ": cannot be read", e);
    }
  }

  private static InputException tooLarge(String display, String what) {
    return new InputException(what + " " + display + ": larger than " + MAX_BYTES / 1024 + " KiB");
  }

  /**
   * {@code bytes} as text without a byte-order mark: UTF-8, or UTF-16 when a byte-order mark says
   * so (as YAML allows, and as Windows tools such as PowerShell 5 write files); anything else is
   * refused with {@code refusal}.
   */
  static String utf8(byte[] bytes, String refusal) {
    java.nio.charset.Charset charset = StandardCharsets.UTF_8;
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
      charset = StandardCharsets.UTF_16LE;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
      charset = StandardCharsets.UTF_16BE;
    }
    String text;
    try {
      text = charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(refusal, e);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static JsonNode parse(byte[] bytes, String name, String what) {
    String text = utf8(bytes, what + " " + name + ": is not UTF-8 text (nor UTF-16 with a byte-order mark)");
    if (text.isBlank()) {
      // An empty pipe (the export before it failed) or an empty file, not a badly shaped one.
      throw new InputException(what + " " + name + ": is empty");
    }
    boolean json = name.endsWith(".json") || text.stripLeading().startsWith("{");
    try {
      JsonNode node = (json ? JSON : YAML).readTree(text);
      if (node == null || node.isMissingNode() || !node.isObject()) {
        throw new InputException(what + " " + name + ": must be a mapping of fields");
      }
      return node;
    } catch (JsonProcessingException e) {
      // The parser's own message can quote the input; report only the position.
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InputException(what + " " + name + ": not valid " + (json ? "JSON" : "YAML") + where, e);
    } catch (RuntimeException e) {
      if (e instanceof InputException) {
        throw e;
      }
      // SnakeYAML limit violations (aliases, nesting, size) surface as unchecked exceptions.
      throw new InputException(what + " " + name + ": not valid " + (json ? "JSON" : "YAML"), e);
    }
  }

}
