package dev.gillab.gil.step;

/**
 * One instruction of a program's bytecode, as {@code gil-lab dis} prints it: a page lays the
 * program's listing out once ({@link Stepper#bytecode()}) and marks each thread's next instruction
 * in it by {@link Snapshot.ThreadView#code()} and {@link Snapshot.ThreadView#nextOffset()}.
 *
 * @param code the name of the code object the instruction belongs to ({@code <module>}, or a
 *     function's name)
 * @param offset the instruction's offset in its code object, two bytes an instruction, as {@code
 *     dis} counts
 * @param line the source line it comes from
 * @param text the opcode, its argument and what the argument means, e.g. {@code LOAD_GLOBAL 0
 *     (counter)}
 */
public record CodeLine(String code, int offset, int line, String text) {}
