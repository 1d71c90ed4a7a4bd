/**
 * Small services, one per adapter, that the agent tests start in child JVMs with and without the OpenTelemetry Java
 * agent: each serves {@code GET /users/{id}}, logs one SLF4J event per request and prints a ready line. Not in
 * {@code io.scanium.telemetry}, whose log events the library never exports.
 */
package com.example.agentapps;
