package io.rootwalk.cache;

import io.rootwalk.Question;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * RFC 8767 serve-stale: when fresh resolution failed, the expired answer still within the
 * serve-stale window, following a stale CNAME chain, with every TTL set to 30 seconds so clients
 * come back soon (clamped like every other TTL, so never above {@code maxTtl}).
 *
 * @param records the chain and the final RRset
 * @param name the name the final RRset is owned by
 */
public record StaleAnswer(List<Record> records, Name name) {

  static Optional<StaleAnswer> find(
      RRsetCache rrsets, Question question, int maxAliasHops, long staleTtl) {
    List<Record> answers = new ArrayList<>();
    Name name = question.name();
    Set<Name> seen = new HashSet<>();
    while (seen.add(name) && seen.size() <= maxAliasHops + 1) {
      Optional<CachedRRset> hit = rrsets.getStale(name, question.type());
      if (hit.isPresent()) {
        for (Record r : hit.get().rrset().rrs(false)) {
          answers.add(CachedRRset.withTtl(r, staleTtl));
        }
        for (Record sig : hit.get().rrset().sigs()) {
          answers.add(CachedRRset.withTtl(sig, staleTtl)); // a validator checks stale data too
        }
        return Optional.of(new StaleAnswer(List.copyOf(answers), name));
      }
      Optional<CachedRRset> cname =
          question.type() == Type.CNAME ? Optional.empty() : rrsets.getStale(name, Type.CNAME);
      if (cname.isEmpty()) {
        return Optional.empty();
      }
      Record link = CachedRRset.withTtl(cname.get().rrset().first(), staleTtl);
      answers.add(link);
      for (Record sig : cname.get().rrset().sigs()) {
        answers.add(CachedRRset.withTtl(sig, staleTtl));
      }
      name = ((CNAMERecord) link).getTarget();
    }
    return Optional.empty();
  }
}
