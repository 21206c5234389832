/**
 * gil speaks Python: {@link dev.gillab.gil.python.PythonCompiler} compiles a subset of Python 3 to
 * gil's bytecode ({@link dev.gillab.gil.Code}), which the eval loop runs; CPython 3.11 is the
 * oracle for what a program prints and for how a bad program is refused ({@link
 * dev.gillab.gil.python.PythonSyntaxError}).
 *
 * <h2>Design</h2>
 *
 * <p>Four passes, as in CPython, each refusing what it is the first to see, so that errors come in
 * CPython's order: the tokenizer (indentation, brackets, literals), the parser (an AST of records;
 * recursive descent over CPython's grammar with its precedence levels and its specific messages for
 * common mistakes), the scope analysis (which names are locals; misplaced {@code global}) and the
 * code generator ({@code return} outside a function, {@code break} outside a loop). Constructs
 * outside the subset are refused as {@code NotImplementedError}, naming the construct ("class
 * definitions is not supported in gil-lab's Python subset").
 *
 * <p>The generator emits fixed shapes, which the VM's superinstructions and the tests rely on:
 *
 * <ul>
 *   <li>Module code is {@code <module>}; every module-level name is a global. A {@code def} (at
 *       module level only) is a code constant: {@code LOAD_CONST <code f>; MAKE_FUNCTION;
 *       STORE_GLOBAL f}. In a function, names bound in the body and not declared {@code global} are
 *       locals (LOAD_FAST/STORE_FAST/DELETE_FAST), all others LOAD_GLOBAL, which falls back to the
 *       builtins.
 *   <li>{@code f(a, k=v)} is {@code <f> <a> <v> LOAD_CONST ('k',) CALL_FUNCTION_KW 2}; {@code
 *       x.m(a)} is {@code <x> LOAD_ATTR m <a> CALL_FUNCTION 1}.
 *   <li>{@code x op= y} is {@code <x> <y> BINARY_OP op= STORE x}; {@code x[i] op= y} keeps
 *       container and index with COPY and SWAP.
 *   <li>{@code while c: b} is {@code top: <c> POP_JUMP_IF_FALSE end <b> JUMP_BACKWARD top end:};
 *       {@code for x in e} keeps the iterator on the stack under FOR_ITER; only JUMP_BACKWARD jumps
 *       backward, so every loop passes an eval-breaker check.
 *   <li>{@code with m:} keeps the exit callable on the stack for the block; break, continue and
 *       return call it on the way out, and a return value is swapped under what is left on the
 *       stack, since RETURN_VALUE needs exactly one value there.
 *   <li>{@code a < b < c}, {@code and}, {@code or}: COPY and conditional jumps; conditions of if,
 *       while and assert jump directly. Negative numeric literals and tuples of constants fold into
 *       constants. f-strings are FORMAT_VALUE and BUILD_STRING.
 * </ul>
 *
 * <p>Every instruction carries the line of the statement or expression it comes from. Code that
 * cannot be reached is not emitted, as in CPython.
 *
 * <p>Limits are CPython's: 200 nested brackets ("too many nested parentheses"), 100 indentation
 * levels, expressions nested about 3,000 deep (CPython's RecursionError "maximum recursion depth
 * exceeded during compilation"); ints are 64-bit ("int literal too large for 64 bits").
 */
package dev.gillab.gil.python;
