package io.rootwalk.interop;

/** The interop scenario corpus against Knot DNS ({@link KnotServer}). */
@InteropScenarios.ServedBy(KnotServer.class)
class KnotInteropTest extends InteropScenarios {}
