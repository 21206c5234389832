package dev.gillab.process;

import java.util.Optional;

/** The kinds of frame on the wire, each with its one-byte code. Immutable; thread-safe. */
public enum FrameType {
  /** Parent to worker, first frame: run the initializer named in the frame (or none if empty). */
  INIT(1),
  /** Worker to parent: initialized and ready for requests. */
  READY(2),
  /** Parent to worker: run the named task on the payload. */
  REQUEST(3),
  /** Worker to parent: the task's result bytes. */
  RESULT(4),
  /** Worker to parent: the task threw; the payload is the UTF-8 description. */
  FAILURE(5),
  /** Parent to worker: finish and exit with code 0. */
  SHUTDOWN(6),
  /**
   * Worker to parent, before it runs a requested task: the request is read and the task starts. A
   * worker that dies before sending it never ran the task, so the task goes to another worker.
   */
  STARTED(7);

  private final byte code;

  FrameType(int code) {
    this.code = (byte) code;
  }

  /**
   * The byte that stands for this type on the wire.
   *
   * @return the type's code
   */
  public byte code() {
    return code;
  }

  /**
   * The type a wire byte stands for, if any.
   *
   * @param code a byte read from the wire
   * @return the type, or empty for a code no type has
   */
  public static Optional<FrameType> fromCode(byte code) {
    for (FrameType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
