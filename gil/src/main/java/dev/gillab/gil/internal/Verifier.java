package dev.gillab.gil.internal;

import dev.gillab.gil.Instruction;
import dev.gillab.gil.Opcode;
import dev.gillab.gil.VerifyException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Checks a program before anything of it runs, as the JVM's verifier does for bytecode: operands in
 * range, jumps inside the code and in their direction, locals that are assigned somewhere, and a
 * stack depth that never underflows, stays under {@link #STACK_LIMIT}, is the same on every path
 * into an instruction, and is exactly 1 at each return. Control must never run off the end.
 */
public final class Verifier {
  /** The deepest value stack a frame may need. */
  public static final int STACK_LIMIT = 1024;

  private Verifier() {}

  /**
   * Verifies and returns the maximum stack depth.
   *
   * @throws VerifyException naming the line of the first fault found
   */
  public static int verify(
      String name, int paramCount, List<Instruction> code, List<String> localNames) {
    int n = code.size();
    if (n == 0) {
      throw new VerifyException(name, 1, "code has no instructions");
    }
    boolean[] assigned = new boolean[localNames.size()];
    Arrays.fill(assigned, 0, paramCount, true);
    for (Instruction in : code) {
      checkOperand(name, in, n);
      if (in.opcode() == Opcode.STORE_FAST) {
        assigned[in.arg()] = true;
      }
    }
    for (Instruction in : code) {
      if (in.opcode() == Opcode.LOAD_FAST && !assigned[in.arg()]) {
        throw new VerifyException(
            name, in.line(), "local '" + Echo.of(localNames.get(in.arg())) + "' is never assigned");
      }
    }
    return stackDepths(name, code);
  }

  private static void checkOperand(String name, Instruction in, int n) {
    Opcode op = in.opcode();
    int arg = in.arg();
    switch (op) {
      case BUILD_LIST,
          BUILD_TUPLE,
          BUILD_STRING,
          UNPACK_SEQUENCE,
          CALL_FUNCTION,
          CALL_FUNCTION_KW ->
          require(name, in, arg >= 0, op + " needs a count of at least 0, got " + arg);
      case SWAP -> require(name, in, arg >= 2, "SWAP needs an operand of at least 2, got " + arg);
      case IS_OP, CONTAINS_OP, RAISE_ASSERTION, FORMAT_VALUE ->
          require(name, in, arg == 0 || arg == 1, op + " needs an operand of 0 or 1, got " + arg);
      case LIST_APPEND, COPY ->
          require(name, in, arg >= 1, op + " needs an operand of at least 1, got " + arg);
      case CALL ->
          require(
              name,
              in,
              in.argc() >= 0,
              "CALL needs an argument count of at least 0, got " + in.argc());
      default -> {}
    }
    if (op.isJump()) {
      require(name, in, arg >= 0 && arg <= n, op + " jumps outside the code (to " + arg + ")");
    }
  }

  private static int stackDepths(String name, List<Instruction> code) {
    int n = code.size();
    int[] depth = new int[n];
    int[] from = new int[n];
    Arrays.fill(depth, -1);
    depth[0] = 0;
    from[0] = -1;
    Deque<Integer> work = new ArrayDeque<>();
    work.push(0);
    int max = 0;
    while (!work.isEmpty()) {
      int pc = work.pop();
      Instruction in = code.get(pc);
      int d = depth[pc];
      int pops;
      int pushes;
      int needs;
      switch (in.opcode()) {
        case LOAD_CONST, LOAD_FAST, LOAD_GLOBAL, IMPORT_NAME -> {
          pops = 0;
          pushes = 1;
          needs = 0;
        }
        case STORE_FAST, STORE_GLOBAL, POP_TOP, POP_JUMP_IF_FALSE, POP_JUMP_IF_TRUE -> {
          pops = 1;
          pushes = 0;
          needs = 1;
        }
        case BINARY_OP, COMPARE_OP, BINARY_SUBSCR, IS_OP, CONTAINS_OP -> {
          pops = 2;
          pushes = 1;
          needs = 2;
        }
        case UNARY_NEGATIVE, UNARY_NOT, GET_ITER, LOAD_ATTR, MAKE_FUNCTION, FORMAT_VALUE -> {
          pops = 1;
          pushes = 1;
          needs = 1;
        }
        case STORE_SUBSCR -> {
          pops = 3;
          pushes = 0;
          needs = 3;
        }
        case DELETE_SUBSCR -> {
          pops = 2;
          pushes = 0;
          needs = 2;
        }
        case UNPACK_SEQUENCE -> {
          pops = 1;
          pushes = in.arg();
          needs = 1;
        }
        case SWAP -> {
          pops = 0;
          pushes = 0;
          needs = in.arg();
        }
        case FOR_ITER -> {
          // Falls through with the iterator and its next item; jumps with the iterator popped.
          pops = 0;
          pushes = 1;
          needs = 1;
        }
        case CALL_FUNCTION -> {
          pops = in.arg() + 1;
          pushes = 1;
          needs = pops;
        }
        case CALL_FUNCTION_KW -> {
          pops = in.arg() + 2;
          pushes = 1;
          needs = pops;
        }
        case BEFORE_WITH -> {
          pops = 1;
          pushes = 2;
          needs = 1;
        }
        case RAISE_ASSERTION -> {
          if (d < in.arg()) {
            throw new VerifyException(
                name,
                in.line(),
                "RAISE_ASSERTION needs " + in.arg() + " value on the stack, has 0");
          }
          continue;
        }
        case BUILD_LIST, BUILD_TUPLE, BUILD_STRING -> {
          pops = in.arg();
          pushes = 1;
          needs = pops;
        }
        case LIST_APPEND -> {
          pops = 1;
          pushes = 0;
          needs = in.arg() + 1;
        }
        case CALL -> {
          pops = in.argc();
          pushes = 1;
          needs = pops;
        }
        case COPY -> {
          pops = 0;
          pushes = 1;
          needs = in.arg();
        }
        case RETURN_VALUE -> {
          if (d != 1) {
            throw new VerifyException(
                name, in.line(), "RETURN_VALUE needs exactly 1 value on the stack, has " + d);
          }
          continue;
        }
        case JUMP_FORWARD, JUMP_BACKWARD, NOP, DELETE_FAST, DELETE_GLOBAL -> {
          pops = 0;
          pushes = 0;
          needs = 0;
        }
        default -> throw new AssertionError(in);
      }
      if (d < needs) {
        throw new VerifyException(
            name,
            in.line(),
            in.opcode()
                + " needs "
                + needs
                + (needs == 1 ? " value" : " values")
                + " on the stack, has "
                + d);
      }
      int out = d - pops + pushes;
      if (out > STACK_LIMIT) {
        throw new VerifyException(
            name, in.line(), "stack depth exceeds the limit of " + STACK_LIMIT);
      }
      max = Math.max(max, out);
      Opcode op = in.opcode();
      if (op.isJump()) {
        int target = in.arg();
        boolean backward = op == Opcode.JUMP_BACKWARD;
        if (backward ? target > pc : target <= pc) {
          throw new VerifyException(
              name,
              in.line(),
              op
                  + " must jump "
                  + (backward ? "backward" : "forward")
                  + ", but its target is "
                  + (target == pc ? "itself" : describe(code, target)));
        }
        flow(name, code, depth, from, work, pc, target, op == Opcode.FOR_ITER ? d - 1 : out);
      }
      if (op != Opcode.JUMP_FORWARD && op != Opcode.JUMP_BACKWARD) {
        flow(name, code, depth, from, work, pc, pc + 1, out);
      }
    }
    return max;
  }

  private static String describe(List<Instruction> code, int target) {
    return target >= code.size() ? "the end of the code" : "line " + code.get(target).line();
  }

  private static void flow(
      String name,
      List<Instruction> code,
      int[] depth,
      int[] from,
      Deque<Integer> work,
      int pc,
      int next,
      int d) {
    if (next >= code.size()) {
      throw new VerifyException(name, code.get(pc).line(), "control runs off the end of the code");
    }
    if (depth[next] == -1) {
      depth[next] = d;
      from[next] = pc;
      work.push(next);
    } else if (depth[next] != d) {
      throw new VerifyException(
          name,
          code.get(next).line(),
          "stack depth is "
              + d
              + " coming from line "
              + code.get(pc).line()
              + " but "
              + depth[next]
              + (from[next] < 0
                  ? " at the start"
                  : " coming from line " + code.get(from[next]).line()));
    }
  }

  private static void require(String name, Instruction in, boolean ok, String detail) {
    if (!ok) {
      throw new VerifyException(name, in.line(), detail);
    }
  }
}
