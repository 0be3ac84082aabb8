package io.rootwalk.interop;

/** The interop scenario corpus against BIND 9 ({@link BindServer}). */
@InteropScenarios.ServedBy(BindServer.class)
class BindInteropTest extends InteropScenarios {}
