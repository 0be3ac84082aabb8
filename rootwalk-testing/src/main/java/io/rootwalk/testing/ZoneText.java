package io.rootwalk.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/** Parses master-file text with dnsjava's {@link Master}, turning its errors into ours. */
final class ZoneText {

  private ZoneText() {}

  /**
   * Parses {@code text} with {@code origin} as the initial {@code $ORIGIN}.
   *
   * @throws IllegalArgumentException naming the zone and (from dnsjava's tokenizer) the line
   */
  static List<Record> parse(Name origin, String text, long defaultTtl) {
    List<Record> records = new ArrayList<>();
    try (Master master =
        new Master(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), origin, defaultTtl)) {
      for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
        records.add(record);
      }
    } catch (IOException | RuntimeException e) {
      // dnsjava reports "<none>:LINE: message" for streams; say "line LINE" instead.
      String detail = String.valueOf(e.getMessage()).replaceFirst("^<none>:(\\d+): ", "line $1: ");
      throw new IllegalArgumentException("zone " + origin + ": " + detail, e);
    }
    return List.copyOf(records);
  }
}
