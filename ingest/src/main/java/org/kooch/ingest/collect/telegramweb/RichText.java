package org.kooch.ingest.collect.telegramweb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.kooch.schemas.ChannelLink;
import org.kooch.schemas.PlatformRegistry;

/**
 * Text and links of a message or description element exactly as the page shows them: text nodes
 * verbatim (Persian, ZWNJ, RTL marks and emoji untouched; emoji images carry the character in a
 * {@code <b>}), {@code <br>} as a line break, nothing trimmed or collapsed.
 */
final class RichText {
  private RichText() {}

  static String text(Element e) {
    StringBuilder out = new StringBuilder();
    append(e, out);
    return out.toString();
  }

  private static void append(Node node, StringBuilder out) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode t) {
        out.append(t.getWholeText());
      } else if (child instanceof Element el) {
        if (el.normalName().equals("br")) {
          out.append('\n');
        } else {
          append(el, out);
        }
      }
    }
  }

  /**
   * Links of the element: every {@code <a href>} pointing to the web (text links included, whose
   * text is not the URL), then links written as plain text that the page did not make clickable.
   * Hashtag searches (?q=%23...) and other relative links are not links to anywhere else.
   */
  static List<String> links(Element e, String text, PlatformRegistry registry) {
    Set<String> links = new LinkedHashSet<>();
    for (Element a : e.select("a[href]")) {
      String href = a.attr("abs:href");
      if (isWebLink(href) && !a.attr("href").startsWith("?")) {
        links.add(href);
      }
    }
    for (ChannelLink l : registry.linksIn(text)) {
      if (links.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).contains(l.url().toLowerCase(Locale.ROOT)))) {
        links.add(l.url());
      }
    }
    return new ArrayList<>(links);
  }

  static boolean isWebLink(String href) {
    String h = href.toLowerCase(Locale.ROOT);
    return h.startsWith("https://") || h.startsWith("http://");
  }
}
