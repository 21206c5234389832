package dev.gillab.gil.internal;

import dev.gillab.gil.BinaryOp;
import dev.gillab.gil.Instruction;
import dev.gillab.gil.Opcode;
import java.util.List;

/**
 * Fuses the two four-instruction sequences that make up most counting loops into one dispatch each,
 * as CPython's specializing interpreter does with its own superinstructions:
 *
 * <ul>
 *   <li>{@code LOAD_FAST x; LOAD_CONST c; COMPARE_OP op; POP_JUMP_IF_FALSE/TRUE L} becomes {@link
 *       EvalLoop#FUSED_COMPARE_JUMP};
 *   <li>{@code LOAD_FAST x; LOAD_CONST c; BINARY_OP op; STORE_FAST y} becomes {@link
 *       EvalLoop#FUSED_BINARY_STORE}.
 * </ul>
 *
 * Only the first word of a sequence changes; the other three stay as they were, so when a fused
 * instruction finds operands it does not handle (not ints) it runs its first instruction and
 * carries on with the originals. Nothing is fused across a jump target, and nothing at all when the
 * eval breaker is checked before every instruction (a switch may fall between any two). The
 * observable behaviour is the same: reference counts, results, errors and their lines, and the
 * instruction budget (a fused instruction counts as four).
 */
final class Superinstructions {
  private Superinstructions() {}

  @SuppressWarnings("EnumOrdinal") // BINARY_OP's argument is the operator's place in BinaryOp
  static void fuse(int[] words, List<Instruction> ins) {
    int n = ins.size();
    boolean[] target = new boolean[n + 1];
    for (Instruction in : ins) {
      if (in.opcode().isJump()) {
        target[in.arg()] = true;
      }
    }
    for (int pc = 0; pc + 3 < n; pc++) {
      if (ins.get(pc).opcode() != Opcode.LOAD_FAST
          || ins.get(pc + 1).opcode() != Opcode.LOAD_CONST
          || target[pc + 1]
          || target[pc + 2]
          || target[pc + 3]) {
        continue;
      }
      Opcode third = ins.get(pc + 2).opcode();
      Opcode fourth = ins.get(pc + 3).opcode();
      int x = ins.get(pc).arg();
      if (third == Opcode.COMPARE_OP
          && (fourth == Opcode.POP_JUMP_IF_FALSE || fourth == Opcode.POP_JUMP_IF_TRUE)) {
        words[pc] = LinkedCode.word(EvalLoop.FUSED_COMPARE_JUMP, x);
        pc += 3;
      } else if (third == Opcode.BINARY_OP
          && fourth == Opcode.STORE_FAST
          && BinaryOp.values()[ins.get(pc + 2).arg()].plain() != BinaryOp.TRUE_DIVIDE) {
        // True division makes a float: the fused int arithmetic does not apply.
        words[pc] = LinkedCode.word(EvalLoop.FUSED_BINARY_STORE, x);
        pc += 3;
      }
    }
  }
}
