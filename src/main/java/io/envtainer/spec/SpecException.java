package io.envtainer.spec;

/**
 * Bad input: one line that says where (file:line:column), what was expected, and a hint.
 * The CLI prints {@link #getMessage()} and exits 2; never a stack trace.
 */
public class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SourceLocation location;
  private final String problem;
  private final String hint;

  public SpecException(SourceLocation location, String problem, String hint) {
    super(format(location, problem, hint));
    this.location = location;
    this.problem = problem;
    this.hint = hint;
  }

  public SpecException(SourceLocation location, String problem) {
    this(location, problem, null);
  }

  public SourceLocation location() {
    return location;
  }

  public String problem() {
    return problem;
  }

  public String hint() {
    return hint;
  }

  private static String format(SourceLocation where, String problem, String hint) {
    String text = (where == null ? "<input>" : where.toString()) + ": error: " + problem.replace('\n', ' ');
    return hint == null || hint.isBlank() ? text : text + " (hint: " + hint.replace('\n', ' ') + ")";
  }
}
