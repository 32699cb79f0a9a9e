package io.envtainer.plan;

/** Launcher line templates: {@code {image}} and {@code {command}} placeholders. */
public final class Launchers {
  private Launchers() {}

  public static String fill(String template, String image, String command) {
    return template.replace("{image}", image).replace("{command}", command);
  }
}
