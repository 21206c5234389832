package dev.gillab.gil;

import com.google.errorprone.annotations.Immutable;

/**
 * One instruction of a {@link Code}. {@code arg} is an index into the code's tables (constants,
 * locals, globals, builtin names), a {@link BinaryOp} or {@link CompareOp} ordinal, an instruction
 * index (jumps) or a count; {@code argc} is the argument count of {@link Opcode#CALL}. {@code line}
 * is the source line errors name.
 */
@Immutable
public record Instruction(Opcode opcode, int arg, int argc, int line) {}
