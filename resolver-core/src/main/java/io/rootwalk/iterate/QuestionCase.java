package io.rootwalk.iterate;

import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Undoes 0x20's random letter case once the transport has verified the echo: records owned by
 * the query name are renamed to its canonical spelling, so answers and cache entries read as the
 * caller wrote the name, not as {@code wWw.ExAMple.COM}.
 */
final class QuestionCase {

  private QuestionCase() {}

  static Message restore(Message response, Name canonical) {
    Message copy = response.clone();
    for (int section : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      List<Record> records = copy.getSection(section);
      boolean differs = false;
      for (Record r : records) {
        if (r.getName().equals(canonical) && !r.getName().toString().equals(canonical.toString())) {
          differs = true;
          break;
        }
      }
      if (!differs) {
        continue;
      }
      copy.removeAllRecords(section);
      for (Record r : records) {
        boolean rename = r.getName().equals(canonical) && !r.getName().toString().equals(canonical.toString());
        copy.addRecord(rename ? r.withName(canonical) : r, section);
      }
    }
    return copy;
  }
}
