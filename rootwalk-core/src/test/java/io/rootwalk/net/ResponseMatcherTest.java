package io.rootwalk.net;

import static io.rootwalk.net.NioTransportTest.answer;
import static io.rootwalk.net.NioTransportTest.answerWithQuestion;
import static io.rootwalk.net.NioTransportTest.query;
import static io.rootwalk.net.NioTransportTest.question;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class ResponseMatcherTest {

  @Test
  void matchingResponseIsAccepted() throws IOException {
    Message query = query("www.example.com.", 42);

    assertThat(new ResponseMatcher(query).judge(answer(query.toWire())))
        .isInstanceOf(ResponseMatcher.Accept.class);
  }

  @Test
  void shortDatagramAndWrongIdAreMismatches() throws IOException {
    Message query = query("www.example.com.", 42);
    ResponseMatcher matcher = new ResponseMatcher(query);
    byte[] wrongId = answer(query.toWire());
    wrongId[1] ^= 1;

    assertThat(matcher.judge(new byte[] {0, 42, (byte) 0x80}))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
    assertThat(matcher.judge(wrongId)).isInstanceOf(ResponseMatcher.Mismatch.class);
  }

  @Test
  void rightIdButUnparsableIsUnparsable() {
    ResponseMatcher matcher = new ResponseMatcher(query("www.example.com.", 42));

    assertThat(matcher.judge(new byte[] {0, 42, (byte) 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 9}))
        .isInstanceOf(ResponseMatcher.Unparsable.class);
  }

  @Test
  void ourOwnQueryReflectedBackIsNotAResponse() {
    Message query = query("www.example.com.", 42);

    assertThat(new ResponseMatcher(query).judge(query.toWire()))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
  }

  @Test
  void questionMustMatchNameTypeAndClass() throws IOException {
    Message query = query("www.example.com.", 42);
    ResponseMatcher matcher = new ResponseMatcher(query);
    byte[] wire = query.toWire();

    assertThat(matcher.judge(answerWithQuestion(wire, question("www.example.org."))))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
    assertThat(
            matcher.judge(
                answerWithQuestion(
                    wire,
                    Record.newRecord(
                        question("www.example.com.").getName(), Type.AAAA, DClass.IN))))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
    assertThat(
            matcher.judge(
                answerWithQuestion(
                    wire,
                    Record.newRecord(question("www.example.com.").getName(), Type.A, DClass.CH))))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
  }

  @Test
  void dns0x20_mixedCaseQueryNeedsAnExactEchoButALowerCaseOneDoesNot() throws IOException {
    Message mixed = query("wWw.ExAmple.COM.", 42);
    Message lower = query("www.example.com.", 42);

    assertThat(
            new ResponseMatcher(mixed)
                .judge(answerWithQuestion(mixed.toWire(), question("www.example.com."))))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
    assertThat(new ResponseMatcher(mixed).judge(answer(mixed.toWire())))
        .isInstanceOf(ResponseMatcher.Accept.class);
    assertThat(
            new ResponseMatcher(lower)
                .judge(answerWithQuestion(lower.toWire(), question("WWW.EXAMPLE.COM."))))
        .isInstanceOf(ResponseMatcher.Accept.class);
  }

  @Test
  void rfc6891_formerrWithoutAQuestionIsAcceptedButNoerrorWithoutOneIsNot() {
    ResponseMatcher matcher = new ResponseMatcher(query("www.example.com.", 42));

    assertThat(matcher.judge(bareResponse(42, Rcode.FORMERR)))
        .isInstanceOf(ResponseMatcher.Accept.class);
    assertThat(matcher.judge(bareResponse(42, Rcode.NOERROR)))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
  }

  @Test
  void with0x20AFormerrWithoutAQuestionIsNotAcceptedForItCannotProveTheCase() {
    ResponseMatcher matcher = new ResponseMatcher(query("wWw.ExAmPle.com.", 42));

    assertThat(matcher.judge(bareResponse(42, Rcode.FORMERR)))
        .isInstanceOf(ResponseMatcher.Mismatch.class);
  }

  private static byte[] bareResponse(int id, int rcode) {
    Message response = new Message(id);
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setRcode(rcode);
    return response.toWire();
  }
}
