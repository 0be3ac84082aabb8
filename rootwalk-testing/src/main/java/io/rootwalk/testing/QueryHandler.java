package io.rootwalk.testing;

/**
 * What a {@link LabNetwork} hands each query to: the bytes as received and the transport, returning
 * what to send back. Both the world's {@link LabServer}s and a {@link ScriptedServer} answer
 * through it, so they share one network loop.
 */
interface QueryHandler {

  /**
   * Answers one query; called on the network's selector thread only.
   *
   * @param wire the query as received
   * @param protocol UDP or TCP
   * @return the messages to send, {@link Reply#NONE} for none
   */
  Reply handle(byte[] wire, Wire protocol);
}
