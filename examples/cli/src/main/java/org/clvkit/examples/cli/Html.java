package org.clvkit.examples.cli;

import java.util.Base64;
import java.util.Locale;

/** A small HTML writer: escaped text, elements, and PNG images inlined as data URIs. */
final class Html {
  private final StringBuilder out = new StringBuilder(1 << 16);

  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /** Appends raw markup. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Appends escaped text. */
  Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Appends {@code <tag>escaped text</tag>}. */
  Html element(String tag, String text) {
    out.append('<')
        .append(tag)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(tag)
        .append(">\n");
    return this;
  }

  /** Appends a link to a relative path with escaped text. */
  Html link(String href, String text) {
    out.append("<a href=\"").append(escape(href)).append("\">").append(escape(text)).append("</a>");
    return this;
  }

  /** Appends an image inlined as a data URI. */
  Html png(byte[] png, String alt) {
    out.append("<img src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png))
        .append("\" alt=\"")
        .append(escape(alt))
        .append("\">");
    return this;
  }

  /** Appends a table row of escaped cells ({@code th} when header). */
  Html row(boolean header, String... cells) {
    out.append("<tr>");
    String tag = header ? "th" : "td";
    for (String c : cells) {
      out.append('<')
          .append(tag)
          .append('>')
          .append(escape(c))
          .append("</")
          .append(tag)
          .append('>');
    }
    out.append("</tr>\n");
    return this;
  }

  static String number(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
