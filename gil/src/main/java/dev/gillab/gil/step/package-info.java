/**
 * Stepping a Python program's threads by hand, and searching their schedules: a {@link
 * dev.gillab.gil.step.Stepper} runs the interpreter's threads one step at a time on one Java thread
 * under an outside chooser, so a schedule is a list of thread ids and a run is a pure function of
 * it; an {@link dev.gillab.gil.step.Explorer} enumerates schedules by preemption bound for one that
 * reaches a {@link dev.gillab.gil.step.Goal}; {@link dev.gillab.gil.step.Levels} are the built-in
 * challenges.
 */
package dev.gillab.gil.step;
