package io.rootwalk;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.utils.base16;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads IANA's {@code root-anchors.xml} (RFC 7958 section 2, as updated by RFC 9718): a {@code
 * TrustAnchor} element whose {@code Zone} is "." and whose {@code KeyDigest} elements each give a
 * DS record's key tag, algorithm, digest type and digest, valid from {@code validFrom} and, if it
 * is given, until {@code validUntil}. Other elements (such as RFC 9718's {@code PublicKey} and
 * {@code Flags}) are ignored.
 *
 * <p>The parser is the JDK's, hardened: a DOCTYPE is refused outright, so there are no entities to
 * expand (the "billion laughs") and no external DTD or entity to fetch (XXE); XInclude is off and
 * secure processing on. Its messages go into the exception, never to standard error.
 */
final class TrustAnchorsXml {

  /** The TTL given to the DS records; anchors' TTLs are not used. */
  private static final long TTL = 172_800;

  private TrustAnchorsXml() {}

  /** Whether {@code text} looks like XML rather than zone-file lines. */
  static boolean looksLikeXml(String text) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return t.stripLeading().startsWith("<");
  }

  /**
   * The DS records of the KeyDigests valid at {@code at}; counts the others into {@code notValid}.
   */
  static List<DSRecord> records(String text, String source, Instant at, List<String> notValid) {
    Element root = parse(text, source).getDocumentElement();
    if (!root.getTagName().equals("TrustAnchor")) {
      throw bad(source, "the document element is <" + root.getTagName() + ">, not <TrustAnchor>");
    }
    String zone = childText(root, "Zone").orElseThrow(() -> bad(source, "no <Zone>"));
    if (!zone.equals(".")) {
      throw bad(source, "<Zone> is " + TrustAnchorsParser.quote(zone) + ": only root anchors");
    }
    List<DSRecord> out = new ArrayList<>();
    NodeList digests = root.getElementsByTagName("KeyDigest");
    for (int i = 0; i < digests.getLength(); i++) {
      Element kd = (Element) digests.item(i);
      String id = kd.getAttribute("id").isEmpty() ? "#" + (i + 1) : kd.getAttribute("id");
      DSRecord ds = ds(kd, id, source);
      Instant from =
          time(kd, "validFrom", id, source)
              .orElseThrow(() -> bad(source, "KeyDigest " + id + " has no validFrom"));
      Optional<Instant> until = time(kd, "validUntil", id, source);
      // RFC 7958 section 2.3: not to be used before validFrom nor after validUntil.
      if (at.isBefore(from) || (until.isPresent() && !at.isBefore(until.get()))) {
        notValid.add(id + " (key tag " + ds.getFootprint() + ")");
      } else {
        out.add(ds);
      }
    }
    return out;
  }

  private static DSRecord ds(Element kd, String id, String source) {
    int tag = number(kd, "KeyTag", 0xFFFF, id, source);
    int alg = number(kd, "Algorithm", 0xFF, id, source);
    int digestType = number(kd, "DigestType", 0xFF, id, source);
    String hex =
        childText(kd, "Digest").orElseThrow(() -> bad(source, "KeyDigest " + id + ": no Digest"));
    byte[] digest =
        hex.matches("[0-9A-Fa-f]+") && hex.length() % 2 == 0 ? base16.fromString(hex) : null;
    if (digest == null || digest.length == 0) {
      throw bad(
          source, "KeyDigest " + id + ": Digest " + TrustAnchorsParser.quote(hex) + " is not hex");
    }
    return new DSRecord(Name.root, DClass.IN, TTL, tag, alg, digestType, digest);
  }

  private static int number(Element kd, String child, int max, String id, String source) {
    String text =
        childText(kd, child).orElseThrow(() -> bad(source, "KeyDigest " + id + ": no " + child));
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(
        source,
        "KeyDigest "
            + id
            + ": "
            + child
            + " "
            + TrustAnchorsParser.quote(text)
            + " is not 0-"
            + max);
  }

  private static Optional<Instant> time(Element kd, String attribute, String id, String source) {
    String text = kd.getAttribute(attribute).trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      try {
        // xsd:dateTime may omit the offset; the root zone's times are UTC.
        return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e2) {
        throw bad(
            source,
            "KeyDigest "
                + id
                + ": "
                + attribute
                + " "
                + TrustAnchorsParser.quote(text)
                + " is not a date-time");
      }
    }
  }

  /** The trimmed text of the first child element named {@code name}. */
  private static Optional<String> childText(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        return Optional.of(n.getTextContent().trim());
      }
    }
    return Optional.empty();
  }

  private static Document parse(String text, String source) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity " + systemId + " refused");
          });
      return builder.parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      throw new TrustAnchorsException(
          source,
          "trust anchors "
              + source
              + " are not well-formed XML: line "
              + e.getLineNumber()
              + ": "
              + TrustAnchorsParser.shorten(e.getMessage()),
          e);
    } catch (SAXException | IOException e) {
      throw bad(source, TrustAnchorsParser.shorten(e.getMessage()));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("this JDK's XML parser cannot be hardened", e);
    }
  }

  private static TrustAnchorsException bad(String source, String what) {
    return new TrustAnchorsException(source, "trust anchors " + source + ": " + what);
  }

  /** Turns every report into an exception: the default handler prints to standard error. */
  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
