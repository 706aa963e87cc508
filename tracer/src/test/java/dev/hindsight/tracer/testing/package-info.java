/** Test support shared by the tracer's tests: fixture programs compiled once per run, and their markers. */
package dev.hindsight.tracer.testing;
