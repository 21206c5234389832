package dev.gillab.workloads;

import dev.gillab.gil.ProgramRunner;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gil-lab dis FILE}: prints a program's bytecode in the layout of CPython's {@code dis}
 * (gil's {@code Dis}), for a Python file or an assembler one, without running it; exit 0, or 2 when
 * it cannot be read or does not compile. It runs nothing, so the top command's options are refused
 * before it. Not thread-safe: one run per instance.
 */
@Command(
    name = "dis",
    mixinStandardHelpOptions = true,
    description = {
      "Print a program's bytecode (FILE.py or an assembler file) as CPython's dis lays it out.",
      "Exit status: 0 printed; 2 the file could not be read or does not compile."
    })
final class DisCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "A Python or assembler program.")
  Path file;

  @Override
  public Integer call() {
    refuseTheTopOptions();
    return ProgramRunner.builder().out(parent.out).err(parent.err).build().dis(file);
  }
}
