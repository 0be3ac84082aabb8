package io.rootwalk.interop;

/** The interop scenario corpus against NSD ({@link NsdServer}). */
@InteropScenarios.ServedBy(NsdServer.class)
class NsdInteropTest extends InteropScenarios {}
