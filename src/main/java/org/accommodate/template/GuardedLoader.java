package org.accommodate.template;

import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accommodate.InputException;

/** Refuses template sources that use built-ins turning data into code or reaching Java. */
final class GuardedLoader implements TemplateLoader {
  // Include and import targets must be plain names inside the folder; a computed target is refused too.
  private static final Pattern INCLUDE = Pattern.compile("<#(include|import)\\s+(?:\"([^\"]*)\"|'([^']*)'|[^\\s>]+)");
  private final TemplateLoader delegate;
  private final Pattern forbidden;

  GuardedLoader(TemplateLoader delegate, Pattern forbidden) {
    this.delegate = delegate;
    this.forbidden = forbidden;
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    if (name.contains("..") || name.startsWith("/")) {
      return null;
    }
    return delegate.findTemplateSource(name);
  }

  @Override
  public long getLastModified(Object source) {
    return delegate.getLastModified(source);
  }

  @Override
  public Reader getReader(Object source, String encoding) throws IOException {
    String text;
    try (Reader reader = delegate.getReader(source, encoding)) {
      StringBuilder all = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = reader.read(buffer)) > 0; ) {
        all.append(buffer, 0, n);
      }
      text = all.toString();
    }
    if (forbidden.matcher(text).find()) {
      throw new InputException("template uses a forbidden built-in (?eval, ?interpret, ?new or ?api)");
    }
    Matcher include = INCLUDE.matcher(text);
    while (include.find()) {
      String target = include.group(2) != null ? include.group(2) : include.group(3);
      if (target == null || target.contains("..") || target.startsWith("/") || target.contains(":")
          || target.contains("\\")) {
        throw new InputException("template includes or imports a file outside its own folder");
      }
    }
    return new StringReader(text);
  }

  @Override
  public void closeTemplateSource(Object source) throws IOException {
    delegate.closeTemplateSource(source);
  }
}
