/**
 * The one-page HTML report of {@code gil-lab --report DIR}: speed-up charts, the convoy chart, a
 * GIL timeline of a short traced run per policy, per-thread GIL statistics, and the machine it ran
 * on, as inline SVG and CSS (no script, no network). Every name that comes from outside (a
 * program's path, a thread's name) goes through {@link dev.gillab.workloads.report.Html}, which
 * escapes it: a name is never markup.
 */
package dev.gillab.workloads.report;
