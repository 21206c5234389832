/**
 * The server of {@code gil-lab serve}: a page where a learner is the scheduler, stepping the
 * threads of a level's program or of their own, and the JSON API the page talks to, on the JDK's
 * own HTTP server. Only {@link dev.gillab.workloads.serve.LabServer} and its {@link
 * dev.gillab.workloads.serve.ServeLimits} are public; the routes, sessions, JSON views and page
 * files are the package's own. It runs programs it is sent, so it listens on loopback unless told
 * otherwise, bounds what a client may use by its limits, and answers every refusal with a status
 * and one line of JSON, never a stack trace.
 */
package dev.gillab.workloads.serve;
