package org.accommodate.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import java.nio.file.Path;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.XHTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.accommodate.InputException;
import org.accommodate.PrivacyRefusalException;
import org.accommodate.privacy.AuthorizedModel;
import org.accommodate.request.Language;

/**
 * Fills a template's XHTML from an {@link AuthorizedModel} in a sandboxed FreeMarker: every value
 * escaped, no Java reachable from templates, loading confined to the template's own folder, and
 * a reference to anything not in the model fails the render.
 */
public final class TemplateRenderer {
  static {
    // FreeMarker would otherwise log template errors, which can quote data.
    System.setProperty(freemarker.log.Logger.SYSTEM_PROPERTY_NAME_LOGGER_LIBRARY, "none");
  }

  private static final freemarker.template.Version VERSION = Configuration.VERSION_2_3_34;
  // Built-ins that turn data into template code, and the ones that reach Java.
  private static final Pattern FORBIDDEN = Pattern.compile("\\?\\s*(eval|eval_json|interpret|new|api)\\b");

  private final Map<String, Configuration> configurations = new ConcurrentHashMap<>();
  private final TemplateCatalog catalog;

  public TemplateRenderer(TemplateCatalog catalog) {
    this.catalog = catalog;
  }

  /** Parses every language file of a clinic template now, so mistakes show when it is loaded. */
  static void validate(TemplateManifest manifest) {
    Configuration cfg = sandbox(manifest);
    for (Language language : manifest.languages()) {
      String name = language.keyword() + ".ftlx";
      Path file = manifest.folder().resolve(name);
      try {
        cfg.getTemplate(name);
      } catch (ParseException e) {
        throw new InputException(file + ": not a valid template at line " + e.getLineNumber(), e);
      } catch (freemarker.template.TemplateNotFoundException e) {
        throw new InputException(file + ": missing (the manifest lists this language)", e);
      } catch (IOException e) {
        throw new InputException(file + ": cannot be read", e);
      } catch (InputException e) {
        throw new InputException(file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Renders the template for the model's template id in the given language, normal density. */
  public String render(AuthorizedModel model, Language language) {
    return render(model, language, "normal", java.util.List.of());
  }

  /**
   * Renders with a layout density ("normal", "compact", "dense") that the stylesheet maps to
   * type sizes and spacing; layout settings are the only data besides the authorized model.
   */
  public String render(AuthorizedModel model, Language language, String density, java.util.List<String> fonts) {
    String id = model.templateId();
    String name = language.keyword() + ".ftlx";
    try {
      Template template = configuration(id).getTemplate(name);
      StringWriter out = new StringWriter();
      java.util.Map<String, Object> data = new java.util.HashMap<>(model.view());
      data.put("layout", java.util.Map.of("density", density, "fonts", fonts));
      template.process(data, out);
      return out.toString();
    } catch (InvalidReferenceException e) {
      throw new PrivacyRefusalException("template '" + id + "' failed at line " + e.getLineNumber()
          + ": it uses data that is not in the authorized model");
    } catch (ParseException e) {
      throw new InputException("template '" + id + "' (" + name + ") is not valid at line " + e.getLineNumber(), e);
    } catch (TemplateException e) {
      throw new InputException("template '" + id + "' failed at line " + e.getLineNumber(), e);
    } catch (IOException e) {
      throw new InputException("template '" + id + "' has no " + name, e);
    } catch (InputException e) {
      throw new InputException("template '" + id + "': " + e.getMessage(), e);
    }
  }

  private static final String FORM = "org/accommodate/form";

  // The built-in authorization form's templates, parsed once.
  private static final class Form {
    static final Configuration CONFIGURATION = sandbox(new ClassTemplateLoader(TemplateRenderer.class.getClassLoader(), FORM));
  }

  /**
   * Fills the built-in authorization form (see {@code privacy.AuthorizationForm}) in {@code
   * language}; it ships with the tool, so a failure is a bug.
   */
  public static String renderForm(Map<String, Object> data, Language language) {
    try {
      StringWriter out = new StringWriter();
      Form.CONFIGURATION.getTemplate(language.keyword() + ".ftlx").process(data, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("the authorization form's template failed", e);
    }
  }

  private Configuration configuration(String id) {
    return configurations.computeIfAbsent(id, key -> sandbox(catalog.find(key)));
  }

  private static Configuration sandbox(TemplateManifest manifest) {
    // Loader rooted at this template's folder: includes cannot reach other folders.
    TemplateLoader loader;
    try {
      loader = manifest.folder() == null
          ? new ClassTemplateLoader(TemplateRenderer.class.getClassLoader(), TemplateCatalog.ROOT + manifest.id())
          : new FileTemplateLoader(manifest.folder().toFile());
    } catch (IOException e) {
      throw new InputException("--templates: cannot read " + manifest.folder(), e);
    }
    return sandbox(loader);
  }

  private static Configuration sandbox(TemplateLoader loader) {
    Configuration cfg = new Configuration(VERSION);
    cfg.setTemplateLoader(new GuardedLoader(loader, FORBIDDEN));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setOutputFormat(XHTMLOutputFormat.INSTANCE);
    cfg.setRecognizeStandardFileExtensions(false);
    cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    cfg.setObjectWrapper(new SimpleObjectWrapper(VERSION));
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setAttemptExceptionReporter((e, env) -> { });
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setLocalizedLookup(false);
    cfg.setFallbackOnNullLoopVariable(false);
    return cfg;
  }
}
